package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/store/storetest"
	"github.com/channel-todo/channel-todo/server/todo"
)

func TestSearchFindsWordBeginningsInListsTheUserBelongsTo(t *testing.T) {
	ctx := context.Background()
	s, db := newTestStore(t)
	member := storetest.MembershipTables(t, db)
	user, other := todo.NewID(), todo.NewID()
	mine, theirs, left := todo.NewID(), todo.NewID(), todo.NewID()
	member(mine, user, true)
	member(theirs, other, true)
	member(left, user, true)

	at := int64(1000)
	add := func(scope todo.Scope, text string) todo.Todo {
		at++
		td := todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: text, State: todo.StateOpen,
			CreatorID: user, CreatedAt: at, UpdatedAt: at}
		ch, err := s.Add(ctx, td)
		require.NoError(t, err)
		return ch.Todo
	}
	milk := add(todo.PersonalScope(user), "Buy MILK and bread")
	oat := add(todo.ChannelScope(mine), "Oat milk for the office")
	add(todo.ChannelScope(theirs), "Milk in a channel the user is not in")
	add(todo.PersonalScope(other), "Someone else's milk")
	gone := add(todo.ChannelScope(mine), "Milk that was deleted")
	_, err := s.Update(ctx, gone.ID, func(td *todo.Todo) error { td.DeletedAt = 5; return nil })
	require.NoError(t, err)
	cyr := add(todo.ChannelScope(mine), "Купить молоко")
	done := add(todo.ChannelScope(left), "Milkshake machine")
	_, err = s.Update(ctx, done.ID, func(td *todo.Todo) error { td.State = todo.StateDone; return nil })
	require.NoError(t, err)

	search := func(state todo.State, after *todo.Cursor, limit int, terms ...string) []string {
		got, err := s.Search(ctx, todo.SearchStoreQuery{UserID: user, Terms: terms, State: state, After: after, Limit: limit})
		require.NoError(t, err)
		var ids []string
		for _, td := range got {
			ids = append(ids, td.ID)
		}
		return ids
	}
	// Newest first; "milk" begins "milkshake" too; every term must match.
	require.Equal(t, []string{done.ID, oat.ID, milk.ID}, search("", nil, 10, "milk"))
	require.Equal(t, []string{milk.ID}, search("", nil, 10, "milk", "bre"))
	require.Empty(t, search("", nil, 10, "ilk"), "a search matches the beginnings of words")
	require.Equal(t, []string{cyr.ID}, search("", nil, 10, "молок"))
	require.Equal(t, []string{oat.ID, milk.ID}, search(todo.StateOpen, nil, 10, "milk"))

	// Pages follow the last todo seen.
	first := search("", nil, 2, "milk")
	require.Equal(t, []string{done.ID, oat.ID}, first)
	require.Equal(t, []string{milk.ID}, search("", &todo.Cursor{Key: oat.CreatedAt, ID: oat.ID}, 2, "milk"))

	// On a table of some size, the search reads the index migration 0008 built, not every row.
	_, err = db.Exec(`INSERT INTO channeltodo_lists (id, kind, user_id, created_at) VALUES ('u_filler', 'personal', 'filler', 0)`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO channeltodo_todos (id, list_id, number, text, state, position, creator_id, created_at, updated_at)
		SELECT 'f' || g, 'u_filler', g, 'filler text number ' || g, 'open', g, 'x', g, g FROM generate_series(1, 5000) g`)
	require.NoError(t, err)
	_, err = db.Exec(`ANALYZE channeltodo_todos`)
	require.NoError(t, err)
	var plan string
	require.NoError(t, db.QueryRow(`EXPLAIN (FORMAT JSON) SELECT t.id FROM channeltodo_todos t
		WHERE t.deleted_at = 0 AND to_tsvector('simple', t.text) @@ to_tsquery('simple', 'milk:*')`).Scan(&plan))
	require.Contains(t, plan, "channeltodo_todos_search")
	require.Equal(t, []string{done.ID, oat.ID, milk.ID}, search("", nil, 10, "milk"))

	// Leaving a channel takes effect at once.
	member(left, user, false)
	require.Equal(t, []string{oat.ID, milk.ID}, search("", nil, 10, "milk"))
}
