package command

import (
	"context"
	"fmt"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func TestTypedWord(t *testing.T) {
	tests := []struct {
		input, parsed, want string
	}{
		{"todo done ", "todo done ", ""},
		{"todo done 1", "todo done ", "1"},
		{"todo done #1", "todo done ", "#1"},
		{"todo done milk", "todo done ", "milk"},
		{"todo done 1 ", "todo done ", ""},
		{"todo my done 12", "todo my done ", "12"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, typedWord(tt.input, tt.parsed), tt.input)
	}
}

// TestSuggestionsReadOnePage (issue 10.1): autocomplete reads only what it can offer when
// nothing is typed, and finds a todo whose number is typed in full anywhere in the list.
// Before, it read 200 todos for every keystroke and never offered #280; this test failed then.
func TestSuggestionsReadOnePage(t *testing.T) {
	userID, channelID := model.NewId(), model.NewId()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channelID, Type: "O"})
	auth.AddMember(channelID, userID)
	store := &readCounter{MemStore: todotest.NewMemStore()}
	p := Suggestions{Service: todo.NewService(todo.Deps{Store: store, Authorizer: auth}, todo.Config{})}
	scope := todo.ChannelScope(channelID)
	for i := 1; i <= 300; i++ {
		_, err := p.Service.Add(context.Background(), userID, todo.AddInput{Scope: scope, Text: fmt.Sprintf("task %d", i)})
		require.NoError(t, err)
	}
	store.read.Store(0)
	got := p.suggest(context.Background(), userID, scope, "open", "")
	require.Len(t, got, MaxSuggestions)
	require.LessOrEqual(t, store.read.Load(), int64(MaxSuggestions+1))

	got = p.suggest(context.Background(), userID, scope, "open", "#280")
	require.NotEmpty(t, got)
	require.Equal(t, "280", got[0].Item)
	require.Empty(t, p.suggest(context.Background(), userID, scope, "done", "280"))
}
