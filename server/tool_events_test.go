package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// toolEvent is one tool_changed event as the plugin API received it.
type toolEvent struct {
	payload   map[string]any
	broadcast model.WebsocketBroadcast
}

// recordToolEvents makes a accept tool_changed events and returns what it received so far.
func recordToolEvents(a *plugintest.API) func() []toolEvent {
	var mu sync.Mutex
	var events []toolEvent
	a.On("PublishWebSocketEvent", mattermost.EventToolChanged, mock.Anything, mock.Anything).Run(func(args mock.Arguments) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, toolEvent{payload: args.Get(1).(map[string]any), broadcast: *args.Get(2).(*model.WebsocketBroadcast)})
	}).Maybe()
	return func() []toolEvent {
		mu.Lock()
		defer mu.Unlock()
		return append([]toolEvent(nil), events...)
	}
}

func writeTool(t *testing.T, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "todo")
	require.NoError(t, os.WriteFile(path, []byte(script), 0o755))
	return path
}

// TestListToolAnnouncesChanges: a command that changed a tool-kept list is announced to the
// list's audience; a listing, a refused id and a failing tool are not.
func TestListToolAnnouncesChanges(t *testing.T) {
	working := writeFakeTodo(t)
	failing := writeTool(t, "#!/bin/sh\necho 'no such todo' >&2\nexit 1\n")
	channel, user := model.NewId(), model.NewId()
	tests := []struct {
		name  string
		tool  string
		scope todo.Scope
		verb  todo.ToolVerb
		arg   string
		ok    bool
		want  []toolEvent
	}{
		{name: "add to a channel list", tool: working, scope: todo.ChannelScope(channel),
			verb: todo.ToolAdd, arg: "milk",
			ok: true, want: []toolEvent{{
				payload:   map[string]any{"list_id": "c_" + channel, "channel_id": channel, "verb": "add"},
				broadcast: model.WebsocketBroadcast{ChannelId: channel, ReliableClusterSend: true},
			}}},
		{name: "done on a personal list", tool: working, scope: todo.PersonalScope(user),
			verb: todo.ToolDone, arg: "1",
			ok: true, want: []toolEvent{{
				payload:   map[string]any{"list_id": "u_" + user, "user_id": user, "verb": "done"},
				broadcast: model.WebsocketBroadcast{UserId: user, ReliableClusterSend: true},
			}}},
		{name: "delete", tool: working, scope: todo.ChannelScope(channel),
			verb: todo.ToolDelete, arg: "1",
			ok: true, want: []toolEvent{{
				payload:   map[string]any{"list_id": "c_" + channel, "channel_id": channel, "verb": "delete"},
				broadcast: model.WebsocketBroadcast{ChannelId: channel, ReliableClusterSend: true},
			}}},
		{name: "a listing changes nothing", tool: working, scope: todo.ChannelScope(channel),
			verb: todo.ToolList, ok: true},
		{name: "an id the preset refuses", tool: working, scope: todo.ChannelScope(channel),
			verb: todo.ToolDone, arg: "; rm"},
		{name: "the tool reports an error", tool: failing, scope: todo.ChannelScope(channel),
			verb: todo.ToolDelete, arg: "7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &plugintest.API{}
			events := recordToolEvents(a)
			serveClusterLocks(a, newMemKV())
			p := &Plugin{}
			p.SetAPI(a)
			require.NoError(t, p.refreshBridge(cliConfig(t, tc.tool, "")))
			auth := todotest.NewAuthorizer()
			auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
			auth.AddMember(channel, user)
			require.True(t, p.tools().Keeps(tc.scope))

			res, err := toolService(p, auth, todo.Config{}).RunTool(context.Background(), user, tc.scope, tc.verb, tc.arg)

			require.NoError(t, err)
			require.Equal(t, tc.ok, res.OK, res.Reply)
			require.Equal(t, tc.want, events())
		})
	}
}

// TestChatCommandOnToolListIsAnnounced drives the executor the chat doors build: /todo add on
// a tool-kept channel list is announced once; /todo list is not.
func TestChatCommandOnToolListIsAnnounced(t *testing.T) {
	channel, member := model.NewId(), model.NewId()
	a := &plugintest.API{}
	events := recordToolEvents(a)
	serveClusterLocks(a, newMemKV())
	a.On("GetConfig").Return(&model.Config{}).Maybe()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, member)
	p := &Plugin{translations: testTranslations(t)}
	p.SetAPI(a)
	p.service = toolService(p, auth, todo.Config{})
	cfg := cliConfig(t, writeFakeTodo(t), "")
	p.setConfiguration(cfg)
	require.NoError(t, p.refreshBridge(cfg))

	added := p.executor().Execute(context.Background(), command.Call{UserID: member, ChannelID: channel, Text: "add buy milk"})
	require.False(t, added.Failed, added.Text)
	listed := p.executor().Execute(context.Background(), command.Call{UserID: member, ChannelID: channel, Text: "list"})
	require.Contains(t, listed.Text, "buy milk")

	require.Equal(t, []toolEvent{{
		payload:   map[string]any{"list_id": "c_" + channel, "channel_id": channel, "verb": "add"},
		broadcast: model.WebsocketBroadcast{ChannelId: channel, ReliableClusterSend: true},
	}}, events())
}

// TestRESTCommandOnToolListIsAnnounced: the sidebar's POST .../tool announces the change; a
// GET of the list does not, and neither does a request refused for lack of permission.
func TestRESTCommandOnToolListIsAnnounced(t *testing.T) {
	channel, member, stranger := model.NewId(), model.NewId(), model.NewId()
	a := &plugintest.API{}
	events := recordToolEvents(a)
	serveClusterLocks(a, newMemKV())
	p := &Plugin{}
	p.SetAPI(a)
	require.NoError(t, p.refreshBridge(cliConfig(t, writeFakeTodo(t), "")))
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channel, Type: "P"})
	auth.AddMember(channel, member)
	server := httptest.NewServer(api.NewRouter(toolService(p, auth, todo.Config{}), nil))
	t.Cleanup(server.Close)

	call := func(user, method, body string) int {
		req, err := http.NewRequest(method, server.URL+"/api/v1/channels/"+channel+"/tool", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Mattermost-User-ID", user)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
		return res.StatusCode
	}

	require.Equal(t, http.StatusOK, call(member, "POST", `{"verb":"add","arg":"ship it"}`))
	require.Equal(t, http.StatusOK, call(member, "GET", ""))
	require.NotEqual(t, http.StatusOK, call(stranger, "POST", `{"verb":"add","arg":"not mine"}`))
	require.Equal(t, http.StatusOK, call(member, "POST", `{"verb":"done","arg":"1"}`))

	got := events()
	require.Len(t, got, 2)
	require.Equal(t, map[string]any{"list_id": "c_" + channel, "channel_id": channel, "verb": "add"}, got[0].payload)
	require.Equal(t, map[string]any{"list_id": "c_" + channel, "channel_id": channel, "verb": "done"}, got[1].payload)
	require.Equal(t, model.WebsocketBroadcast{ChannelId: channel, ReliableClusterSend: true}, got[1].broadcast)
}
