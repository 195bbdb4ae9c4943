package todo_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// TestListEncodedIsListAsJSON: ListEncoded gives, page after page and in every sort, the
// todos, cursors and version List gives, as the JSON encoding of List's page, reply counts
// included (spliced where encoding the todo puts them: before the checklist's counts).
func TestListEncodedIsListAsJSON(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	replies := &todotest.Replies{}
	f.svc = todo.NewService(todo.Deps{Store: f.store, Items: f.store, Authorizer: f.auth, Publisher: f.pub, Replies: replies}, todo.Config{})
	for i, text := range []string{"a", "b", "c", "d", "e"} {
		root := todo.NewID()
		_, err := f.store.Add(ctx, todo.Todo{ID: todo.NewID(), ListID: f.scope().ListID(), Scope: f.scope(), Text: text,
			State: todo.StateOpen, CreatorID: f.creator, CreatedAt: int64(i), PostID: root, Priority: todo.Priority(i % 4),
			ItemsTotal: i, ItemsDone: i / 2})
		require.NoError(t, err)
		if i%2 == 0 {
			replies.Set(root, i+1)
		}
	}
	for _, sort := range []string{"", "priority", "due"} {
		q := todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{State: "all", Sort: sort, Limit: 2}}
		for pages := 0; ; pages++ {
			require.Less(t, pages, 5)
			want, err := f.svc.List(ctx, f.member, q)
			require.NoError(t, err)
			require.NoError(t, f.svc.CountReplies(ctx, want.Todos))
			got, err := f.svc.ListEncoded(ctx, f.member, q)
			require.NoError(t, err)
			require.NoError(t, f.svc.CountEncodedReplies(ctx, &got))
			require.Equal(t, want.NextCursor, got.NextCursor)
			require.Equal(t, want.Version, got.Version)
			require.Len(t, got.Todos, len(want.Todos))
			for i := range want.Todos {
				b, err := json.Marshal(want.Todos[i])
				require.NoError(t, err)
				require.Equal(t, string(b), string(got.Todos[i]), "sort %q", sort)
			}
			if want.NextCursor == "" {
				break
			}
			q.Cursor = want.NextCursor
		}
	}

	_, err := f.svc.ListEncoded(ctx, f.outsider, todo.ListQuery{Scope: f.scope()})
	require.ErrorIs(t, err, todo.ErrForbidden, "the same permission check as List")
}
