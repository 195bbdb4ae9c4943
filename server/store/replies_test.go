package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// TestReplyCountsReadsMattermostsPosts counts the replies of a page's threads in one
// statement on the columns of Mattermost's Posts table it reads, deleted replies left out.
func TestReplyCountsReadsMattermostsPosts(t *testing.T) {
	ctx := context.Background()
	db, counts := newCountingDB(t)
	_, err := db.Exec(`CREATE TABLE Posts (Id varchar(26) PRIMARY KEY, RootId varchar(26), DeleteAt bigint)`)
	require.NoError(t, err)
	busy, quiet, other := todo.NewID(), todo.NewID(), todo.NewID()
	for _, p := range []struct {
		root    string
		deleted int64
	}{{"", 0}, {busy, 0}, {busy, 0}, {busy, 7}, {other, 0}} {
		_, err := db.Exec(`INSERT INTO Posts VALUES ($1, $2, $3)`, todo.NewID(), p.root, p.deleted)
		require.NoError(t, err)
	}
	counts.Reset()
	got, err := New(db).ReplyCounts(ctx, []string{busy, quiet})
	require.NoError(t, err)
	require.Equal(t, map[string]int{busy: 2}, got)
	require.Equal(t, int64(1), counts.Statements(), "one statement for the whole page")
}

// TestTodosInThreadIsOneIndexProbe pins what a reply in any thread costs the post hook: one
// statement that reads the thread-root index of migration 0010, not the todos table.
func TestTodosInThreadIsOneIndexProbe(t *testing.T) {
	ctx := context.Background()
	db, counts := newCountingDB(t)
	_, err := Migrate(ctx, db)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO channeltodo_lists (id, kind, user_id, created_at) VALUES ('u_filler', 'personal', 'filler', 0)`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO channeltodo_todos (id, list_id, number, text, state, position, creator_id, created_at, updated_at, post_id)
		SELECT 'f' || g, 'u_filler', g, 'filler', 'open', g, 'x', g, g, CASE WHEN g % 2 = 0 THEN 'p' || g ELSE '' END
		FROM generate_series(1, 5000) g`)
	require.NoError(t, err)
	_, err = db.Exec(`ANALYZE channeltodo_todos`)
	require.NoError(t, err)
	s := New(db)
	counts.Reset()
	got, err := s.TodosInThread(ctx, "p42")
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, "f42", got[0].ID)
	require.Equal(t, int64(1), counts.Statements())
	var plan string
	require.NoError(t, db.QueryRow(`EXPLAIN (FORMAT JSON) SELECT t.id FROM channeltodo_todos t
		WHERE (CASE WHEN t.root_id <> '' THEN t.root_id ELSE t.post_id END) = 'p42'
		AND t.deleted_at = 0 AND (t.root_id <> '' OR t.post_id <> '')`).Scan(&plan))
	require.Contains(t, plan, "channeltodo_todos_thread_root")
}
