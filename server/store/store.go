// Package store keeps todos in the plugin's own tables in Mattermost's
// PostgreSQL database. It implements todo.Store.
//
// Schema changes are files migrations/NNNN_name.sql, applied in order by
// Migrate and recorded in channeltodo_migrations. Once a version has been
// released its file never changes; a change is a new file.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/channel-todo/channel-todo/server/todo"
)

// positionGap is the distance between neighbours when positions are handed
// out, so most moves fit between two neighbours without renumbering the list.
const positionGap = 1024

// MaxConnections caps the connections a Store's handle opens. In the plugin
// each one holds one of the Mattermost server's own; without a cap a burst of
// requests opens as many as PostgreSQL allows and the rest fail ("too many
// clients"). With it, a burst waits its turn instead.
const MaxConnections = 20

// Store implements todo.Store on a *sql.DB (PostgreSQL).
type Store struct {
	db *sql.DB
	// replica serves reads that may be slightly stale (pages, counts, "mine"),
	// unless the context asks for fresh reads (todo.WithFreshReads). It is db
	// when Mattermost has no replica.
	replica *sql.DB
}

var _ todo.Store = (*Store)(nil)

// New returns a Store on db, capping db's pool at MaxConnections. Run
// Migrate first.
func New(db *sql.DB) *Store {
	db.SetMaxOpenConns(MaxConnections)
	return &Store{db: db, replica: db}
}

// WithReplica makes s send reads that may be slightly stale to replica
// (pluginapi's Store.GetReplicaDB, which is the master handle when
// Mattermost has no DataSourceReplicas), capping its pool too.
func (s *Store) WithReplica(replica *sql.DB) *Store {
	replica.SetMaxOpenConns(MaxConnections)
	s.replica = replica
	return s
}

// reader is the handle for a read that may be slightly stale: the replica,
// unless ctx asks for fresh reads.
func (s *Store) reader(ctx context.Context) *sql.DB {
	if todo.FreshReads(ctx) {
		return s.db
	}
	return s.replica
}

const todoColumns = `t.id, t.list_id, t.number, t.text, t.state, t.position, t.creator_id, t.created_at,
	t.updated_at, t.completed_by, t.completed_at, t.due_date, t.due_time, t.post_id, t.root_id,
	t.deleted_at, t.deleted_by, t.due_zone, t.priority, t.recur, t.next_id`

// todoObject is the JSON text of one todo t (a row of todoColumns, joined as
// todosQuery joins it) as the REST API writes a todo.Todo: the same keys in
// the same order, an omitempty field left out when empty, the priority by its
// name (todo.Priority.String), strings escaped by PostgreSQL. It is built by
// concatenation: json_build_object and row_to_json look up each value's type
// for every row, which for a page of 200 costs more than the rest of the
// statement (and so does to_json: see jsonText). It holds no raw line break
// (strings with one go through to_json, which escapes it), so todosQuery can
// join objects with ",\n" and splitTodos can split them apart again without
// parsing.
var todoObject = todoObjectWith(todoListKeys)

// todoListKeys is the SQL of a todo t's "list_id" and "scope" keys, as listKeys writes them.
var todoListKeys = `',"list_id":' || ` + jsonText(`t.list_id`) + ` ||
	',"scope":' || CASE left(t.list_id, 2)
		WHEN 'c_' THEN '{"kind":"channel"' || CASE WHEN length(t.list_id) > 2 THEN ',"channel_id":' || ` + jsonText(`substr(t.list_id, 3)`) + ` ELSE '' END || '}'
		WHEN 'u_' THEN '{"kind":"personal"' || CASE WHEN length(t.list_id) > 2 THEN ',"user_id":' || ` + jsonText(`substr(t.list_id, 3)`) + ` ELSE '' END || '}'
		ELSE '{"kind":""}' END`

// todoObjectWith is todoObject with list, the SQL of the todo's "list_id" and "scope" keys.
// A page of one list passes them as a parameter (listKeys): every todo of the page has the
// same, and working them out for each todo was a fifth of the page's statement time.
func todoObjectWith(list string) string {
	return `'{"id":' || ` + jsonText(`t.id`) + ` || ` + list + ` ||
	',"number":' || t.number || ',"text":' || ` + jsonText(`t.text`) + ` || ',"state":' || ` + jsonText(`t.state`) + ` ||
	',"position":' || t.position || ',"creator_id":' || ` + jsonText(`t.creator_id`) + ` ||
	',"created_at":' || t.created_at || ',"updated_at":' || t.updated_at ||
	CASE WHEN t.completed_by <> '' THEN ',"completed_by":' || ` + jsonText(`t.completed_by`) + ` ELSE '' END ||
	CASE WHEN t.completed_at <> 0 THEN ',"completed_at":' || t.completed_at ELSE '' END ||
	',"assignees":[' || COALESCE(td_asg.ids, '') || ']' ||
	CASE WHEN t.due_date <> '' THEN ',"due":{"date":' || ` + jsonText(`t.due_date`) + ` ||
		CASE WHEN t.due_time <> '' THEN ',"time":' || ` + jsonText(`t.due_time`) + ` ELSE '' END ||
		CASE WHEN t.due_zone <> '' THEN ',"zone":' || ` + jsonText(`t.due_zone`) + ` ELSE '' END || '}' ELSE '' END ||
	',"priority":' || CASE t.priority WHEN 1 THEN '"low"' WHEN 2 THEN '"medium"' WHEN 3 THEN '"high"' ELSE '"none"' END ||
	CASE WHEN t.recur <> '' THEN ',"recur":' || ` + jsonText(`t.recur`) + ` ELSE '' END ||
	CASE WHEN t.next_id <> '' THEN ',"next_id":' || ` + jsonText(`t.next_id`) + ` ELSE '' END ||
	CASE WHEN t.post_id <> '' THEN ',"post_id":' || ` + jsonText(`t.post_id`) + ` ELSE '' END ||
	CASE WHEN t.root_id <> '' THEN ',"root_id":' || ` + jsonText(`t.root_id`) + ` ELSE '' END ||
	CASE WHEN t.deleted_at <> 0 THEN ',"deleted_at":' || t.deleted_at ELSE '' END ||
	CASE WHEN t.deleted_by <> '' THEN ',"deleted_by":' || ` + jsonText(`t.deleted_by`) + ` ELSE '' END ||
	CASE WHEN td_itm.total > 0 THEN ',"items_total":' || td_itm.total ELSE '' END ||
	CASE WHEN td_itm.done > 0 THEN ',"items_done":' || td_itm.done ELSE '' END || '}'`
}

// listKeys is what todoListKeys writes for each todo of the list listID: its "list_id" and
// "scope" keys, the same values (a Go encoder may spell a string's escapes differently).
func listKeys(listID string) string {
	b := []byte(`,"list_id":`)
	b = appendJSONString(b, listID)
	b = append(b, `,"scope":`...)
	kind, key := "", ""
	switch {
	case strings.HasPrefix(listID, "c_"):
		kind, key = "channel", "channel_id"
	case strings.HasPrefix(listID, "u_"):
		kind, key = "personal", "user_id"
	}
	b = append(b, `{"kind":`...)
	b = appendJSONString(b, kind)
	if key != "" && len(listID) > 2 {
		b = append(b, `,"`+key+`":`...)
		b = appendJSONString(b, listID[2:])
	}
	return string(append(b, '}'))
}

// appendJSONString appends s as a JSON string, escaped as encoding/json escapes it but for
// HTML's characters, which PostgreSQL's to_json leaves too.
func appendJSONString(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// jsonText is the SQL of the JSON string of the text expression e: e between quotes when
// it holds nothing JSON escapes (what PostgreSQL's to_json escapes: quotes, backslashes and
// control characters), to_json's text otherwise. For the ids, states and most texts of a
// page this skips to_json, which looks up its argument's type and output function on
// every call: five of those per todo were half of a page of 200's statement time.
func jsonText(e string) string {
	return `CASE WHEN ` + e + ` ~ '[[:cntrl:]"\\]' THEN to_json(` + e + `)::text ELSE '"' || ` + e + ` || '"' END`
}

// todoSeparator joins todoObjects in todosQuery's array.
const todoSeparator = ",\n"

// todosQuery is the query of one row whose first column is the JSON text of
// inner's todos (inner: a query of todoColumns aliased t) in the given order:
// an array of todoObjects separated by todoSeparator. extra are more
// aggregates over the same todos t, in the same order, as further columns.
// A page comes back as one value: the plugin's database driver forwards
// every row read to the server over RPC, so rows cost round trips.
//
// The todos' assignees and checklist counts are read for the whole page at
// once, each by one index scan over the page's ids, joined by hash; a
// correlated lookup per todo cost two index probes and their executor
// set-up for every todo of the page.
func todosQuery(inner, order string, extra ...string) string {
	return todosQueryOf(todoObject, inner, order, extra...)
}

// todosQueryOf is todosQuery with object as each todo's JSON (todoObject or todoObjectWith).
func todosQueryOf(object, inner, order string, extra ...string) string {
	cols := `'[' || COALESCE(string_agg(` + object + `, E'` + todoSeparator + `' ORDER BY ` + order + `), '') || ']'`
	for _, e := range extra {
		cols += ", " + e
	}
	return `WITH td_page AS MATERIALIZED (` + inner + `)
		SELECT ` + cols + ` FROM td_page t
		LEFT JOIN (SELECT a.todo_id, string_agg(` + jsonText(`a.user_id`) + `, ',' ORDER BY a.user_id) AS ids
			FROM channeltodo_assignees a WHERE a.todo_id = ANY(ARRAY(SELECT id FROM td_page)) GROUP BY a.todo_id) td_asg
			ON td_asg.todo_id = t.id
		LEFT JOIN (SELECT i.todo_id, count(*) AS total, count(*) FILTER (WHERE i.done) AS done
			FROM channeltodo_items i WHERE i.todo_id = ANY(ARRAY(SELECT id FROM td_page)) GROUP BY i.todo_id) td_itm
			ON td_itm.todo_id = t.id`
}

// queryTodos runs inner, a query of channeltodo_todos rows aliased t, and
// returns its todos in the given order (an ORDER BY list over t) as one
// aggregated value: one statement and one row read, whatever the page size.
func queryTodos(ctx context.Context, q querier, inner, order string, args ...any) ([]todo.Todo, error) {
	var doc []byte
	err := oneRowOn(ctx, q, aggregate(inner, order), args, &doc)
	if err != nil {
		return nil, fmt.Errorf("listing todos: %w", err)
	}
	return decodeTodos(doc)
}

// aggregate is the statement that returns inner's todos as one JSON text.
func aggregate(inner, order string) string {
	return todosQuery(inner, order)
}

// queryJSON runs query, which must return one JSON text (rows aggregated in SQL), and decodes
// it into dest: one statement and one row read, however many rows were aggregated.
func queryJSON(ctx context.Context, q querier, dest any, query string, args ...any) error {
	var doc []byte
	if err := oneRowOn(ctx, q, query, args, &doc); err != nil {
		return err
	}
	return json.Unmarshal(doc, dest)
}

func decodeTodos(doc []byte) ([]todo.Todo, error) {
	var todos []todo.Todo
	if err := json.Unmarshal(doc, &todos); err != nil {
		return nil, fmt.Errorf("decoding todos: %w", err)
	}
	return todos, nil
}

// splitTodos cuts doc, a todosQuery array, into its todos, and pairs them with
// roots, a JSON array of their thread roots in the same order. Only the
// short roots are parsed: the todos are found by their separator, which
// todoObject never writes.
func splitTodos(doc, roots []byte) (*todo.EncodedTodos, error) {
	enc := &todo.EncodedTodos{Todos: make([]json.RawMessage, 0, 64)}
	if err := json.Unmarshal(roots, &enc.Roots); err != nil {
		return nil, fmt.Errorf("decoding thread roots: %w", err)
	}
	if len(doc) < 2 || doc[0] != '[' || doc[len(doc)-1] != ']' {
		return nil, fmt.Errorf("decoding todos: not an array")
	}
	if body := doc[1 : len(doc)-1]; len(body) > 0 {
		for _, t := range bytes.Split(body, []byte(todoSeparator)) {
			enc.Todos = append(enc.Todos, t)
		}
	}
	if len(enc.Todos) != len(enc.Roots) {
		return nil, fmt.Errorf("decoding todos: %d todos and %d thread roots", len(enc.Todos), len(enc.Roots))
	}
	return enc, nil
}

func dueColumns(d *todo.Due) (string, string, string) {
	if d == nil {
		return "", "", ""
	}
	return d.Date, d.Time, d.Zone
}

// inTx runs fn in a transaction, committing if it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("starting transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// Add inserts a todo, creating its list on first use. The list row's upsert
// allocates the number, the position and the version atomically.
func (s *Store) Add(ctx context.Context, t todo.Todo) (todo.Change, error) {
	return addOn(func(query string, args []any, dest ...*int64) error {
		scan := make([]any, len(dest))
		for i, d := range dest {
			scan[i] = d
		}
		return oneRow(ctx, s.db, query, args, scan...)
	}, t)
}

// addTx is Add inside tx, for a write that must commit or fail with the todo.
func addTx(ctx context.Context, tx *sql.Tx, t todo.Todo) (todo.Change, error) {
	return addOn(func(query string, args []any, dest ...*int64) error {
		scan := make([]any, len(dest))
		for i, d := range dest {
			scan[i] = d
		}
		return tx.QueryRowContext(ctx, query, args...).Scan(scan...)
	}, t)
}

// addOn adds t with one statement; row runs it and reads its one row of integers.
func addOn(row func(query string, args []any, dest ...*int64) error, t todo.Todo) (todo.Change, error) {
	// One statement, so one round trip and atomic without a transaction of
	// its own (a transaction was three more: begin, a second insert,
	// commit). The list row's upsert locks the row until the statement
	// ends, which keeps numbers gapless under concurrent adds; the todo
	// and its assignees are inserted from its result, and the counter
	// triggers run at the statement's end.
	if t.Assignees == nil {
		t.Assignees = []string{}
	}
	date, clock, zone := dueColumns(t.Due)
	var ch todo.Change
	err := row(`
		WITH l AS (
			INSERT INTO channeltodo_lists (id, kind, channel_id, user_id, next_number, last_position, version, created_at)
			VALUES ($2, $19, $3, $20, 2, $21, 1, $8)
			ON CONFLICT (id) DO UPDATE SET
				next_number = channeltodo_lists.next_number + 1,
				last_position = channeltodo_lists.last_position + $21,
				version = channeltodo_lists.version + 1
			RETURNING next_number - 1 AS number, last_position AS position, version),
		t AS (
			INSERT INTO channeltodo_todos (id, list_id, channel_id, number, text, state, position, creator_id,
				created_at, updated_at, completed_by, completed_at, due_date, due_time, post_id, root_id, deleted_at, deleted_by,
				due_zone, priority, recur, next_id)
			SELECT $1, $2, $3, l.number, $5, $6, l.position, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $22, $23, $24 FROM l
			RETURNING id),
		a AS (
			INSERT INTO channeltodo_assignees (todo_id, user_id, channel_id, created_at)
			SELECT t.id, u.id, $3, $8 FROM t, unnest($4::text[]) AS u(id)
			ON CONFLICT DO NOTHING)
		SELECT number, position, version FROM l`, []any{
		t.ID, t.ListID, t.Scope.ChannelID, textArray(t.Assignees), t.Text, string(t.State), t.CreatorID,
		t.CreatedAt, t.UpdatedAt, t.CompletedBy, t.CompletedAt, date, clock, t.PostID, t.RootID, t.DeletedAt, t.DeletedBy,
		zone, string(t.Scope.Kind), t.Scope.UserID, positionGap, int(t.Priority), t.Recur, t.NextID,
	}, &t.Number, &t.Position, &ch.Version)
	if err != nil {
		return todo.Change{}, fmt.Errorf("adding todo: %w", err)
	}
	ch.Todo = t
	return ch, nil
}

func insertAssignees(ctx context.Context, tx *sql.Tx, t todo.Todo) error {
	if len(t.Assignees) == 0 {
		return nil
	}
	q := `INSERT INTO channeltodo_assignees (todo_id, user_id, channel_id, created_at) VALUES `
	args := []any{t.ID, t.Scope.ChannelID, t.CreatedAt}
	for i, u := range t.Assignees {
		if i > 0 {
			q += ", "
		}
		args = append(args, u)
		q += fmt.Sprintf("($1, $%d, $2, $3)", len(args))
	}
	if _, err := tx.ExecContext(ctx, q+` ON CONFLICT DO NOTHING`, args...); err != nil {
		return fmt.Errorf("inserting assignees: %w", err)
	}
	return nil
}

// Get returns a todo by id, soft-deleted or not.
func (s *Store) Get(ctx context.Context, id string) (todo.Todo, error) {
	return s.getOne(ctx, s.db, `WHERE t.id = $1`, id)
}

// GetByNumber returns a todo by list and number, soft-deleted or not.
func (s *Store) GetByNumber(ctx context.Context, listID string, number int64) (todo.Todo, error) {
	return s.getOne(ctx, s.db, `WHERE t.list_id = $1 AND t.number = $2`, listID, number)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) getOne(ctx context.Context, q querier, where string, args ...any) (todo.Todo, error) {
	todos, err := queryTodos(ctx, q, `SELECT `+todoColumns+` FROM channeltodo_todos t `+where, "t.id", args...)
	if err != nil {
		return todo.Todo{}, fmt.Errorf("reading todo: %w", err)
	}
	if len(todos) == 0 {
		return todo.Todo{}, fmt.Errorf("todo: %w", todo.ErrNotFound)
	}
	return todos[0], nil
}

// lockList bumps the version of the todo's list, which also locks the list
// row until the transaction ends. It returns the list id and new version.
func lockList(ctx context.Context, tx *sql.Tx, todoID string) (string, int64, error) {
	var listID string
	var version int64
	err := tx.QueryRowContext(ctx, `
		UPDATE channeltodo_lists l SET version = l.version + 1
		FROM channeltodo_todos t WHERE t.id = $1 AND l.id = t.list_id
		RETURNING l.id, l.version`, todoID).Scan(&listID, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, fmt.Errorf("todo: %w", todo.ErrNotFound)
	}
	if err != nil {
		return "", 0, fmt.Errorf("locking list: %w", err)
	}
	return listID, version, nil
}

// Update applies mutate to the locked todo and writes what it changed.
func (s *Store) Update(ctx context.Context, id string, mutate func(*todo.Todo) error) (todo.Change, error) {
	ch, _, err := s.UpdateAndAdd(ctx, id, mutate, nil)
	return ch, err
}

// UpdateAndAdd is Update that may add one more todo in the same transaction: what next
// returns, given the todo as mutate left it (nil adds nothing).
func (s *Store) UpdateAndAdd(ctx context.Context, id string, mutate func(*todo.Todo) error, next func(todo.Todo) *todo.Todo) (todo.Change, *todo.Change, error) {
	var ch todo.Change
	var added *todo.Change
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, version, err := lockList(ctx, tx, id)
		if err != nil {
			return err
		}
		t, err := s.getOne(ctx, tx, `WHERE t.id = $1 FOR UPDATE`, id)
		if err != nil {
			return err
		}
		before := append([]string(nil), t.Assignees...)
		if err := mutate(&t); err != nil {
			return err
		}
		date, clock, zone := dueColumns(t.Due)
		_, err = tx.ExecContext(ctx, `
			UPDATE channeltodo_todos SET text = $2, state = $3, completed_by = $4, completed_at = $5,
				due_date = $6, due_time = $7, deleted_at = $8, deleted_by = $9, updated_at = $10, due_zone = $11,
				priority = $12, recur = $13, next_id = $14, remind_after = 0
			WHERE id = $1`,
			t.ID, t.Text, string(t.State), t.CompletedBy, t.CompletedAt, date, clock, t.DeletedAt, t.DeletedBy, t.UpdatedAt, zone,
			int(t.Priority), t.Recur, t.NextID)
		if err != nil {
			return fmt.Errorf("updating todo: %w", err)
		}
		if !equalStrings(before, t.Assignees) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM channeltodo_assignees WHERE todo_id = $1`, t.ID); err != nil {
				return fmt.Errorf("clearing assignees: %w", err)
			}
			if err := insertAssignees(ctx, tx, t); err != nil {
				return err
			}
		}
		if t.Assignees == nil {
			t.Assignees = []string{}
		}
		ch = todo.Change{Todo: t, Version: version}
		if next == nil {
			return nil
		}
		if n := next(t); n != nil {
			// The list row is locked already; the add bumps its version once more.
			c, err := addTx(ctx, tx, *n)
			if err != nil {
				return err
			}
			added = &c
		}
		return nil
	})
	if err != nil {
		return todo.Change{}, nil, err
	}
	return ch, added, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Version returns the list's version, 0 for a list that has no todos yet.
func (s *Store) Version(ctx context.Context, listID string) (int64, error) {
	var v int64
	err := s.reader(ctx).QueryRowContext(ctx, `SELECT version FROM channeltodo_lists WHERE id = $1`, listID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("reading list version: %w", err)
	}
	return v, nil
}

// SetThread records postID as the todo's post when it links to none yet, in one conditional
// statement: of concurrent callers only the first one's row update matches.
func (s *Store) SetThread(ctx context.Context, id, postID string) (todo.Todo, bool, error) {
	res, err := s.db.ExecContext(ctx, `
		UPDATE channeltodo_todos SET post_id = $2
		WHERE id = $1 AND post_id = '' AND root_id = ''`, id, postID)
	if err != nil {
		return todo.Todo{}, false, fmt.Errorf("recording thread: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return todo.Todo{}, false, fmt.Errorf("recording thread: %w", err)
	}
	t, err := s.getOne(ctx, s.db, `WHERE t.id = $1`, id)
	if err != nil {
		return todo.Todo{}, false, err
	}
	return t, n == 1, nil
}
