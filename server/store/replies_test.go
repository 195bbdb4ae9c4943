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
