package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/channel-todo/channel-todo/server/todo"
)

var _ todo.ItemStore = (*Store)(nil)

// itemsJSON is the query of a todo's checklist ($1) in order, as one JSON array.
const itemsJSON = `SELECT COALESCE(json_agg(i ORDER BY i.position), '[]'::json) FROM (
	SELECT id, todo_id, position, text, done, done_by, done_at, creator_id, created_at, updated_at
	FROM channeltodo_items WHERE todo_id = $1) i`

// Items returns the todo's checklist and its list's version from one statement (one
// snapshot), on the primary: a checklist is read to be changed, by its number in chat.
func (s *Store) Items(ctx context.Context, todoID string) ([]todo.Item, int64, error) {
	var doc struct {
		Items   []todo.Item `json:"items"`
		Version int64       `json:"version"`
	}
	err := queryJSON(ctx, s.db, &doc, `SELECT json_build_object(
		'items', (`+itemsJSON+`),
		'version', COALESCE((SELECT l.version FROM channeltodo_todos t JOIN channeltodo_lists l ON l.id = t.list_id WHERE t.id = $1), 0))::text`, todoID)
	if err != nil {
		return nil, 0, fmt.Errorf("reading checklist: %w", err)
	}
	return doc.Items, doc.Version, nil
}

// changeItems runs op on a todo's checklist in one transaction: the list's version is bumped
// first (locking the list row, so the list's changes take turns), the todo, which must not
// be deleted, gets the write's time, then op runs, and the todo with its counts and the
// checklist are read back.
func (s *Store) changeItems(ctx context.Context, todoID string, at int64, op func(*sql.Tx) error) (todo.ItemChange, error) {
	var ch todo.ItemChange
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, version, err := lockList(ctx, tx, todoID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE channeltodo_todos SET updated_at = $2 WHERE id = $1 AND deleted_at = 0`, todoID, at)
		if err != nil {
			return fmt.Errorf("touching todo: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("todo: %w", todo.ErrNotFound)
		}
		if err := op(tx); err != nil {
			return err
		}
		t, err := s.getOne(ctx, tx, `WHERE t.id = $1`, todoID)
		if err != nil {
			return err
		}
		var items []todo.Item
		if err := queryJSON(ctx, tx, &items, `SELECT (`+itemsJSON+`)::text`, todoID); err != nil {
			return fmt.Errorf("reading checklist: %w", err)
		}
		ch = todo.ItemChange{Change: todo.Change{Todo: t, Version: version}, Items: items}
		return nil
	})
	return ch, err
}

func affectedOne(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n == 0 {
		return fmt.Errorf("item: %w", todo.ErrNotFound)
	}
	return nil
}

// AddItem appends the item in one statement, its position the checklist's count plus one,
// unless the checklist is full.
func (s *Store) AddItem(ctx context.Context, it todo.Item, max int) (todo.ItemChange, error) {
	return s.changeItems(ctx, it.TodoID, it.UpdatedAt, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO channeltodo_items (id, todo_id, position, text, creator_id, created_at, updated_at)
			SELECT $1, $2::varchar, count(*) + 1, $3, $4, $5, $6 FROM channeltodo_items WHERE todo_id = $2::varchar
			HAVING count(*) < $7`,
			it.ID, it.TodoID, it.Text, it.CreatorID, it.CreatedAt, it.UpdatedAt, max)
		if err := affectedOne(res, err, "adding item"); err != nil {
			if errors.Is(err, todo.ErrNotFound) {
				return todo.ErrItemsFull
			}
			return err
		}
		return nil
	})
}

// UpdateItem reads the item under lock, lets mutate change it and writes its text and done
// fields.
func (s *Store) UpdateItem(ctx context.Context, todoID, itemID string, at int64, mutate func(*todo.Item) error) (todo.ItemChange, error) {
	return s.changeItems(ctx, todoID, at, func(tx *sql.Tx) error {
		var it todo.Item
		err := tx.QueryRowContext(ctx, `SELECT text, done, done_by, done_at FROM channeltodo_items
			WHERE id = $1 AND todo_id = $2 FOR UPDATE`, itemID, todoID).Scan(&it.Text, &it.Done, &it.DoneBy, &it.DoneAt)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("item: %w", todo.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("reading item: %w", err)
		}
		if err := mutate(&it); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE channeltodo_items SET text = $3, done = $4, done_by = $5, done_at = $6, updated_at = $7
			WHERE id = $1 AND todo_id = $2`, itemID, todoID, it.Text, it.Done, it.DoneBy, it.DoneAt, at)
		return affectedOne(res, err, "updating item")
	})
}

// MoveItem moves the item and shifts the ones between its old and new places by one, in one
// statement (the unique position is checked at its end).
func (s *Store) MoveItem(ctx context.Context, todoID, itemID string, position int, at int64) (todo.ItemChange, error) {
	return s.changeItems(ctx, todoID, at, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			WITH c AS (
				SELECT position AS cur,
					LEAST(GREATEST($3::integer, 1), (SELECT count(*) FROM channeltodo_items WHERE todo_id = $1)::integer) AS dest
				FROM channeltodo_items WHERE id = $2 AND todo_id = $1)
			UPDATE channeltodo_items i SET
				position = CASE
					WHEN i.id = $2 THEN c.dest
					WHEN c.dest < c.cur THEN i.position + 1
					ELSE i.position - 1 END,
				updated_at = CASE WHEN i.id = $2 THEN $4 ELSE i.updated_at END
			FROM c
			WHERE i.todo_id = $1 AND i.position BETWEEN LEAST(c.cur, c.dest) AND GREATEST(c.cur, c.dest)`,
			todoID, itemID, position, at)
		return affectedOne(res, err, "moving item")
	})
}

// RemoveItem deletes the item and moves the ones after it up by one.
func (s *Store) RemoveItem(ctx context.Context, todoID, itemID string, at int64) (todo.ItemChange, error) {
	return s.changeItems(ctx, todoID, at, func(tx *sql.Tx) error {
		var pos int
		err := tx.QueryRowContext(ctx, `DELETE FROM channeltodo_items WHERE id = $1 AND todo_id = $2 RETURNING position`,
			itemID, todoID).Scan(&pos)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("item: %w", todo.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("removing item: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE channeltodo_items SET position = position - 1
			WHERE todo_id = $1 AND position > $2`, todoID, pos); err != nil {
			return fmt.Errorf("closing the gap: %w", err)
		}
		return nil
	})
}
