// Package store keeps todos in the plugin's own tables in Mattermost's
// PostgreSQL database. It implements todo.Store.
//
// Schema changes are files migrations/NNNN_name.sql, applied in order by
// Migrate and recorded in channeltodo_migrations. Once a version has been
// released its file never changes; a change is a new file.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

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

// withAssignees is inner (a query of todoColumns) with each todo's assignees
// as a JSON array column and its checklist's counts, so that a row of it,
// turned into JSON whole, is one todo as todoRow reads it: a page of todos
// comes back as one value. The plugin's database driver forwards every row
// read to the server over RPC, so rows cost round trips and one value costs one.
func withAssignees(inner string) string {
	return `SELECT t.*, (SELECT COALESCE(json_agg(a.user_id ORDER BY a.user_id), '[]'::json)
		FROM channeltodo_assignees a WHERE a.todo_id = t.id) AS assignees, c.items_total, c.items_done
		FROM (` + inner + `) t CROSS JOIN LATERAL (SELECT count(*) AS items_total, count(*) FILTER (WHERE i.done) AS items_done
		FROM channeltodo_items i WHERE i.todo_id = t.id) c`
}

// todoRow is a row of withAssignees decoded.
type todoRow struct {
	ID          string   `json:"id"`
	ListID      string   `json:"list_id"`
	Number      int64    `json:"number"`
	Text        string   `json:"text"`
	State       string   `json:"state"`
	Position    int64    `json:"position"`
	CreatorID   string   `json:"creator_id"`
	CreatedAt   int64    `json:"created_at"`
	UpdatedAt   int64    `json:"updated_at"`
	CompletedBy string   `json:"completed_by"`
	CompletedAt int64    `json:"completed_at"`
	DueDate     string   `json:"due_date"`
	DueTime     string   `json:"due_time"`
	DueZone     string   `json:"due_zone"`
	PostID      string   `json:"post_id"`
	RootID      string   `json:"root_id"`
	DeletedAt   int64    `json:"deleted_at"`
	DeletedBy   string   `json:"deleted_by"`
	Priority    int      `json:"priority"`
	Recur       string   `json:"recur"`
	NextID      string   `json:"next_id"`
	Assignees   []string `json:"assignees"`
	ItemsTotal  int      `json:"items_total"`
	ItemsDone   int      `json:"items_done"`
}

func (r todoRow) todo() todo.Todo {
	t := todo.Todo{
		ID: r.ID, ListID: r.ListID, Number: r.Number, Text: r.Text, State: todo.State(r.State), Position: r.Position,
		CreatorID: r.CreatorID, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, CompletedBy: r.CompletedBy,
		CompletedAt: r.CompletedAt, PostID: r.PostID, RootID: r.RootID, DeletedAt: r.DeletedAt, DeletedBy: r.DeletedBy,
		Assignees: r.Assignees, Priority: todo.Priority(r.Priority), Recur: r.Recur, NextID: r.NextID,
		ItemsTotal: r.ItemsTotal, ItemsDone: r.ItemsDone,
	}
	t.Scope, _ = todo.ScopeFromListID(t.ListID)
	if r.DueDate != "" {
		t.Due = &todo.Due{Date: r.DueDate, Time: r.DueTime, Zone: r.DueZone}
	}
	if t.Assignees == nil {
		t.Assignees = []string{}
	}
	return t
}

// queryTodos runs inner, a query of channeltodo_todos rows aliased t, and
// returns its todos in the given order (an ORDER BY list over t) as one
// aggregated value: one statement and one row read, whatever the page size.
func queryTodos(ctx context.Context, q querier, inner, order string, args ...any) ([]todo.Todo, error) {
	var doc []byte
	err := q.QueryRowContext(ctx, aggregate(inner, order), args...).Scan(&doc)
	if err != nil {
		return nil, fmt.Errorf("listing todos: %w", err)
	}
	return decodeTodos(doc)
}

// aggregate is the statement that returns inner's todos as one JSON value.
func aggregate(inner, order string) string {
	return `SELECT (` + todosJSON(inner, order) + `)::text`
}

// todosJSON is the query of the JSON array of inner's todos in the given
// order. Each todo is its row turned into JSON whole, which PostgreSQL does
// in about two thirds of the time json_build_object takes over the same
// columns (a page of 200 is most of its statement's time).
func todosJSON(inner, order string) string {
	return `SELECT COALESCE(json_agg(t ORDER BY ` + order + `), '[]'::json) FROM (` + withAssignees(inner) + `) t`
}

// queryJSON runs query, which must return one JSON text (rows aggregated in SQL), and decodes
// it into dest: one statement and one row read, however many rows were aggregated.
func queryJSON(ctx context.Context, q querier, dest any, query string, args ...any) error {
	var doc []byte
	if err := q.QueryRowContext(ctx, query, args...).Scan(&doc); err != nil {
		return err
	}
	return json.Unmarshal(doc, dest)
}

func decodeTodos(doc []byte) ([]todo.Todo, error) {
	var rows []todoRow
	if err := json.Unmarshal(doc, &rows); err != nil {
		return nil, fmt.Errorf("decoding todos: %w", err)
	}
	todos := make([]todo.Todo, len(rows))
	for i, r := range rows {
		todos[i] = r.todo()
	}
	return todos, nil
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
		return oneRowOfInts(ctx, s.db, query, args, dest...)
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
