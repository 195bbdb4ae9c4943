package command

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/todo"
)

// SuggestionsPath is where Mattermost fetches the todos offered while a number is typed; the
// autocomplete data names it under /plugins/<id>.
const SuggestionsPath = "/autocomplete/todos"

// Suggestions answers Mattermost's dynamic autocomplete request for todo numbers: the todos
// of the list the command works on, filtered by what has been typed. Mattermost sends the
// acting user in the Mattermost-User-Id header; the query names the channel. Any failure
// yields an empty list, so typing is never interrupted.
type Suggestions struct {
	Service Service
	// IsBotDM reports whether a channel is a direct channel with the bot, whose commands act
	// on the personal list.
	IsBotDM func(channelID string) bool
}

func (s Suggestions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	userID := r.Header.Get("Mattermost-User-Id")
	if userID == "" {
		httpjson.Write(w, http.StatusUnauthorized, map[string]string{"error": "Not signed in.", "code": "unauthorized"})
		return
	}
	q := r.URL.Query()
	items := []model.AutocompleteListItem{}
	if scope, ok := s.scope(userID, q.Get("channel_id"), q.Get("scope")); ok && !s.Service.KeptByTool(scope) {
		items = s.suggest(r.Context(), userID, scope, q.Get("state"), typedWord(q.Get("user_input"), q.Get("parsed")))
	}
	httpjson.Write(w, http.StatusOK, items)
}

// suggest offers the todos of scope's list in the given state that match typed. It reads
// one page: only as many todos as can be offered when nothing is typed yet, otherwise the
// first page to match words in, plus the todo whose number was typed in full, wherever it is
// in the list.
func (s Suggestions) suggest(ctx context.Context, userID string, scope todo.Scope, state, typed string) []model.AutocompleteListItem {
	limit := todo.MaxPageSize
	if strings.TrimSpace(typed) == "" {
		limit = MaxSuggestions
	}
	page, err := s.Service.List(ctx, userID, todo.ListQuery{Scope: scope, Filter: todo.Filter{State: state, Limit: limit}})
	if err != nil {
		return []model.AutocompleteListItem{}
	}
	list := make([]Item, 0, len(page.Todos)+1)
	seen := map[int64]bool{}
	for _, t := range page.Todos {
		list = append(list, Item{Number: t.Number, Text: t.Text})
		seen[t.Number] = true
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(typed), "#"), 10, 64)
	if err == nil && n > 0 && !seen[n] {
		t, err := s.Service.GetByNumber(ctx, userID, scope, n)
		if err == nil && (state == "all" || string(t.State) == state || (state == "" && t.State == todo.StateOpen)) {
			list = append([]Item{{Number: t.Number, Text: t.Text}}, list...)
		}
	}
	return SuggestTodos(list, typed)
}

// scope is the list a command typed in channelID works on.
func (s Suggestions) scope(userID, channelID, scope string) (todo.Scope, bool) {
	if scope == "personal" {
		return todo.PersonalScope(userID), true
	}
	if !model.IsValidId(channelID) {
		return todo.Scope{}, false
	}
	if s.IsBotDM != nil && s.IsBotDM(channelID) {
		return todo.PersonalScope(userID), true
	}
	return todo.ChannelScope(channelID), true
}

// typedWord is the word being typed: what follows the parsed part of the input.
func typedWord(input, parsed string) string {
	rest := strings.TrimPrefix(input, parsed)
	fields := strings.Fields(rest)
	if len(fields) == 0 || strings.HasSuffix(rest, " ") {
		return ""
	}
	return fields[len(fields)-1]
}
