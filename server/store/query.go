package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/channel-todo/channel-todo/server/todo"
)

// textArray renders a PostgreSQL text[] literal, so array parameters need no
// driver-specific type (the plugin database driver only carries plain values).
func textArray(values []string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// int64Array is values as a PostgreSQL array literal, for a $n::bigint[] parameter.
func int64Array(values []int64) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(v, 10))
	}
	b.WriteByte('}')
	return b.String()
}

// where collects SQL conditions and their numbered arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}

func (w *where) add(format string, values ...any) {
	placeholders := make([]any, len(values))
	for i, v := range values {
		placeholders[i] = w.arg(v)
	}
	w.conds = append(w.conds, fmt.Sprintf(format, placeholders...))
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// List returns one page of a list (never soft-deleted todos).
func (s *Store) List(ctx context.Context, q todo.StoreQuery) ([]todo.Todo, error) {
	inner, order, args := listQuery(q)
	return queryTodos(ctx, s.reader(ctx), inner, order, args...)
}

// Page returns a page of a list with the list's version and counts, in one
// statement: the version is that of the snapshot the page was read from. With
// q.Encoded the todos stay as PostgreSQL wrote them (todoObject), split
// apart without being parsed, with their thread roots beside them.
func (s *Store) Page(ctx context.Context, q todo.StoreQuery) (todo.StorePage, error) {
	inner, order, args := listQuery(q)
	args = append(args, q.ListID)
	list := fmt.Sprintf("$%d", len(args))
	// Every todo of the page is of q.ListID (listQuery's condition), so its "list_id" and
	// "scope" keys are written once, here, not worked out in SQL for each todo.
	args = append(args, listKeys(q.ListID))
	object := todoObjectWith(fmt.Sprintf("$%d::text", len(args)))
	h := s.reader(ctx)
	// Membership decides access, so it is read only where it is current:
	// the primary (a replica handle is the primary's when there is none).
	member := "false"
	if scope, ok := todo.ScopeFromListID(q.ListID); ok && q.Reader != "" && scope.Kind == todo.ScopeChannel && h == s.db {
		args = append(args, scope.ChannelID, q.Reader)
		member = memberOf(fmt.Sprintf("$%d", len(args)-1), fmt.Sprintf("$%d", len(args)))
	}
	var doc, roots []byte
	var p todo.StorePage
	cols, names, extra := "page.doc", "doc", []string(nil)
	if q.Encoded {
		cols, names = cols+", page.roots", names+", roots"
		extra = append(extra, threadRoots(order))
	} else {
		cols += ", NULL"
	}
	err := oneRow(ctx, h, `SELECT `+cols+`, COALESCE(l.version, 0), COALESCE(l.open_count, 0), COALESCE(l.done_count, 0), `+member+`
		FROM (`+todosQueryOf(object, inner, order, extra...)+`) page(`+names+`)
		LEFT JOIN channeltodo_lists l ON l.id = `+list, args, &doc, &roots, &p.Version, &p.Open, &p.Done, &p.Member)
	if err != nil {
		return todo.StorePage{}, fmt.Errorf("listing todos: %w", err)
	}
	if q.Encoded {
		p.Encoded, err = splitTodos(doc, roots)
		return p, err
	}
	p.Todos, err = decodeTodos(doc)
	return p, err
}

// threadRoots is the aggregate, over todosQuery's todos t in order, of their thread roots
// (todo.Todo.ThreadRoot) as a JSON array text: what splitTodos pairs an encoded page's todos
// with, so that their reply counts need no todo decoded.
func threadRoots(order string) string {
	return `COALESCE(json_agg(CASE WHEN t.root_id <> '' THEN t.root_id ELSE t.post_id END ORDER BY ` + order + `), '[]')::text`
}

// listQuery is the SQL of a page of a list: the query of its rows, their
// order and the arguments.
func listQuery(q todo.StoreQuery) (string, string, []any) {
	w := &where{}
	w.add("t.list_id = %s", q.ListID)
	w.conds = append(w.conds, "t.deleted_at = 0")
	w.conds = append(w.conds, filterConds(w, q)...)
	var order string
	switch q.Order {
	case todo.OrderPriority:
		// Spelled as the index channeltodo_todos_list_priority is, so a page walks it.
		order = "(-t.priority), t.position, t.id"
		if q.After != nil {
			w.add("((-t.priority), t.position, t.id) > (%s, %s, %s)", -q.After.Rank, q.After.Key, q.After.ID)
		}
	case todo.OrderDue:
		// Undated todos last; spelled as the index channeltodo_todos_list_due is.
		order = "(t.due_date = ''), t.due_date, t.due_time, t.position, t.id"
		if q.After != nil {
			w.add("((t.due_date = ''), t.due_date, t.due_time, t.position, t.id) > (%s = '', %s, %s, %s, %s)",
				q.After.DueDate, q.After.DueDate, q.After.DueTime, q.After.Key, q.After.ID)
		}
	case todo.OrderCompleted:
		order = "t.completed_at DESC, t.id DESC"
		if q.After != nil {
			w.add("(t.completed_at, t.id) < (%s, %s)", q.After.Key, q.After.ID)
		}
	case todo.OrderCreated:
		order = "t.created_at, t.id"
		if q.After != nil {
			w.add("(t.created_at, t.id) > (%s, %s)", q.After.Key, q.After.ID)
		}
	default:
		order = "t.position, t.id"
		if q.After != nil {
			w.add("(t.position, t.id) > (%s, %s)", q.After.Key, q.After.ID)
		}
	}
	limit := w.arg(q.Limit)
	return `SELECT ` + todoColumns + ` FROM channeltodo_todos t` + w.String() +
		` ORDER BY ` + order + ` LIMIT ` + limit + offset(w, q.Skip), order, w.args
}

// filterConds are the conditions of q's state and filters on a todo t,
// the same for a list's page and Mine's.
func filterConds(w *where, q todo.StoreQuery) []string {
	var conds []string
	if q.State != "" {
		conds = append(conds, "t.state = "+w.arg(string(q.State)))
	}
	if q.Assignee != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM channeltodo_assignees f WHERE f.todo_id = t.id AND f.user_id = "+w.arg(q.Assignee)+")")
	}
	if q.CompletedBy != "" {
		conds = append(conds, "t.completed_by = "+w.arg(q.CompletedBy))
	}
	if q.DueBefore != "" {
		conds = append(conds, "t.due_date <> '' AND t.due_date <= "+w.arg(q.DueBefore))
	}
	if q.HasDue != nil {
		if *q.HasDue {
			conds = append(conds, "t.due_date <> ''")
		} else {
			conds = append(conds, "t.due_date = ''")
		}
	}
	if q.Priority != nil {
		conds = append(conds, "t.priority = "+w.arg(int(*q.Priority)))
	}
	return conds
}

// offset is the OFFSET clause of a chat view's numbered page ("" for none).
func offset(w *where, skip int) string {
	if skip <= 0 {
		return ""
	}
	return ` OFFSET ` + w.arg(skip)
}

// Count reads the list's counters, which triggers keep (migration 0002).
func (s *Store) Count(ctx context.Context, listID string, state todo.State) (int, error) {
	var open, done int
	err := s.reader(ctx).QueryRowContext(ctx, `SELECT open_count, done_count FROM channeltodo_lists WHERE id = $1`, listID).Scan(&open, &done)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("counting todos: %w", err)
	}
	switch state {
	case todo.StateOpen:
		return open, nil
	case todo.StateDone:
		return done, nil
	}
	return open + done, nil
}

// AssignedChannels returns the channels where userID has assignments. It
// reads only the assignees index; channels whose assigned todos are all
// deleted may be included, which costs the caller one permission check and
// changes no result.
func (s *Store) AssignedChannels(ctx context.Context, userID string) ([]string, error) {
	var doc []byte
	err := s.reader(ctx).QueryRowContext(ctx, `
		SELECT COALESCE(json_agg(c.channel_id ORDER BY c.channel_id), '[]'::json)::text
		FROM (SELECT DISTINCT channel_id FROM channeltodo_assignees WHERE user_id = $1 AND channel_id <> '') c`,
		userID).Scan(&doc)
	if err != nil {
		return nil, fmt.Errorf("listing assigned channels: %w", err)
	}
	var out []string
	if err := json.Unmarshal(doc, &out); err != nil {
		return nil, fmt.Errorf("decoding assigned channels: %w", err)
	}
	return out, nil
}

// AssignedOutsideMemberships returns the channels where userID has
// assignments but no membership in Mattermost's ChannelMembers table (or
// which Mattermost's Channels table does not hold). It reads the primary, as
// ChannelAccess does: a membership must not outlive the user leaving.
func (s *Store) AssignedOutsideMemberships(ctx context.Context, userID string) ([]string, error) {
	var doc []byte
	err := s.db.QueryRowContext(ctx, `
		SELECT COALESCE(json_agg(c.channel_id ORDER BY c.channel_id), '[]'::json)::text
		FROM (SELECT DISTINCT a.channel_id FROM channeltodo_assignees a
		      WHERE a.user_id = $1 AND a.channel_id <> '' AND NOT `+memberOf("a.channel_id", "$1")+`) c`,
		userID).Scan(&doc)
	if err != nil {
		return nil, fmt.Errorf("listing assigned channels outside memberships: %w", err)
	}
	var out []string
	if err := json.Unmarshal(doc, &out); err != nil {
		return nil, fmt.Errorf("decoding assigned channels: %w", err)
	}
	return out, nil
}

// memberOf is the condition "user is a member of channel" on Mattermost's
// own tables, with the channel known to Mattermost, as ChannelAccess.Facts
// reads it (archived channels keep their members).
func memberOf(channel, user string) string {
	return `EXISTS (SELECT 1 FROM channelmembers cm JOIN channels ch ON ch.id = cm.channelid
		WHERE cm.channelid = ` + channel + ` AND cm.userid = ` + user + `)`
}

// mineReader is the handle Mine reads with: the primary when it joins
// memberships (access must not lag), the usual reader otherwise.
func (s *Store) mineReader(ctx context.Context, q todo.MineStoreQuery) *sql.DB {
	if q.Members {
		return s.db
	}
	return s.reader(ctx)
}

// Mine returns the user's personal todos and the todos assigned to the user
// in the given channels (and, with q.Members, in the channels the user is a
// member of), oldest first.
func (s *Store) Mine(ctx context.Context, q todo.MineStoreQuery) ([]todo.Todo, error) {
	w := &where{}
	personal, assigned := mineParts(w, q, func() string { return memberOf("a.channel_id", w.arg(q.UserID)) })
	order, _, _ := mineOrderBy(q.MineOrder())
	return queryTodos(ctx, s.mineReader(ctx, q), minePageQuery(w, q, personal, assigned), order, w.args...)
}

// minePageQuery is the query of Mine's rows. Each half stops at the page
// size in page order (in Mine's own order, each walks its own index); the
// union is then merged.
func minePageQuery(w *where, q todo.MineStoreQuery, personal, assigned string) string {
	// Each half needs at most skip+limit rows for the merged page.
	limit := w.arg(q.Limit + max(q.Skip, 0))
	order, personalOrder, assignedOrder := mineOrderBy(q.MineOrder())
	personalAfter, assignedAfter := "", ""
	if q.After != nil {
		after := mineAfter(w, q.MineOrder(), q.After)
		personalAfter = fmt.Sprintf(" AND (%s) > (%s)", personalOrder, after)
		assignedAfter = fmt.Sprintf(" AND (%s) > (%s)", assignedOrder, after)
	}
	return `SELECT ` + todoColumns + ` FROM (
		(SELECT ` + todoColumns + ` FROM channeltodo_todos t
		 WHERE ` + personal + personalAfter + `
		 ORDER BY ` + personalOrder + ` LIMIT ` + limit + `)
		UNION ALL
		(SELECT ` + todoColumns + ` FROM channeltodo_assignees a JOIN channeltodo_todos t ON t.id = a.todo_id
		 WHERE ` + assigned + assignedAfter + `
		 ORDER BY ` + assignedOrder + ` LIMIT ` + limit + `)
	) t ORDER BY ` + order + ` LIMIT ` + w.arg(q.Limit) + offset(w, q.Skip)
}

// mineOrderBy is Mine's order in o: of the merged page, of the personal half
// and of the assigned half. In Mine's own order the assigned half follows the
// assignees index (user_id, created_at, todo_id), whose created_at is the
// todo's; the sorts read the user's own rows and sort them.
func mineOrderBy(o todo.Order) (merged, personal, assigned string) {
	switch o {
	case todo.OrderPriorityCreated:
		by := "(-t.priority), t.created_at, t.id"
		return by, by, by
	case todo.OrderDueCreated:
		by := "(t.due_date = ''), t.due_date, t.due_time, t.created_at, t.id"
		return by, by, by
	}
	return "t.created_at, t.id", "t.created_at, t.id", "a.created_at, a.todo_id"
}

// mineAfter is the cursor's row value in order o, compared with mineOrderBy's.
func mineAfter(w *where, o todo.Order, c *todo.Cursor) string {
	switch o {
	case todo.OrderPriorityCreated:
		return w.arg(-c.Rank) + ", " + w.arg(c.Key) + ", " + w.arg(c.ID)
	case todo.OrderDueCreated:
		date := w.arg(c.DueDate)
		return date + " = '', " + date + ", " + w.arg(c.DueTime) + ", " + w.arg(c.Key) + ", " + w.arg(c.ID)
	}
	return w.arg(c.Key) + ", " + w.arg(c.ID)
}

// mineParts are the conditions of Mine's two halves: the personal list, and
// the user's assignments in the given channels (or, with q.Members, where
// member, a condition on a.channel_id, holds).
func mineParts(w *where, q todo.MineStoreQuery, member func() string) (personal, assigned string) {
	list := w.arg(todo.PersonalScope(q.UserID).ListID())
	user := w.arg(q.UserID)
	extra := ""
	for _, c := range filterConds(w, q.Filter("")) {
		extra += " AND " + c
	}
	var inChannels string
	switch {
	case !q.Members:
		inChannels = `a.channel_id = ANY(` + w.arg(textArray(q.ChannelIDs)) + `::text[])`
	case len(q.ChannelIDs) == 0:
		inChannels = member()
	default:
		inChannels = `(a.channel_id = ANY(` + w.arg(textArray(q.ChannelIDs)) + `::text[]) OR ` + member() + `)`
	}
	return `t.list_id = ` + list + ` AND t.deleted_at = 0` + extra,
		`a.user_id = ` + user + ` AND ` + inChannels + ` AND t.deleted_at = 0` + extra
}

// MinePage reads, in one statement on the primary: the page, the assigned
// channels outside the user's memberships that could change it and, with
// upTo > 0, the count, up to upTo+1. Before, these were three statements,
// each with its own round trips and planning, and two of them read the
// memberships. With q.Encoded the todos stay as PostgreSQL wrote them, as
// Page leaves them.
func (s *Store) MinePage(ctx context.Context, q todo.MineStoreQuery, upTo int) (todo.MinePage, error) {
	query, args := minePageStatement(q, upTo, false)
	row, err := s.minePage(ctx, query, args)
	if err == nil && row.capped {
		// More assignments outside the memberships before the page's end (or
		// the count's) than the bounded statement looks at: the statement that
		// names every such channel.
		query, args = minePageStatement(q, upTo, true)
		row, err = s.minePage(ctx, query, args)
	}
	if err != nil {
		return todo.MinePage{}, err
	}
	p := todo.MinePage{Total: row.total}
	if err := json.Unmarshal(row.outside, &p.Outside); err != nil {
		return todo.MinePage{}, fmt.Errorf("decoding the channels outside the memberships: %w", err)
	}
	if q.Encoded {
		p.Encoded, err = splitTodos(row.todos, row.roots)
	} else {
		p.Todos, err = decodeTodos(row.todos)
	}
	if err != nil {
		return todo.MinePage{}, err
	}
	return p, nil
}

// minePageRow is the row MinePage's statement returns, a column for each part (mineColumns):
// only the short list of channels is parsed as JSON, and the todos not at all when they are
// asked for encoded. As one json_build_object, the todos' text was parsed by PostgreSQL (cast
// to json) and twice in Go (the object, then the todos in it), to be encoded again.
type minePageRow struct {
	outside, todos, roots []byte
	capped                bool
	total                 int
}

func (s *Store) minePage(ctx context.Context, query string, args []any) (minePageRow, error) {
	var row minePageRow
	if err := oneRow(ctx, s.db, query, args, &row.outside, &row.capped, &row.todos, &row.roots, &row.total); err != nil {
		return row, fmt.Errorf("listing my todos: %w", err)
	}
	return row, nil
}

// mineColumns is the select list and FROM of MinePage's statements, the columns minePage reads:
// outside (a query of channel ids, named in order once each), capped, the todos of page (a query
// of todoColumns aliased t) in order as todosQuery writes them, their thread roots when q asks
// for the todos encoded (NULL otherwise), and count.
func mineColumns(q todo.MineStoreQuery, outside, capped, page, order, count string) string {
	var extra []string
	roots, names := "NULL::text", "doc"
	if q.Encoded {
		extra = append(extra, threadRoots(order))
		roots, names = "td.roots", "doc, roots"
	}
	return `
		SELECT (SELECT COALESCE(json_agg(DISTINCT o.channel_id ORDER BY o.channel_id), '[]'::json) FROM (` + outside + `) o)::text,
			` + capped + `, td.doc, ` + roots + `, ` + count + `
		FROM (` + todosQuery(page, order, extra...) + `) td(` + names + `)`
}

// minePageStatement is MinePage's statement and arguments: the bounded one
// (minePageBounded), or with all the one that names every assigned channel
// outside the memberships (minePageAll).
func minePageStatement(q todo.MineStoreQuery, upTo int, all bool) (string, []any) {
	if all {
		return minePageAll(q, upTo)
	}
	return minePageBounded(q, upTo)
}

// mineCount is the expression of Mine's count up to upTo+1 (-1 for upTo 0):
// each half stops after upTo+1 rows, so the count costs what a page of that
// size does, however many todos there are. assignedCounted, if not "", is a
// query of the assigned half's counted rows, already limited.
func mineCount(w *where, upTo int, personal, assigned, assignedCounted string) string {
	if upTo <= 0 {
		return `-1`
	}
	n := w.arg(upTo + 1)
	if assignedCounted == "" {
		assignedCounted = `SELECT 1 FROM channeltodo_assignees a JOIN channeltodo_todos t ON t.id = a.todo_id WHERE ` + assigned + ` LIMIT ` + n
	}
	return `LEAST((SELECT count(*) FROM (SELECT 1 FROM channeltodo_todos t WHERE ` + personal + ` LIMIT ` + n + `) p) +
			(SELECT count(*) FROM (` + assignedCounted + `) c), ` + n + `)`
}

// minePageAll is MinePage's statement that names every assigned channel
// outside the memberships, for when the bounded one found more assignments
// outside them than it looks at.
//
// It starts from the user's assignments, not from the memberships: only the
// channels with assignments (asg) are looked up in Mattermost's
// ChannelMembers and Channels (mem), however many channels the user belongs
// to. In Mine's own order, the page's assigned half walks the assignments
// index in page order, keeping the rows whose channel is in mem, and stops at
// the page size (the sorts read the user's rows and sort them). The
// membership test is written as a filter ("IS TRUE" keeps PostgreSQL from
// turning it into a join), so the walk stays in index order whatever the
// planner guesses about Mattermost's tables: as a join, with no statistics on
// them yet, it read every assigned todo, then sorted them all for a page of 50.
func minePageAll(q todo.MineStoreQuery, upTo int) (string, []any) {
	q.Members = true
	w := &where{}
	user := w.arg(q.UserID)
	mem := `(a.channel_id IN (SELECT channel_id FROM mem)) IS TRUE`
	personal, assigned := mineParts(w, q, func() string { return mem })
	count := mineCount(w, upTo, personal, assigned, "")
	page := minePageQuery(w, q, personal, assigned)
	order, _, _ := mineOrderBy(q.MineOrder())
	return `WITH asg AS MATERIALIZED (
			SELECT DISTINCT a.channel_id FROM channeltodo_assignees a WHERE a.user_id = ` + user + ` AND a.channel_id <> ''),
		mem AS MATERIALIZED (
			SELECT g.channel_id FROM asg g WHERE ` + memberOf("g.channel_id", user) + `)
` + mineColumns(q, `SELECT g.channel_id FROM asg g WHERE g.channel_id NOT IN (SELECT channel_id FROM mem)`,
		`false`, page, order, count), w.args
}

// minePageBounded is MinePage's statement: it looks up memberships only for
// the assignments up to the page's end and, with the count, up to the
// count's. The page's assigned half asks, row by row in page order, whether
// the user is a member of the row's channel. "out" names the channels of the
// assignments the page could show (of the query's state and filters, after
// the cursor, up to the page's last todo, or all of them when the page is not
// full) where the user is not a member, asking only of those not on the page.
// With the count, "walked" reads the
// user's assignments in Mine's own order (the assignments index's), up to
// upTo+1 and outsideCap more, and "walkmem" asks the same once of each of
// their channels: the assignments in those (or in q.ChannelIDs) are counted,
// and the others before where the count stops (its upTo+1th, "reach"; all of
// them when it does not get there) are named too. An assignment beyond both
// cannot change the page nor the count, whether its channel is readable or
// not, so a page costs one lookup per todo it shows and one per assignment
// it could show but does not, and the count one per channel among the
// assignments it walks, however many channels the user has assignments in.
func minePageBounded(q todo.MineStoreQuery, upTo int) (string, []any) {
	q.Members = true
	w := &where{}
	user := w.arg(q.UserID)
	personal, assigned := mineParts(w, q, func() string { return memberProbe("a.channel_id", user) })
	page := minePageQuery(w, q, personal, assigned)
	order, _, assignedOrder := mineOrderBy(q.MineOrder())
	filters := ""
	for _, c := range filterConds(w, q.Filter("")) {
		filters += " AND " + c
	}
	// The page's todos are skipped before the membership is asked: each is of a member channel
	// (the page's half asked already) or of one of q.ChannelIDs, whose assignments are still
	// asked about so that those channels are named as before. Asked again, a page of 50 cost
	// 50 more lookups here.
	notOnPage := `a.todo_id NOT IN (SELECT id FROM page)`
	if len(q.ChannelIDs) > 0 {
		notOnPage = `(` + notOnPage + ` OR a.channel_id = ANY(` + w.arg(textArray(q.ChannelIDs)) + `::text[]))`
	}
	others := `a.user_id = ` + user + ` AND a.channel_id <> '' AND ` + notOnPage + ` AND NOT ` + memberProbe("a.channel_id", user) + ` AND t.deleted_at = 0` + filters
	if q.After != nil {
		others += fmt.Sprintf(" AND (%s) > (%s)", assignedOrder, mineAfter(w, q.MineOrder(), q.After))
	}
	last := strings.Split(order, ", ")
	for i := range last {
		last[i] += " DESC"
	}
	full := w.arg(q.Limit)
	if q.MineOrder() == todo.OrderCreated {
		// The same bound as an index condition, so the walk stops there.
		others += ` AND a.created_at <= COALESCE((SELECT max(created_at) FROM page HAVING count(*) >= ` + full + `), ` + strconv.FormatInt(math.MaxInt64, 10) + `)`
	}
	// The walk of the assignments outside the memberships stops after outsideCap rows. Without
	// the cap PostgreSQL prices it by every assignment of the user (it cannot know where the
	// page ends) and, above its jit_above_cost, compiles the statement first: for a user with
	// 100,000 assignments that took 2.5 s for a page that runs in 6 ms. Capped, the price is
	// that of outsideCap rows. Reaching the cap says so, and MinePage asks again with the
	// statement that names every such channel.
	cap := w.arg(outsideCap)
	ctes := `WITH page AS MATERIALIZED (` + page + `),
		out AS MATERIALIZED (SELECT a.channel_id
			FROM ` + assignedTodos + `
			WHERE ` + others + ` AND ((SELECT count(*) FROM page) < ` + full + `
			  OR (` + assignedOrder + `) <= (SELECT ` + order + ` FROM page t ORDER BY ` + strings.Join(last, ", ") + ` LIMIT 1))
			LIMIT ` + cap + `)`
	outside := `SELECT o.channel_id FROM out o`
	capped := `(SELECT count(*) FROM out) >= ` + cap
	count := `-1`
	if upTo > 0 {
		// The walk reads upTo+1 rows and outsideCap more, so that it still reaches the
		// count's end past outsideCap others; when it stops before the count's end,
		// MinePage asks again, as for out.
		n := w.arg(upTo + 1)
		seen := `k.channel_id IN (SELECT channel_id FROM walkmem)`
		if len(q.ChannelIDs) > 0 {
			seen = `(k.channel_id = ANY(` + w.arg(textArray(q.ChannelIDs)) + `::text[]) OR ` + seen + `)`
		}
		ctes += `,
		walked AS MATERIALIZED (SELECT a.channel_id, a.created_at, a.todo_id
			FROM ` + assignedTodos + `
			WHERE a.user_id = ` + user + ` AND a.channel_id <> '' AND t.deleted_at = 0` + filters + `
			ORDER BY a.created_at, a.todo_id LIMIT ` + n + ` + ` + cap + `),
		walkmem AS MATERIALIZED (SELECT c.channel_id FROM (SELECT DISTINCT channel_id FROM walked) c
			WHERE ` + memberProbe("c.channel_id", user) + `),
		walk AS MATERIALIZED (SELECT k.channel_id, k.created_at, k.todo_id, (` + seen + `) IS TRUE AS seen FROM walked k),
		reach AS MATERIALIZED (SELECT created_at, todo_id FROM walk WHERE seen
			ORDER BY created_at, todo_id OFFSET ` + w.arg(upTo) + ` LIMIT 1)`
		outside += ` UNION ALL SELECT k.channel_id FROM walk k WHERE NOT k.seen
			AND (NOT EXISTS (SELECT 1 FROM reach) OR (k.created_at, k.todo_id) < (SELECT created_at, todo_id FROM reach))`
		capped += ` OR ((SELECT count(*) FROM walk) >= ` + n + ` + ` + cap + ` AND NOT EXISTS (SELECT 1 FROM reach))`
		count = mineCount(w, upTo, personal, assigned, `SELECT 1 FROM walk WHERE seen`)
	}
	return ctes + mineColumns(q, outside, capped, `SELECT * FROM page t`, order, count), w.args
}

// assignedTodos is the user's assignments with their todos, for the walks that read
// assignments in order and stop at a limit: each todo is looked up by its id (OFFSET 0 keeps
// PostgreSQL from turning the lookup into a join it may hash). When the walk reads all of the
// user's assignments (fewer than its limit), PostgreSQL otherwise hashed them and read every
// todo of every list to join them: 101,000 todos, 30-38 ms, for `/todo mine` of a user with
// 1,000 assignments on a server with one list of 100,000.
const assignedTodos = `channeltodo_assignees a CROSS JOIN LATERAL (SELECT * FROM channeltodo_todos t WHERE t.id = a.todo_id OFFSET 0) t`

// outsideCap is how many assignments outside the memberships a page without
// its count looks at before it asks again with the count's statement.
const outsideCap = 500

// memberProbe is memberOf, looked up for each row it is asked of: OFFSET 0
// keeps PostgreSQL from turning it into a join or a hashed set, either of
// which reads every membership of the user.
func memberProbe(channel, user string) string {
	return `EXISTS (SELECT 1 FROM channelmembers cm JOIN channels ch ON ch.id = cm.channelid
		WHERE cm.channelid = ` + channel + ` AND cm.userid = ` + user + ` OFFSET 0)`
}

// CountMine counts what Mine pages through: one statement over the user's
// own rows, whatever the number of lists.
func (s *Store) CountMine(ctx context.Context, q todo.MineStoreQuery) (int, error) {
	w := &where{}
	personal, assigned := mineParts(w, q, func() string { return memberOf("a.channel_id", w.arg(q.UserID)) })
	var n int
	err := s.mineReader(ctx, q).QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM channeltodo_todos t WHERE `+personal+`) +
		(SELECT count(*) FROM channeltodo_assignees a JOIN channeltodo_todos t ON t.id = a.todo_id WHERE `+assigned+`)`,
		w.args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("counting my todos: %w", err)
	}
	return n, nil
}

// Move places the todo right after afterID (first when afterID is ""),
// renumbering the list's positions when there is no gap left.
func (s *Store) Move(ctx context.Context, id, afterID string, updatedAt int64) (todo.Change, error) {
	var ch todo.Change
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		listID, version, err := lockList(ctx, tx, id)
		if err != nil {
			return err
		}
		pos, err := newPosition(ctx, tx, listID, id, afterID)
		if errors.Is(err, errNoGap) {
			if err := renumber(ctx, tx, listID); err != nil {
				return err
			}
			pos, err = newPosition(ctx, tx, listID, id, afterID)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE channeltodo_todos SET position = $2, updated_at = $3 WHERE id = $1`, id, pos, updatedAt); err != nil {
			return fmt.Errorf("moving todo: %w", err)
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE channeltodo_lists SET last_position = GREATEST(last_position, $2) WHERE id = $1`, listID, pos); err != nil {
			return fmt.Errorf("moving todo: %w", err)
		}
		t, err := s.getOne(ctx, tx, `WHERE t.id = $1`, id)
		if err != nil {
			return err
		}
		ch = todo.Change{Todo: t, Version: version}
		return nil
	})
	return ch, err
}

// MoveToEnd places the todo after every other todo of its list. The list
// row's last_position is never below any position in the list.
func (s *Store) MoveToEnd(ctx context.Context, id string, updatedAt int64) (todo.Change, error) {
	var ch todo.Change
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var pos int64
		err := tx.QueryRowContext(ctx, `
			UPDATE channeltodo_lists l SET version = l.version + 1, last_position = l.last_position + $2
			FROM channeltodo_todos t WHERE t.id = $1 AND l.id = t.list_id
			RETURNING l.version, l.last_position`, id, positionGap).Scan(&ch.Version, &pos)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("todo: %w", todo.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("locking list: %w", err)
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE channeltodo_todos SET position = $2, updated_at = $3 WHERE id = $1`, id, pos, updatedAt); err != nil {
			return fmt.Errorf("moving todo: %w", err)
		}
		ch.Todo, err = s.getOne(ctx, tx, `WHERE t.id = $1`, id)
		return err
	})
	return ch, err
}

var errNoGap = errors.New("no gap between positions")

func newPosition(ctx context.Context, tx *sql.Tx, listID, id, afterID string) (int64, error) {
	if afterID == "" {
		var first sql.NullInt64
		err := tx.QueryRowContext(ctx,
			`SELECT MIN(position) FROM channeltodo_todos WHERE list_id = $1 AND id <> $2`, listID, id).Scan(&first)
		if err != nil {
			return 0, fmt.Errorf("finding first position: %w", err)
		}
		if !first.Valid {
			return positionGap, nil
		}
		return first.Int64 - positionGap, nil
	}
	var afterPos int64
	err := tx.QueryRowContext(ctx,
		`SELECT position FROM channeltodo_todos WHERE id = $1 AND list_id = $2`, afterID, listID).Scan(&afterPos)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("todo to move after: %w", todo.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("finding position: %w", err)
	}
	var next int64
	err = tx.QueryRowContext(ctx, `
		SELECT position FROM channeltodo_todos
		WHERE list_id = $1 AND id <> $2 AND (position, id) > ($3, $4)
		ORDER BY position, id LIMIT 1`, listID, id, afterPos, afterID).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return afterPos + positionGap, nil
	}
	if err != nil {
		return 0, fmt.Errorf("finding next position: %w", err)
	}
	if next-afterPos < 2 {
		return 0, errNoGap
	}
	return afterPos + (next-afterPos)/2, nil
}

// renumber spreads the list's positions out again, keeping their order.
func renumber(ctx context.Context, tx *sql.Tx, listID string) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE channeltodo_todos t SET position = r.rn * $2
		FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS rn
		      FROM channeltodo_todos WHERE list_id = $1) r
		WHERE t.id = r.id`, listID, positionGap)
	if err != nil {
		return fmt.Errorf("renumbering positions: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE channeltodo_lists SET last_position =
			(SELECT COALESCE(MAX(position), 0) FROM channeltodo_todos WHERE list_id = $1)
		WHERE id = $1`, listID)
	if err != nil {
		return fmt.Errorf("renumbering positions: %w", err)
	}
	return nil
}
