//go:build unix

package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/httpjson/httpjsontest"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// napScript is a `todo` tool whose `add N` sleeps N seconds in a child process (its pids go to
// $HOME) and then answers "woke after N".
const napScript = `#!/bin/sh
case "$1" in
add)
	echo $$ >"$HOME/leader.pid"
	sleep "$2" &
	echo $! >"$HOME/child.pid"
	wait
	echo "woke after $2"
	;;
list) echo "nothing" ;;
*) exit 2 ;;
esac
`

// napPlugin is a plugin whose every list is kept by napScript with the given timeout and
// concurrency limit, with the service and translations the chat doors need.
func napPlugin(t *testing.T, timeoutSeconds, maxConcurrent int, channels ...string) (*Plugin, *configuration) {
	t.Helper()
	a := &plugintest.API{}
	serveClusterLocks(a, newMemKV())
	recordToolEvents(a)
	a.On("GetConfig").Return(&model.Config{}).Maybe()
	a.On("HasPermissionTo", mock.Anything, model.PermissionManageSystem).Return(false).Maybe()
	for n := 1; n <= 15; n += 2 { // a message and up to seven key-value pairs
		args := make([]any, n)
		for i := range args {
			args[i] = mock.Anything
		}
		a.On("LogWarn", args...).Maybe()
	}
	auth := todotest.NewAuthorizer()
	for _, ch := range channels {
		auth.AddChannel(todo.Channel{ID: ch, Type: "O"})
		auth.AddMember(ch, memberForNap)
	}
	p := &Plugin{translations: testTranslations(t)}
	p.SetAPI(a)
	p.service = toolService(p, auth, todo.Config{})
	cfg := cliConfig(t, writeTool(t, napScript), "")
	cfg.BridgeTimeoutSeconds, cfg.BridgeMaxConcurrent = timeoutSeconds, maxConcurrent
	p.setConfiguration(cfg)
	require.NoError(t, p.refreshBridge(cfg))
	t.Cleanup(p.stopBridge)
	return p, cfg
}

var memberForNap = model.NewId()

// listDir is where the tool keeps scope's list.
func listDir(cfg *configuration, scope todo.Scope) string {
	return filepath.Join(cfg.BridgeDataRoot, string(bridge.Key(scope)))
}

// pidsWhenRunning waits until the nap tool in dir wrote both pids and returns them.
func pidsWhenRunning(t *testing.T, dir string) (leader, child int) {
	t.Helper()
	read := func(name string) int {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return 0
		}
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		return pid
	}
	require.Eventually(t, func() bool { return read("leader.pid") > 0 && read("child.pid") > 0 }, 10*time.Second, 10*time.Millisecond)
	return read("leader.pid"), read("child.pid")
}

// pgrepGroup lists the processes of a process group, as pgrep sees them.
func pgrepGroup(t *testing.T, pgid int) string {
	t.Helper()
	out, err := exec.Command("pgrep", "-g", strconv.Itoa(pgid)).Output()
	if exitErr, ok := err.(*exec.ExitError); ok && exitErr.ExitCode() == 1 {
		return "" // nothing matched
	}
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// TestOnDeactivateStopsRunningTools: disabling the plugin kills a tool that would run for
// minutes, with the process it started, answers its command, and closes the database.
func TestOnDeactivateStopsRunningTools(t *testing.T) {
	channel := model.NewId()
	p, cfg := napPlugin(t, 600, 4, channel)
	closed := 0
	p.closeDB = func() error { closed++; return nil }
	scope := todo.ChannelScope(channel)
	list := p.tools()
	require.True(t, list.Keeps(scope))

	result := make(chan todo.ToolResult, 1)
	go func() { result <- list.Run(context.Background(), scope, todo.ToolAdd, "300") }()
	leader, child := pidsWhenRunning(t, listDir(cfg, scope))
	require.NotEmpty(t, pgrepGroup(t, leader), "the tool runs")

	require.NoError(t, p.OnDeactivate())

	// Stop returns once the command has answered; the goroutine above still has to hand the
	// answer over, so allow it a moment (the tool itself would run for 600 s).
	select {
	case res := <-result:
		require.Equal(t, todo.ToolCanceled, res.Failure, res.Reply)
	case <-time.After(5 * time.Second):
		require.Fail(t, "the tool's command did not answer after OnDeactivate")
	}
	require.Eventually(t, func() bool { return pgrepGroup(t, leader) == "" }, 5*time.Second, 20*time.Millisecond,
		"processes of the tool's group are left: %s", pgrepGroup(t, leader))
	require.Error(t, exec.Command("kill", "-0", strconv.Itoa(child)).Run(), "the tool's child is gone")
	require.Equal(t, 1, closed, "the database was closed")
	require.False(t, list.Keeps(scope), "no list uses the stopped tool")
}

// TestChatToolMeetsTheConfiguredTimeout: a chat command's own deadline (60 s in production,
// shorter here) no longer cuts a tool run short of the configured timeout, and a tool that
// runs past the timeout is answered as a timeout, naming the limit.
func TestChatToolMeetsTheConfiguredTimeout(t *testing.T) {
	channel := model.NewId()
	call := command.Call{UserID: memberForNap, ChannelID: channel}
	short := func() context.Context {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		t.Cleanup(cancel)
		return ctx
	}

	p, _ := napPlugin(t, 5, 4, channel)
	call.Text = "add 1"
	out := p.executor().Execute(short(), call)
	require.False(t, out.Failed, out.Text)
	require.Equal(t, "woke after 1", out.Text)

	p, _ = napPlugin(t, 1, 4, channel)
	call.Text = "add 300"
	out = p.executor().Execute(short(), call)
	require.True(t, out.Failed)
	require.Equal(t, "The command-line tool that keeps this list did not finish `add` within its time limit (1 s), so it was stopped. Please try again; if it keeps happening, tell your system administrator.", out.Text)
}

// TestRESTToolRequestGivesUpWhenQueued: REST requests carry a deadline, so a request queued
// behind the concurrency limit answers "busy" instead of waiting for as long as the tool runs.
func TestRESTToolRequestGivesUpWhenQueued(t *testing.T) {
	running, queued := model.NewId(), model.NewId()
	p, cfg := napPlugin(t, 600, 1, running, queued)
	server := httptest.NewServer(withDeadline(api.NewRouter(p.service, nil), 300*time.Millisecond))
	t.Cleanup(server.Close)
	post := func(channel, body string) map[string]any {
		req, err := http.NewRequest("POST", server.URL+"/api/v1/channels/"+channel+"/tool", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Mattermost-User-ID", memberForNap)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		var out map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
		return out
	}

	first := make(chan map[string]any, 1)
	go func() { first <- post(running, `{"verb":"add","arg":"300"}`) }()
	pidsWhenRunning(t, listDir(cfg, todo.ChannelScope(running)))

	start := time.Now()
	got := post(queued, `{"verb":"add","arg":"1"}`)
	require.Equal(t, false, got["ok"], got)
	require.Equal(t, "busy", got["kind"], got)
	require.Contains(t, got["reply"], "was busy with other commands, so `add` did not run")
	require.Less(t, time.Since(start), 30*time.Second, "the queued request gave up at its deadline")
	require.NoDirExists(t, filepath.Join(listDir(cfg, todo.ChannelScope(queued)), "leader.pid"))

	// The running request was not cut by its deadline: it ends only when the plugin stops.
	p.stopBridge()
	require.Equal(t, "canceled", (<-first)["kind"])
}

// TestUnknownPathsAnswerAJSON404InOneWrite: a path the plugin does not serve gets the REST API's
// error shape, with its length, in one Write.
func TestUnknownPathsAnswerAJSON404InOneWrite(t *testing.T) {
	h := newRouter(http.NotFoundHandler(), http.NotFoundHandler())
	rec := httpjsontest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/nothing/here", nil))
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.JSONEq(t, `{"error": "Not found.", "code": "not_found"}`, rec.Body.String())
	require.Equal(t, 1, rec.Writes)
	require.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"))
}

// TestRESTRequestsHaveADeadline: every REST request reaches the API with a deadline.
func TestRESTRequestsHaveADeadline(t *testing.T) {
	var deadline time.Time
	var has bool
	h := newRouter(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline, has = r.Context().Deadline()
		w.WriteHeader(http.StatusNoContent)
	}), http.NotFoundHandler())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/channels/x/tool", nil))
	require.Equal(t, http.StatusNoContent, rec.Code)
	require.True(t, has)
	require.WithinDuration(t, time.Now().Add(requestDeadline), deadline, 5*time.Second)
}
