package command

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/httpjson/httpjsontest"
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
// TestSuggestionsAnswerInOneWrite: the autocomplete's answer, asked for at every keystroke,
// goes out as JSON with its length in one Write, and so does the refusal of an unsigned request.
func TestSuggestionsAnswerInOneWrite(t *testing.T) {
	userID, channelID := model.NewId(), model.NewId()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channelID, Type: "O"})
	auth.AddMember(channelID, userID)
	p := Suggestions{Service: todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth}, todo.Config{})}
	_, err := p.Service.Add(context.Background(), userID, todo.AddInput{Scope: todo.ChannelScope(channelID), Text: "Book the room"})
	require.NoError(t, err)

	ask := func(user string) *httpjsontest.Recorder {
		rec := httpjsontest.NewRecorder()
		r := httptest.NewRequest("GET", SuggestionsPath+"?channel_id="+channelID+"&state=open&user_input=%2Ftodo+done+", nil)
		if user != "" {
			r.Header.Set("Mattermost-User-Id", user)
		}
		p.ServeHTTP(rec, r)
		return rec
	}
	for _, c := range []struct {
		user   string
		status int
		body   string
	}{
		{userID, http.StatusOK, "Book the room"},
		{"", http.StatusUnauthorized, `"code":"unauthorized"`},
	} {
		rec := ask(c.user)
		require.Equal(t, c.status, rec.Code)
		require.Contains(t, rec.Body.String(), c.body)
		require.Equal(t, "application/json", rec.Header().Get("Content-Type"))
		require.Equal(t, 1, rec.Writes)
		require.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"))
	}
}

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
