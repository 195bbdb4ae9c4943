package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// doorTool is a command-line tool that keeps one channel's list and answers every command
// with its verb; it records what ran.
type doorTool struct {
	mu      sync.Mutex
	channel string
	// owner's personal list is kept too when set (the tool keeps every list).
	owner string
	ran   []string
}

func (d *doorTool) Keeps(scope todo.Scope) bool {
	return scope == todo.ChannelScope(d.channel) || (d.owner != "" && scope == todo.PersonalScope(d.owner))
}
func (d *doorTool) Preset() string { return "todo" }
func (d *doorTool) Check(context.Context) todo.ToolCheck {
	return todo.ToolCheck{Active: true, OK: true, Report: "The todo tool works.\n"}
}

func (d *doorTool) Run(_ context.Context, _ todo.Scope, verb todo.ToolVerb, arg string) todo.ToolResult {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.ran = append(d.ran, strings.TrimSpace(string(verb)+" "+arg))
	return todo.ToolResult{Verb: verb, OK: true, Reply: "tool: " + string(verb) + " " + arg}
}

func (d *doorTool) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	ran := d.ran
	d.ran = nil
	return ran
}

// TestToolDoorsAgree: the chat doors (slash command and mentions share the executor) and the
// REST API (the sidebar's door) give the same answer to the same request on a list the
// command-line tool keeps: the same refusals (permission, archived channel, the edit policy,
// bad text), the same tool runs, the same announcements.
func TestToolDoorsAgree(t *testing.T) {
	channel, archived := model.NewId(), model.NewId()
	member, reader, admin, outsider := model.NewId(), model.NewId(), model.NewId(), model.NewId()
	tests := []struct {
		name   string
		policy todo.EditPolicy
		user   string
		ch     string
		verb   todo.ToolVerb
		arg    string
		// code is the refusal ("" when the tool runs); chat is the chat door's words for it.
		code string
		chat string
	}{
		{name: "a member adds", user: member, verb: todo.ToolAdd, arg: "buy milk"},
		{name: "a member lists", user: member, verb: todo.ToolList},
		{name: "a member completes", user: member, verb: todo.ToolDone, arg: "2"},
		{name: "a member deletes under anyone", user: member, verb: todo.ToolDelete, arg: "2"},
		{name: "a reader lists", user: reader, verb: todo.ToolList},
		{name: "a reader may not add", user: reader, verb: todo.ToolAdd, arg: "x", code: todo.CodeForbidden,
			chat: "You don't have permission to change ~dev."},
		{name: "a reader may not complete", user: reader, verb: todo.ToolDone, arg: "1", code: todo.CodeForbidden,
			chat: "You don't have permission to change ~dev."},
		{name: "an outsider may not list", user: outsider, verb: todo.ToolList, code: todo.CodeForbidden,
			chat: "You don't have permission to do that."},
		{name: "an archived channel is read-only", user: member, ch: archived, verb: todo.ToolAdd, arg: "x", code: todo.CodeArchived,
			chat: "~old is archived"},
		{name: "creator and admins: a member may not delete", policy: todo.EditCreatorAndAdmins, user: member, verb: todo.ToolDelete, arg: "1",
			code: todo.CodeToolDeleteNotAllowed, chat: "Only the channel's admins can delete todos from this list"},
		{name: "creator and admins: a member still completes", policy: todo.EditCreatorAndAdmins, user: member, verb: todo.ToolDone, arg: "1"},
		{name: "creator and admins: the channel admin deletes", policy: todo.EditCreatorAndAdmins, user: admin, verb: todo.ToolDelete, arg: "1"},
		{name: "text no list takes", user: member, verb: todo.ToolAdd, arg: "pay \u202eecnalab", code: todo.CodeTextInvalid,
			chat: "can't be stored or shown safely"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch := tc.ch
			if ch == "" {
				ch = channel
			}
			a := &plugintest.API{}
			events := recordToolEvents(a)
			a.On("GetConfig").Return(&model.Config{}).Maybe()
			a.On("GetChannel", channel).Return(&model.Channel{Id: channel, Name: "dev", Type: model.ChannelTypeOpen}, nil).Maybe()
			a.On("GetChannel", archived).Return(&model.Channel{Id: archived, Name: "old", Type: model.ChannelTypeOpen}, nil).Maybe()
			a.On("LogWarn", mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).Maybe()
			auth := todotest.NewAuthorizer()
			auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
			auth.AddChannel(todo.Channel{ID: archived, Type: "O"})
			auth.SetArchived(archived, true)
			for _, c := range []string{channel, archived} {
				auth.AddMember(c, member)
				auth.Grant(c, reader, true, false, false)
				auth.Grant(c, admin, true, true, true)
			}
			auth.AddUser(outsider)
			tool := &doorTool{channel: ch}
			svc := todo.NewService(todo.Deps{
				Store: todotest.NewMemStore(), Authorizer: auth, Publisher: &todotest.Publisher{},
				Tool: tool, ToolEvents: mattermost.NewPublisher(a),
			}, todo.Config{EditPolicy: tc.policy})
			p := &Plugin{service: svc, translations: testTranslations(t)}
			p.SetAPI(a)
			p.setConfiguration(&configuration{})
			server := httptest.NewServer(api.NewRouter(svc, nil))
			t.Cleanup(server.Close)

			// The chat door.
			text := string(tc.verb)
			if tc.arg != "" {
				text += " " + tc.arg
			}
			out := p.executor().Execute(context.Background(), command.Call{UserID: tc.user, ChannelID: ch, Text: text, Locale: "en"})
			chatRan, chatEvents := tool.take(), len(events())

			// The REST door.
			body, err := json.Marshal(map[string]string{"verb": string(tc.verb), "arg": tc.arg})
			require.NoError(t, err)
			req, err := http.NewRequest("POST", server.URL+"/api/v1/channels/"+ch+"/tool", strings.NewReader(string(body)))
			require.NoError(t, err)
			req.Header.Set("Mattermost-User-ID", tc.user)
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			var rest map[string]any
			require.NoError(t, json.NewDecoder(res.Body).Decode(&rest))
			restRan, restEvents := tool.take(), len(events())-chatEvents

			require.Equal(t, chatRan, restRan, "both doors run the same command")
			require.Equal(t, chatEvents, restEvents, "both doors announce alike")
			if tc.code != "" {
				require.True(t, out.Failed, out.Text)
				require.Contains(t, out.Text, tc.chat)
				require.Equal(t, tc.code, rest["code"], rest)
				require.Empty(t, chatRan, "a refused request runs nothing")
				return
			}
			require.False(t, out.Failed, out.Text)
			require.Equal(t, http.StatusOK, res.StatusCode, rest)
			require.Equal(t, out.Text, rest["reply"], "both doors answer with the tool's words")
			require.Len(t, chatRan, 1)
			wantEvents := 1
			if tc.verb == todo.ToolList {
				wantEvents = 0
			}
			require.Equal(t, wantEvents, chatEvents)
		})
	}
}

// TestBuiltInAddsOnAToolKeptList: the doors that add to the built-in store (REST, the personal
// list's REST route, the reaction that adds a post) must not put a todo there for a list the
// command-line tool keeps, where nobody would see it: the service refuses them all alike with
// tool_keeps_list, and the tool runs nothing it was not asked through its own route.
func TestBuiltInAddsOnAToolKeptList(t *testing.T) {
	channel, member, botID := model.NewId(), model.NewId(), model.NewId()
	user := &model.User{Id: member, Username: "ann", Locale: "en"}
	post := &model.Post{Id: model.NewId(), UserId: member, ChannelId: channel, Message: "ship the release"}
	a := &plugintest.API{}
	a.On("GetConfig").Return(&model.Config{}).Maybe()
	a.On("GetUser", member).Return(user, nil)
	a.On("GetPost", post.Id).Return(post, nil)
	a.On("GetChannel", channel).Return(&model.Channel{Id: channel, Name: "dev", Type: model.ChannelTypeOpen}, nil).Maybe()
	a.On("KVSetWithOptions", mock.Anything, mock.Anything, mock.Anything).Return(true, nil).Maybe()
	a.On("KVDelete", mock.Anything).Return(nil).Maybe()
	var whispers []string
	var mu sync.Mutex
	a.On("SendEphemeralPost", member, mock.Anything).Run(func(args mock.Arguments) {
		mu.Lock()
		defer mu.Unlock()
		whispers = append(whispers, args.Get(1).(*model.Post).Message)
	}).Return(&model.Post{})
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, member)
	// The tool keeps the channel's list and the member's personal list ("every list").
	tool := &doorTool{channel: channel, owner: member}
	svc := todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth, Publisher: &todotest.Publisher{}, Tool: tool}, todo.Config{})
	p := &Plugin{service: svc, translations: testTranslations(t), buttons: testButtons(t)}
	p.SetAPI(a)
	p.client = pluginapi.NewClient(a, nil)
	p.setBotID(botID)
	cfg := &configuration{}
	cfg.SetDefaults()
	p.setConfiguration(cfg)
	server := httptest.NewServer(api.NewRouter(svc, nil))
	t.Cleanup(server.Close)

	for _, path := range []string{"/api/v1/channels/" + channel + "/todos", "/api/v1/users/me/todos"} {
		req, err := http.NewRequest("POST", server.URL+path, strings.NewReader(`{"text": "buy milk"}`))
		require.NoError(t, err)
		req.Header.Set("Mattermost-User-ID", member)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var body map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
		res.Body.Close()
		require.Equal(t, http.StatusConflict, res.StatusCode, "%s: %v", path, body)
		require.Equal(t, todo.CodeToolKeepsList, body["code"], path)
		require.Contains(t, body["error"], "/todo add", path)
	}

	p.ReactionHasBeenAdded(nil, &model.Reaction{UserId: member, PostId: post.Id, ChannelId: channel, EmojiName: "memo"})
	mu.Lock()
	require.Equal(t, []string{"The command-line tool keeps this list, so nothing is added to it here: use `/todo add` instead."}, whispers)
	mu.Unlock()

	require.Empty(t, tool.take(), "nothing reached the tool behind its route's back")
	for _, scope := range []todo.Scope{todo.ChannelScope(channel), todo.PersonalScope(member)} {
		page, err := svc.List(context.Background(), member, todo.ListQuery{Scope: scope})
		require.NoError(t, err)
		require.Empty(t, page.Todos, "the built-in store took nothing for %v", scope)
	}
	// The tool's own route still adds, as /todo add does.
	run, err := svc.RunTool(context.Background(), member, todo.ChannelScope(channel), todo.ToolAdd, "buy milk")
	require.NoError(t, err)
	require.True(t, run.Kept && run.OK)
	require.Equal(t, []string{"add buy milk"}, tool.take())
}
