package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/bridge/bridgetest"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// fakeTodoScript is a tool with the webhook setup's `todo add|done|list|delete` interface that
// keeps one todo per line in $HOME/todos.
const fakeTodoScript = `#!/bin/sh
f="$HOME/todos"
touch "$f"
case "$1" in
add) printf '%s\n' "$2" >> "$f" ;;
list) grep -n '' "$f" | sed 's/:/ /' ;;
delete) sed -i "$2d" "$f" ;;
done) sed -i "$2s/^/x /" "$f" ;;
*) echo "unknown command $1" >&2; exit 2 ;;
esac
`

func writeFakeTodo(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake tool is a POSIX shell script")
	}
	path := filepath.Join(t.TempDir(), "todo")
	require.NoError(t, os.WriteFile(path, []byte(fakeTodoScript), 0o755))
	return path
}

// channelAPI answers the plugin API calls that resolve BridgeChannels: team "eng" has the
// channels "ops" and "dev".
type channelAPI struct {
	*plugintest.API
	ops, dev, other string
}

func newChannelAPI(t *testing.T) *channelAPI {
	a := &channelAPI{API: &plugintest.API{}, ops: model.NewId(), dev: model.NewId(), other: model.NewId()}
	notFound := model.NewAppError("GetChannel", "app.channel.get.existing.app_error", nil, "", http.StatusNotFound)
	a.On("GetChannelByNameForTeamName", "eng", "ops", false).Return(&model.Channel{Id: a.ops, Name: "ops"}, nil).Maybe()
	a.On("GetChannelByNameForTeamName", "eng", "dev", false).Return(&model.Channel{Id: a.dev, Name: "dev"}, nil).Maybe()
	a.On("GetChannelByNameForTeamName", mock.Anything, mock.Anything, false).Return(nil, notFound).Maybe()
	a.On("GetChannel", a.other).Return(&model.Channel{Id: a.other}, nil).Maybe()
	a.On("GetChannel", mock.Anything).Return(nil, notFound).Maybe()
	a.On("LogWarn", mock.Anything, mock.Anything, mock.Anything).Maybe()
	serveClusterLocks(a.API, newMemKV())
	t.Cleanup(func() { a.AssertExpectations(t) })
	return a
}

// toolService is a service over the in-memory store with p's command-line tool, announcing
// the tool's changes through p's plugin API, as OnActivate wires it.
func toolService(p *Plugin, auth todo.Authorizer, cfg todo.Config) *todo.Service {
	return todo.NewService(todo.Deps{
		Store: todotest.NewMemStore(), Authorizer: auth, Publisher: &todotest.Publisher{},
		Tool: p.tools(), ToolEvents: mattermost.NewPublisher(p.API),
	}, cfg)
}

func cliConfig(t *testing.T, executable, channels string) *configuration {
	t.Helper()
	c := &configuration{
		BridgeBackend: backendCLI, BridgePreset: bridge.PresetTodo, BridgeExecutable: executable,
		BridgeDataRoot: filepath.Join(t.TempDir(), "data"), BridgeChannels: channels,
	}
	c.SetDefaults()
	require.NoError(t, c.IsValid())
	return c
}

func TestToolFor(t *testing.T) {
	a := newChannelAPI(t)
	user := model.NewId()
	tool := writeFakeTodo(t)
	builtin := &configuration{}
	builtin.SetDefaults()
	tests := []struct {
		name string
		cfg  *configuration
		want map[todo.Scope]bool
	}{
		{name: "built-in store", cfg: builtin, want: map[todo.Scope]bool{
			todo.ChannelScope(a.ops): false, todo.ChannelScope(a.other): false, todo.PersonalScope(user): false,
		}},
		{name: "the tool for every list", cfg: cliConfig(t, tool, ""), want: map[todo.Scope]bool{
			todo.ChannelScope(a.ops): true, todo.ChannelScope(a.other): true, todo.PersonalScope(user): true,
		}},
		{name: "the tool for listed channels only", cfg: cliConfig(t, tool, "eng/ops, "+a.other+", eng/missing"), want: map[todo.Scope]bool{
			todo.ChannelScope(a.ops): true, todo.ChannelScope(a.other): true, todo.ChannelScope(a.dev): false,
			todo.PersonalScope(user): false,
		}},
		{name: "only unknown channels listed: no list uses the tool", cfg: cliConfig(t, tool, "eng/missing"), want: map[todo.Scope]bool{
			todo.ChannelScope(a.ops): false, todo.PersonalScope(user): false,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &Plugin{}
			p.SetAPI(a)
			require.NoError(t, p.refreshBridge(tc.cfg))
			for scope, want := range tc.want {
				require.Equal(t, want, p.tools().Keeps(scope), "scope %+v", scope)
				if want {
					require.NotNil(t, p.tools().Runner())
					require.Equal(t, tool, p.tools().Runner().Config().Executable)
				}
			}
		})
	}
}

func TestToolForBeforeAnySettings(t *testing.T) {
	p := &Plugin{}
	require.False(t, p.tools().Keeps(todo.PersonalScope(model.NewId())))
}

func TestRefreshBridgeFollowsSettings(t *testing.T) {
	a := newChannelAPI(t)
	p := &Plugin{}
	p.SetAPI(a)
	tool := writeFakeTodo(t)
	scope := todo.ChannelScope(a.dev)

	require.NoError(t, p.refreshBridge(cliConfig(t, tool, "")))
	first := p.tools().Runner()
	require.True(t, p.tools().Keeps(scope))

	next := cliConfig(t, tool, "")
	next.BridgeTimeoutSeconds = 5
	require.NoError(t, p.refreshBridge(next))
	second := p.tools().Runner()
	require.True(t, p.tools().Keeps(scope))
	require.NotSame(t, first, second)
	require.Equal(t, next.bridgeConfig().Timeout, second.Config().Timeout)

	off := next.Clone()
	off.BridgeBackend = backendBuiltin
	require.NoError(t, p.refreshBridge(off))
	require.False(t, p.tools().Keeps(scope))
}

func TestBridgeCheck(t *testing.T) {
	tool := writeFakeTodo(t)
	admin, member := model.NewId(), model.NewId()
	missing := filepath.Join(t.TempDir(), "no-such-tool")
	tests := []struct {
		name      string
		user      string
		cfg       func() *configuration
		forbidden bool
		ok        bool
		contains  string
	}{
		{name: "a member may not check", user: member, cfg: func() *configuration { return cliConfig(t, tool, "") }, forbidden: true},
		{name: "the configured tool works", user: admin, cfg: func() *configuration { return cliConfig(t, tool, "") }, ok: true, contains: "list again: ok (the todo is gone)"},
		{name: "a missing executable is named", user: admin, cfg: func() *configuration { return cliConfig(t, missing, "") }, contains: "does not exist on this server"},
		{name: "checked while the built-in store is on", user: admin, cfg: func() *configuration {
			c := cliConfig(t, tool, "")
			c.BridgeBackend = backendBuiltin
			return c
		}, ok: true, contains: "The todo tool works."},
		{name: "settings that cannot make a runner", user: admin, cfg: func() *configuration {
			c := &configuration{BridgeExecutable: "todo"}
			c.SetDefaults()
			return c
		}, contains: "is not absolute"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &plugintest.API{}
			auth := todotest.NewAuthorizer()
			auth.SetSystemAdmin(admin)
			auth.AddUser(member)
			p := &Plugin{}
			p.SetAPI(a)
			cfg := tc.cfg()
			p.setConfiguration(cfg)
			require.NoError(t, p.refreshBridge(cfg))

			report, err := toolService(p, auth, todo.Config{}).CheckTool(context.Background(), tc.user)
			if tc.forbidden {
				require.ErrorIs(t, err, todo.ErrForbidden)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.ok, report.OK, report.Report)
			require.Contains(t, report.Report, tc.contains)
		})
	}
}

// TestToolThroughREST drives the real router with the plugin's door and the real todo-txt, as
// the sidebar does: add through the tool route, then read the parsed list.
func TestToolThroughREST(t *testing.T) {
	todoTxt := bridgetest.Tool(t, "todo-txt")
	a := newChannelAPI(t)
	events := recordToolEvents(a.API)
	p := &Plugin{}
	p.SetAPI(a)
	cfg := cliConfig(t, todoTxt, "eng/ops")
	cfg.BridgePreset = bridge.PresetTodoTxt
	require.NoError(t, p.refreshBridge(cfg))

	member := model.NewId()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: a.ops, Type: "O"})
	auth.AddChannel(todo.Channel{ID: a.dev, Type: "O"})
	auth.AddMember(a.ops, member)
	auth.AddMember(a.dev, member)
	server := httptest.NewServer(api.NewRouter(toolService(p, auth, todo.Config{}), nil))
	t.Cleanup(server.Close)

	call := func(method, path, body string) map[string]any {
		req, err := http.NewRequest(method, server.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Mattermost-User-ID", member)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		var out map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
		return out
	}

	hostile := "--help -f rc.data.location=/tmp $(id) ; rm -rf ~"
	body, err := json.Marshal(map[string]string{"verb": "add", "arg": hostile})
	require.NoError(t, err)
	added := call("POST", "/api/v1/channels/"+a.ops+"/tool", string(body))
	require.Equal(t, true, added["ok"], added)
	require.Contains(t, added["reply"], "TODO: 1 added.")

	listed := call("GET", "/api/v1/channels/"+a.ops+"/tool", "")
	require.Equal(t, true, listed["active"])
	require.Equal(t, true, listed["parsed"])
	require.Equal(t, bridge.PresetTodoTxt, listed["preset"])
	items := listed["items"].([]any)
	require.Len(t, items, 1)
	require.Equal(t, hostile, items[0].(map[string]any)["text"])

	data, err := os.ReadFile(filepath.Join(cfg.BridgeDataRoot, string(bridge.ChannelList(a.ops)), "todo.txt"))
	require.NoError(t, err)
	require.Equal(t, hostile+"\n", string(data))

	done := call("POST", "/api/v1/channels/"+a.ops+"/tool", `{"verb":"done","arg":"1"}`)
	require.Equal(t, true, done["ok"], done)
	listed = call("GET", "/api/v1/channels/"+a.ops+"/tool", "")
	require.Equal(t, true, listed["items"].([]any)[0].(map[string]any)["done"])

	// The other channel is not listed, so the built-in store keeps it.
	other := call("GET", "/api/v1/channels/"+a.dev+"/tool", "")
	require.Equal(t, false, other["active"])

	// The add and the done were announced to the channel; the listings were not.
	var verbs []any
	for _, e := range events() {
		require.Equal(t, a.ops, e.payload["channel_id"])
		verbs = append(verbs, e.payload["verb"])
	}
	require.Equal(t, []any{"add", "done"}, verbs)
}

// Mattermost shows the admin the message of a *model.AppError returned by
// ConfigurationWillBeSaved and replaces any other error by a generic one.
func TestConfigurationWillBeSavedExplainsBridgeSettings(t *testing.T) {
	tool := writeFakeTodo(t)
	dataRoot := t.TempDir()
	tests := []struct {
		name     string
		settings map[string]any
		message  string
	}{
		{name: "relative executable", settings: map[string]any{"bridgebackend": "cli", "bridgepreset": "todo.txt", "bridgeexecutable": "todo-txt", "bridgedataroot": dataRoot}, message: `Executable path "todo-txt" is not absolute`},
		{name: "missing executable", settings: map[string]any{"bridgebackend": "cli", "bridgeexecutable": tool + "-missing", "bridgedataroot": dataRoot}, message: "does not exist on this server"},
		{name: "valid", settings: map[string]any{"bridgebackend": "cli", "bridgeexecutable": tool, "bridgedataroot": dataRoot}},
		{name: "built-in store ignores the tool's settings on disk", settings: map[string]any{"bridgebackend": "builtin", "bridgeexecutable": "/nowhere/todo", "bridgedataroot": dataRoot}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := &model.Config{}
			cfg.PluginSettings.Plugins = map[string]map[string]any{manifestID: tc.settings}
			_, err := (&Plugin{}).ConfigurationWillBeSaved(cfg)
			if tc.message == "" {
				require.NoError(t, err)
				return
			}
			var appErr *model.AppError
			require.ErrorAs(t, err, &appErr)
			require.Equal(t, http.StatusBadRequest, appErr.StatusCode)
			require.True(t, appErr.SkipTranslation)
			require.Contains(t, appErr.Message, tc.message)
		})
	}
}
