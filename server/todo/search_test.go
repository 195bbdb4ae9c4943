package todo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func TestSearchTerms(t *testing.T) {
	got, err := todo.SearchTerms(`  "Milk" & oat-MILK! (bread) 牛奶 `)
	require.NoError(t, err)
	require.Equal(t, []string{"milk", "oat", "bread", "牛奶"}, got)
	for _, bad := range []string{"", "  ", "&|!:*()'", "a b c d e f g h i j k"} {
		_, err := todo.SearchTerms(bad)
		require.Equal(t, todo.CodeInvalidSearch, todo.CodeOf(err), "%q", bad)
	}
}

// TestSearchNeverReturnsWhatTheActorCannotRead: the store's membership and Mattermost's
// permissions can disagree (a channel's read permission taken away from members); the
// permission wins.
func TestSearchNeverReturnsWhatTheActorCannotRead(t *testing.T) {
	ctx := context.Background()
	store := todotest.NewMemStore()
	auth := todotest.NewAuthorizer()
	clock := todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: auth, Search: store, Clock: clock}, todo.Config{})
	alice, bob := todo.NewID(), todo.NewID()
	open, closed := todo.NewID(), todo.NewID()
	for _, ch := range []string{open, closed} {
		auth.AddChannel(todo.Channel{ID: ch, TeamID: "t", Type: "O"})
		auth.AddMember(ch, bob)
		store.SetMember(ch, alice, true)
	}
	auth.AddMember(open, alice)
	auth.Grant(closed, alice, false, false, false)

	add := func(scope todo.Scope, text string) todo.Todo {
		clock.Advance(time.Second)
		actor := bob
		if scope.Kind == todo.ScopePersonal {
			actor = scope.UserID
		}
		td, err := svc.Add(ctx, actor, todo.AddInput{Scope: scope, Text: text})
		require.NoError(t, err)
		return td
	}
	mine := add(todo.PersonalScope(alice), "Report for the board")
	shared := add(todo.ChannelScope(open), "Quarterly report")
	add(todo.ChannelScope(closed), "Secret report")
	add(todo.PersonalScope(bob), "Bob's report")
	newest := add(todo.ChannelScope(open), "Report draft")

	page, err := svc.Search(ctx, alice, todo.SearchQuery{Words: "REPORT"})
	require.NoError(t, err)
	var texts []string
	for _, td := range page.Todos {
		texts = append(texts, td.Text)
	}
	require.Equal(t, []string{newest.Text, shared.Text, mine.Text}, texts)
	require.Empty(t, page.NextCursor)

	// Paged: the unreadable todo takes a place in a page but is never shown.
	var seen []string
	cursor := ""
	for {
		p, err := svc.Search(ctx, alice, todo.SearchQuery{Words: "report", Cursor: cursor, Limit: 1})
		require.NoError(t, err)
		for _, td := range p.Todos {
			seen = append(seen, td.ID)
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	require.Equal(t, []string{newest.ID, shared.ID, mine.ID}, seen)

	_, err = svc.Search(ctx, alice, todo.SearchQuery{Words: "report", State: "maybe"})
	require.Equal(t, todo.CodeInvalidState, todo.CodeOf(err))
	_, err = todo.NewService(todo.Deps{Store: store, Authorizer: auth}, todo.Config{}).Search(ctx, alice, todo.SearchQuery{Words: "x"})
	require.ErrorIs(t, err, todo.ErrSearchUnavailable)
}

// TestSearchCoversTheChannelsTheActorIsIn pins the convention Mattermost's own message search
// follows: a public channel the actor may read without having joined it is not searched.
func TestSearchCoversTheChannelsTheActorIsIn(t *testing.T) {
	ctx := context.Background()
	store := todotest.NewMemStore()
	auth := todotest.NewAuthorizer()
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: auth, Search: store}, todo.Config{})
	alice, bob, lobby := todo.NewID(), todo.NewID(), todo.NewID()
	auth.AddChannel(todo.Channel{ID: lobby, TeamID: "t", Type: "O"})
	auth.AddMember(lobby, bob)
	store.SetMember(lobby, bob, true)
	auth.Grant(lobby, alice, true, false, false) // a team member reads a public channel
	td, err := svc.Add(ctx, bob, todo.AddInput{Scope: todo.ChannelScope(lobby), Text: "Lobby poster"})
	require.NoError(t, err)
	_, err = svc.List(ctx, alice, todo.ListQuery{Scope: todo.ChannelScope(lobby)})
	require.NoError(t, err, "alice may read the list")

	page, err := svc.Search(ctx, alice, todo.SearchQuery{Words: "poster"})
	require.NoError(t, err)
	require.Empty(t, page.Todos, "a channel alice has not joined is not searched")

	store.SetMember(lobby, alice, true)
	page, err = svc.Search(ctx, alice, todo.SearchQuery{Words: "poster"})
	require.NoError(t, err)
	require.Len(t, page.Todos, 1)
	require.Equal(t, td.ID, page.Todos[0].ID)
}
