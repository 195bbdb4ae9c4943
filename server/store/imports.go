package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/channel-todo/channel-todo/server/todo"
)

var _ todo.ImportStore = (*Store)(nil)

// AddImported implements todo.ImportStore: the source ids are recorded first, in the same
// transaction as the todo, so of two imports running at once one waits for the other and
// then finds the ids taken.
func (s *Store) AddImported(ctx context.Context, t todo.Todo, source string, sourceIDs []string) (todo.Change, bool, error) {
	var ch todo.Change
	added := false
	errTaken := errors.New("already imported")
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO channeltodo_imports (source, source_id, todo_id, imported_at)
			SELECT $1, u.id, $3, $4 FROM unnest($2::text[]) AS u(id)
			ON CONFLICT DO NOTHING`, source, textArray(sourceIDs), t.ID, time.Now().UnixMilli())
		if err != nil {
			return fmt.Errorf("recording the import: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("recording the import: %w", err)
		}
		if int(n) != len(distinct(sourceIDs)) {
			return errTaken
		}
		ch, err = addTx(ctx, tx, t)
		if err != nil {
			return err
		}
		added = true
		return nil
	})
	if errors.Is(err, errTaken) {
		return todo.Change{}, false, nil
	}
	if err != nil {
		return todo.Change{}, false, err
	}
	return ch, added, nil
}

// Imported implements todo.ImportStore, in one statement.
func (s *Store) Imported(ctx context.Context, source string, sourceIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(sourceIDs) == 0 {
		return out, nil
	}
	err := queryJSON(ctx, s.db, &out, `
		SELECT COALESCE(json_object_agg(source_id, todo_id), '{}'::json)::text
		FROM channeltodo_imports WHERE source = $1 AND source_id = ANY($2::text[])`, source, textArray(sourceIDs))
	if err != nil {
		return nil, fmt.Errorf("reading import records: %w", err)
	}
	return out, nil
}

func distinct(ids []string) map[string]bool {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// PluginKV reads another plugin's rows in Mattermost's PluginKeyValueStore table, which the
// plugin API does not reach (it serves each plugin its own keys only).
type PluginKV struct {
	db *sql.DB
}

// NewPluginKV returns a PluginKV on db.
func NewPluginKV(db *sql.DB) *PluginKV { return &PluginKV{db: db} }

// KV is one key and its stored value.
type KV struct {
	Key   string `json:"k"`
	Value []byte `json:"v"`
}

// kvPage is how many rows one statement reads: a page is one aggregated value, so a large
// store costs a round trip per page, never one per row.
const kvPage = 1000

// Rows returns the plugin's keys that have not expired, in key order.
func (p *PluginKV) Rows(ctx context.Context, pluginID string) ([]KV, error) {
	var out []KV
	after := ""
	for {
		var page []KV
		// The value is bytea; base64 carries any bytes through JSON, and []byte decodes it.
		err := queryJSON(ctx, p.db, &page, `
			SELECT COALESCE(json_agg(json_build_object('k', r.pkey, 'v', encode(r.pvalue, 'base64')) ORDER BY r.pkey), '[]'::json)::text
			FROM (SELECT pkey, pvalue FROM pluginkeyvaluestore
			      WHERE pluginid = $1 AND pkey > $2 AND (expireat = 0 OR expireat > $3)
			      ORDER BY pkey LIMIT $4) r`, pluginID, after, time.Now().UnixMilli(), kvPage)
		if err != nil {
			return nil, fmt.Errorf("reading the %s plugin's stored rows: %w", pluginID, err)
		}
		out = append(out, page...)
		if len(page) < kvPage {
			return out, nil
		}
		after = page[len(page)-1].Key
	}
}
