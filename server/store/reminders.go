package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/channel-todo/channel-todo/server/remind"
	"github.com/channel-todo/channel-todo/server/todo"
)

var _ remind.Store = (*Store)(nil)

// DueOpen implements remind.Store: open, not deleted todos due on or before through whose
// bookmark has come (remind_after at or before now), in one aggregated read.
func (s *Store) DueOpen(ctx context.Context, through string, now time.Time) ([]todo.Todo, error) {
	return queryTodos(ctx, s.db, `SELECT `+todoColumns+` FROM channeltodo_todos t
		WHERE t.state = 'open' AND t.deleted_at = 0 AND t.due_date <> '' AND t.due_date <= $1
			AND t.remind_after <= $2`, "t.due_date, t.id", through, now.UnixMilli())
}

// Postpone implements remind.Store, in one statement. A todo changed since it was read (its
// updated_at moved) keeps the bookmark its change gave it, 0.
func (s *Store) Postpone(ctx context.Context, ps []remind.Postponement) error {
	if len(ps) == 0 {
		return nil
	}
	ids := make([]string, len(ps))
	read := make([]int64, len(ps))
	until := make([]int64, len(ps))
	for i, p := range ps {
		ids[i], read[i], until[i] = p.TodoID, p.UpdatedAt, p.Until.UnixMilli()
	}
	_, err := s.db.ExecContext(ctx, `UPDATE channeltodo_todos t SET remind_after = v.until
		FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS v(id, read, until)
		WHERE t.id = v.id AND t.updated_at = v.read`, textArray(ids), int64Array(read), int64Array(until))
	if err != nil {
		return fmt.Errorf("postponing reminders: %w", err)
	}
	return nil
}

// Sent implements remind.Store.
func (s *Store) Sent(ctx context.Context, todoIDs []string, since time.Time) (map[remind.Key]bool, error) {
	out := map[remind.Key]bool{}
	if len(todoIDs) == 0 {
		return out, nil
	}
	var rows [][4]string
	err := queryJSON(ctx, s.db, &rows, `SELECT COALESCE(json_agg(json_build_array(todo_id, user_id, kind, occasion)), '[]'::json)::text
		FROM channeltodo_reminders WHERE todo_id = ANY($1::text[]) AND sent_at >= $2`, textArray(todoIDs), since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("reading sent reminders: %w", err)
	}
	for _, r := range rows {
		out[remind.Key{TodoID: r[0], UserID: r[1], Kind: r[2], Occasion: r[3]}] = true
	}
	return out, nil
}

// Claim implements remind.Store: the record and the send share one transaction. A second
// claim of the same key (another node, an overlapping tick) waits for the first on the
// primary key and then finds it taken.
func (s *Store) Claim(ctx context.Context, key remind.Key, at time.Time, send func() error) (bool, error) {
	claimed := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO channeltodo_reminders (todo_id, user_id, kind, occasion, sent_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, key.TodoID, key.UserID, key.Kind, key.Occasion, at.UnixMilli())
		if err != nil {
			return fmt.Errorf("recording a reminder: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("recording a reminder: %w", err)
		}
		if n == 0 {
			return errAlreadySent
		}
		if err := send(); err != nil {
			return err
		}
		claimed = true
		return nil
	})
	if errors.Is(err, errAlreadySent) {
		return false, nil
	}
	return claimed, err
}

var errAlreadySent = errors.New("already sent")

// DigestSubscribers implements remind.Store.
func (s *Store) DigestSubscribers(ctx context.Context) ([]remind.Subscription, error) {
	var rows [][2]string
	err := queryJSON(ctx, s.db, &rows, `SELECT COALESCE(json_agg(json_build_array(user_id, digest_time)), '[]'::json)::text
		FROM channeltodo_user_settings WHERE digest_time <> ''`)
	if err != nil {
		return nil, fmt.Errorf("reading digest subscribers: %w", err)
	}
	var out []remind.Subscription
	for _, r := range rows {
		out = append(out, remind.Subscription{UserID: r[0], Time: r[1]})
	}
	return out, nil
}

// UserSettings are one person's own settings.
type UserSettings struct {
	// DigestTime is the local time of the daily digest, "HH:MM", or "" when it is off.
	DigestTime string
	// NotifyCompletion: tell them when someone else completes a todo they created.
	NotifyCompletion bool
}

// UserSettings returns a person's settings (the zero value when they never chose any).
func (s *Store) UserSettings(ctx context.Context, userID string) (UserSettings, error) {
	var u UserSettings
	err := s.db.QueryRowContext(ctx, `SELECT digest_time, notify_completion FROM channeltodo_user_settings WHERE user_id = $1`,
		userID).Scan(&u.DigestTime, &u.NotifyCompletion)
	if errors.Is(err, sql.ErrNoRows) {
		return UserSettings{}, nil
	}
	if err != nil {
		return UserSettings{}, fmt.Errorf("reading user settings: %w", err)
	}
	return u, nil
}

// SetUserSettings stores a person's settings.
func (s *Store) SetUserSettings(ctx context.Context, userID string, u UserSettings, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO channeltodo_user_settings (user_id, digest_time, notify_completion, updated_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id) DO UPDATE SET digest_time = EXCLUDED.digest_time,
			notify_completion = EXCLUDED.notify_completion, updated_at = EXCLUDED.updated_at`,
		userID, u.DigestTime, u.NotifyCompletion, at.UnixMilli())
	if err != nil {
		return fmt.Errorf("storing user settings: %w", err)
	}
	return nil
}
