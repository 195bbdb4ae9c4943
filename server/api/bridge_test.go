package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// fakeTool records what the REST API asks the tool and answers from a table.
type fakeTool struct {
	mu      sync.Mutex
	admin   string
	active  map[todo.Scope]bool
	results map[bridge.Verb]bridge.Result
	runs    []string
}

func (f *fakeTool) Check(context.Context) todo.ToolCheck {
	rep := bridge.SelfTestReport{OK: true, Steps: []bridge.SelfTestStep{{Name: "add a todo", OK: true}}}
	return todo.ToolCheck{Active: true, OK: rep.OK, Steps: []todo.ToolCheckStep{{Name: "add a todo", OK: true}}, Report: rep.String()}
}

func (f *fakeTool) Keeps(scope todo.Scope) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.active[scope]
}

func (f *fakeTool) Run(_ context.Context, _ todo.Scope, verb todo.ToolVerb, arg string) todo.ToolResult {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs = append(f.runs, string(verb)+" "+arg)
	res := f.results[bridge.Verb(verb)]
	res.Verb = bridge.Verb(verb)
	return bridge.ToolResult(res)
}

func (f *fakeTool) Preset() string { return bridge.PresetTodoTxt }

func (f *fakeTool) ran() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.runs...)
}

type toolEnv struct {
	*env
	tool     *fakeTool
	archived string
	builtin  string // a channel the tool does not keep
	reader   string // may read the channel but not post
	admin    string // administers the channel
}

func newToolEnv(t *testing.T) *toolEnv {
	t.Helper()
	return newToolEnvWith(t, todo.Config{})
}

func newToolEnvWith(t *testing.T, cfg todo.Config) *toolEnv {
	t.Helper()
	e := &toolEnv{
		env:      &env{log: &logger{}, pub: &todotest.Publisher{}, channel: todo.NewID(), alice: todo.NewID(), bob: todo.NewID(), outsider: todo.NewID()},
		archived: todo.NewID(), builtin: todo.NewID(), reader: todo.NewID(), admin: todo.NewID(),
	}
	auth := todotest.NewAuthorizer()
	for _, ch := range []string{e.channel, e.archived, e.builtin} {
		auth.AddChannel(todo.Channel{ID: ch, Type: "O"})
		auth.AddMember(ch, e.alice)
	}
	auth.SetArchived(e.archived, true)
	auth.Grant(e.channel, e.reader, true, false, false)
	auth.Grant(e.channel, e.admin, true, true, true)
	auth.AddUser(e.outsider)
	auth.SetSystemAdmin(e.bob)
	e.tool = &fakeTool{
		admin: e.bob,
		active: map[todo.Scope]bool{
			todo.ChannelScope(e.channel): true, todo.ChannelScope(e.archived): true, todo.PersonalScope(e.alice): true,
		},
		results: map[bridge.Verb]bridge.Result{
			bridge.VerbList: {OK: true, Output: "1 buy milk", Parsed: true, Items: []bridge.Item{{ID: "1", Key: "1", Text: "buy milk"}}, Reply: "1 buy milk"},
			bridge.VerbAdd:  {OK: true, Output: "2 call mum\nTODO: 2 added.", Reply: "2 call mum\nTODO: 2 added."},
			bridge.VerbDone: {OK: false, Kind: bridge.KindToolFailed, Output: "TODO: No task 9.", Reply: "Error running `done`: TODO: No task 9."},
		},
	}
	svc := todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth, Publisher: e.pub, Tool: e.tool}, cfg)
	e.server = httptest.NewServer(api.NewRouter(svc, e.log))
	t.Cleanup(e.server.Close)
	return e
}

type toolBody struct {
	Active bool          `json:"active"`
	Preset string        `json:"preset"`
	Verb   string        `json:"verb"`
	OK     bool          `json:"ok"`
	Kind   string        `json:"kind"`
	Text   string        `json:"text"`
	Parsed bool          `json:"parsed"`
	Items  []bridge.Item `json:"items"`
	Reply  string        `json:"reply"`
	Detail string        `json:"detail"`
	// CanDelete is a pointer so a missing field is told from false.
	CanDelete *bool `json:"can_delete"`
}

func TestToolListRoutes(t *testing.T) {
	e := newToolEnv(t)
	tests := []struct {
		name   string
		user   string
		path   string
		status int
		code   string
		active bool
	}{
		{name: "member reads the channel's tool list", user: e.alice, path: "/api/v1/channels/" + e.channel + "/tool", status: http.StatusOK, active: true},
		{name: "a reader may read it too", user: e.reader, path: "/api/v1/channels/" + e.channel + "/tool", status: http.StatusOK, active: true},
		{name: "an archived channel's list is still readable", user: e.alice, path: "/api/v1/channels/" + e.archived + "/tool", status: http.StatusOK, active: true},
		{name: "own personal list", user: e.alice, path: "/api/v1/users/me/tool", status: http.StatusOK, active: true},
		{name: "a channel the built-in store keeps", user: e.alice, path: "/api/v1/channels/" + e.builtin + "/tool", status: http.StatusOK, active: false},
		{name: "a personal list the built-in store keeps", user: e.bob, path: "/api/v1/users/me/tool", status: http.StatusOK, active: false},
		{name: "outsider", user: e.outsider, path: "/api/v1/channels/" + e.channel + "/tool", status: http.StatusForbidden, code: todo.CodeForbidden},
		{name: "unknown channel", user: e.alice, path: "/api/v1/channels/" + todo.NewID() + "/tool", status: http.StatusNotFound, code: todo.CodeNotFound},
		{name: "not logged in", user: "", path: "/api/v1/users/me/tool", status: http.StatusUnauthorized, code: "unauthorized"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(e.tool.ran())
			res := e.do(t, tc.user, "GET", tc.path, "")
			require.Equal(t, tc.status, res.status, string(res.body))
			if tc.code != "" {
				require.Equal(t, tc.code, res.errorCode(t))
				require.Len(t, e.tool.ran(), before, "the tool must not run for a refused request")
				return
			}
			var body toolBody
			res.json(t, &body)
			require.Equal(t, tc.active, body.Active)
			require.NotNil(t, body.Items)
			if !tc.active {
				require.Empty(t, body.Items)
				require.Len(t, e.tool.ran(), before)
				return
			}
			require.True(t, body.OK)
			require.Equal(t, "list", body.Verb)
			require.Equal(t, bridge.PresetTodoTxt, body.Preset)
			require.True(t, body.Parsed)
			require.Equal(t, []bridge.Item{{ID: "1", Key: "1", Text: "buy milk"}}, body.Items)
			require.Equal(t, "1 buy milk", body.Text)
			require.Equal(t, []string{"list "}, e.tool.ran()[before:])
		})
	}
}

func TestToolRunRoutes(t *testing.T) {
	e := newToolEnv(t)
	channelTool := "/api/v1/channels/" + e.channel + "/tool"
	tests := []struct {
		name   string
		user   string
		path   string
		body   string
		status int
		code   string
		ran    string
		ok     bool
		reply  string
	}{
		{name: "add", user: e.alice, path: channelTool, body: `{"verb":"add","arg":"call mum"}`, status: http.StatusOK, ran: "add call mum", ok: true, reply: "2 call mum\nTODO: 2 added."},
		{name: "personal add", user: e.alice, path: "/api/v1/users/me/tool", body: `{"verb":"add","arg":"$(id)"}`, status: http.StatusOK, ran: "add $(id)", ok: true, reply: "2 call mum\nTODO: 2 added."},
		{name: "a failing tool is reported in the body", user: e.alice, path: channelTool, body: `{"verb":"done","arg":"9"}`, status: http.StatusOK, ran: "done 9", reply: "Error running `done`: TODO: No task 9."},
		{name: "a reader may list", user: e.reader, path: channelTool, body: `{"verb":"list"}`, status: http.StatusOK, ran: "list ", ok: true, reply: "1 buy milk"},
		{name: "a reader may not add", user: e.reader, path: channelTool, body: `{"verb":"add","arg":"x"}`, status: http.StatusForbidden, code: todo.CodeForbidden},
		{name: "archived channel is read-only", user: e.alice, path: "/api/v1/channels/" + e.archived + "/tool", body: `{"verb":"add","arg":"x"}`, status: http.StatusForbidden, code: todo.CodeArchived},
		{name: "outsider", user: e.outsider, path: channelTool, body: `{"verb":"delete","arg":"1"}`, status: http.StatusForbidden, code: todo.CodeForbidden},
		{name: "unknown verb", user: e.alice, path: channelTool, body: `{"verb":"rm","arg":"1"}`, status: http.StatusBadRequest, code: "invalid_verb"},
		{name: "unknown field", user: e.alice, path: channelTool, body: `{"verb":"add","text":"x"}`, status: http.StatusBadRequest, code: "invalid_json"},
		{name: "text with a right-to-left override", user: e.alice, path: channelTool, body: `{"verb":"add","arg":"pay \u202eecnalab"}`, status: http.StatusBadRequest, code: todo.CodeTextInvalid},
		{name: "text with a terminal escape", user: e.alice, path: channelTool, body: `{"verb":"add","arg":"\u001b[2Jgone"}`, status: http.StatusBadRequest, code: todo.CodeTextInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(e.tool.ran())
			res := e.do(t, tc.user, "POST", tc.path, tc.body)
			require.Equal(t, tc.status, res.status, string(res.body))
			if tc.code != "" {
				require.Equal(t, tc.code, res.errorCode(t))
				require.Len(t, e.tool.ran(), before, "the tool must not run for a refused request")
				return
			}
			var body toolBody
			res.json(t, &body)
			require.True(t, body.Active)
			require.Equal(t, tc.ok, body.OK)
			require.Equal(t, tc.reply, body.Reply)
			require.Equal(t, []string{tc.ran}, e.tool.ran()[before:])
		})
	}
}

func TestToolCheckRoute(t *testing.T) {
	e := newToolEnv(t)
	res := e.do(t, e.alice, "POST", "/api/v1/bridge/check", "")
	require.Equal(t, http.StatusForbidden, res.status, string(res.body))
	require.Equal(t, "system_admin_only", res.errorCode(t))

	res = e.do(t, e.bob, "POST", "/api/v1/bridge/check", "")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	var body struct {
		OK       bool                  `json:"ok"`
		Active   bool                  `json:"active"`
		Steps    []bridge.SelfTestStep `json:"steps"`
		Markdown string                `json:"markdown"`
	}
	require.NoError(t, json.Unmarshal(res.body, &body))
	require.True(t, body.OK)
	require.True(t, body.Active)
	require.Len(t, body.Steps, 1)
	require.Contains(t, body.Markdown, "The todo tool works.")
	require.Contains(t, body.Markdown, "add a todo: ok")

	res = e.do(t, e.bob, "GET", "/api/v1/bridge/check", "")
	require.Equal(t, http.StatusNotFound, res.status, "only POST runs the check: "+string(res.body))
}

func TestToolRoutesAbsentWithoutTool(t *testing.T) {
	e := newEnv(t)
	res := e.do(t, e.alice, "GET", "/api/v1/channels/"+e.channel+"/tool", "")
	require.Equal(t, http.StatusNotFound, res.status, string(res.body))
}

// When the tool could not run at all, the bridge's words name paths on the server: people get
// what happened, the log gets the details.
func TestToolFailuresHideServerDetails(t *testing.T) {
	tests := []struct {
		name  string
		kind  bridge.ErrorKind
		reply string
	}{
		{name: "timeout", kind: bridge.KindTimeout, reply: "did not finish `delete` within its time limit (30 s)"},
		{name: "busy", kind: bridge.KindBusy, reply: "was busy with other commands, so `delete` did not run"},
		{name: "missing executable", kind: bridge.KindMissingExecutable, reply: "is not installed on this server"},
		{name: "internal", kind: bridge.KindInternal, reply: "could not run `delete`"},
		{name: "the tool's own failure naming a server path", kind: bridge.KindToolFailed, reply: "reported an error running `delete`"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newToolEnv(t)
			detail := "/srv/secret/todo says no"
			e.tool.results[bridge.VerbDelete] = bridge.Result{Kind: tc.kind, Output: detail, Reply: "Error running `delete`: " + detail, Err: errors.New(detail), Timeout: 30 * time.Second}
			res := e.do(t, e.alice, "POST", "/api/v1/channels/"+e.channel+"/tool", `{"verb":"delete","arg":"1"}`)
			require.Equal(t, http.StatusOK, res.status, string(res.body))
			var body toolBody
			res.json(t, &body)
			require.False(t, body.OK)
			require.Equal(t, string(tc.kind), body.Kind)
			require.Contains(t, body.Reply, tc.reply)
			require.NotContains(t, body.Reply, "/srv/secret")
			require.NotContains(t, body.Text, "/srv/secret")
			require.Len(t, e.log.msgs, 1)
			require.Contains(t, e.log.msgs[0], "/srv/secret/todo says no")
		})
	}
}

// TestToolDeleteFollowsTheEditPolicy: under "creator and channel admins" only the channel's
// admins may delete from a list the tool keeps (the tool records no creators); everyone who
// may post still adds and completes. The list says who may delete, for the sidebar.
func TestToolDeleteFollowsTheEditPolicy(t *testing.T) {
	tests := []struct {
		name   string
		policy todo.EditPolicy
		user   func(*toolEnv) string
		verb   string
		status int
		code   string
		// canDelete is what the list tells the user afterwards.
		canDelete bool
	}{
		{name: "anyone: a member deletes", policy: todo.EditAnyone, user: func(e *toolEnv) string { return e.alice }, verb: "delete", status: http.StatusOK, canDelete: true},
		{name: "creator and admins: a member may not delete", policy: todo.EditCreatorAndAdmins, user: func(e *toolEnv) string { return e.alice }, verb: "delete", status: http.StatusForbidden, code: todo.CodeToolDeleteNotAllowed},
		{name: "creator and admins: a member still completes", policy: todo.EditCreatorAndAdmins, user: func(e *toolEnv) string { return e.alice }, verb: "done", status: http.StatusOK},
		{name: "creator and admins: a member still adds", policy: todo.EditCreatorAndAdmins, user: func(e *toolEnv) string { return e.alice }, verb: "add", status: http.StatusOK},
		{name: "creator and admins: the channel admin deletes", policy: todo.EditCreatorAndAdmins, user: func(e *toolEnv) string { return e.admin }, verb: "delete", status: http.StatusOK, canDelete: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newToolEnvWith(t, todo.Config{EditPolicy: tc.policy})
			e.tool.results[bridge.VerbDelete] = bridge.Result{OK: true, Reply: "deleted"}
			user := tc.user(e)
			path := "/api/v1/channels/" + e.channel + "/tool"
			res := e.do(t, user, "POST", path, `{"verb":"`+tc.verb+`","arg":"1"}`)
			require.Equal(t, tc.status, res.status, string(res.body))
			if tc.code != "" {
				require.Equal(t, tc.code, res.errorCode(t))
				require.Empty(t, e.tool.ran(), "the tool must not run for a refused delete")
			}

			var listed toolBody
			e.do(t, user, "GET", path, "").json(t, &listed)
			require.NotNil(t, listed.CanDelete)
			require.Equal(t, tc.canDelete, *listed.CanDelete)
		})
	}
}

// TestToolOwnFailureDetailsAreForAdmins: the tool's own message is shown as it is unless it
// names a path on the server; then people get a short message, the log and system admins
// (who may read the server's files anyway) the tool's words.
func TestToolOwnFailureDetailsAreForAdmins(t *testing.T) {
	secret := "Fatal Error: Cannot read configuration file /var/lib/channel-todo/channel-x/todo.cfg"
	tests := []struct {
		name, output string
		admin        bool
		reply        string
		detail       string
	}{
		{name: "a plain message is shown", output: "TODO: No task 9.", reply: "Error running `delete`: TODO: No task 9."},
		{name: "a path is hidden from people", output: secret,
			reply: "The command-line tool that keeps this list reported an error running `delete`. The details are in the server log; a system admin can see them."},
		{name: "a system admin gets the detail", output: secret, admin: true,
			reply:  "The command-line tool that keeps this list reported an error running `delete`. The details are in the server log; a system admin can see them.",
			detail: "Error running `delete`: " + secret},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newToolEnv(t)
			e.tool.results[bridge.VerbDelete] = bridge.Result{Kind: bridge.KindToolFailed, ExitCode: 1, Output: tc.output, Reply: "Error running `delete`: " + tc.output}
			user := e.alice
			if tc.admin {
				user = e.bob
				e.tool.active[todo.PersonalScope(e.bob)] = true
			}
			path := "/api/v1/channels/" + e.channel + "/tool"
			if tc.admin {
				path = "/api/v1/users/me/tool"
			}
			res := e.do(t, user, "POST", path, `{"verb":"delete","arg":"1"}`)
			require.Equal(t, http.StatusOK, res.status, string(res.body))
			var body toolBody
			res.json(t, &body)
			require.Equal(t, tc.reply, body.Reply)
			require.Equal(t, tc.detail, body.Detail)
			if tc.detail == "" {
				require.NotContains(t, string(res.body), "/var/lib")
			}
			if tc.output == secret {
				require.Len(t, e.log.msgs, 1)
				require.Contains(t, e.log.msgs[0], secret)
			}
		})
	}
}

// TestToolListCarriesTheFirstPage (issue 10.5): asked with first_page, the answer for a channel
// the built-in store keeps holds the list's first page, as GET .../todos?state=all reads it, so
// the sidebar needs one request before the first todo shows, not two one after the other. A
// list the tool keeps gets no page (nothing reads the built-in store for it), nor does a
// request without first_page; a bad first_page is refused like a bad limit.
func TestToolListCarriesTheFirstPage(t *testing.T) {
	e := newToolEnv(t)
	for _, text := range []string{"one", "two", "three"} {
		res := e.do(t, e.alice, "POST", "/api/v1/channels/"+e.builtin+"/todos", `{"text":"`+text+`"}`)
		require.Equal(t, http.StatusCreated, res.status, string(res.body))
	}
	type pageBody struct {
		Todos      []todo.Todo `json:"todos"`
		NextCursor string      `json:"next_cursor"`
		Version    int64       `json:"version"`
	}
	var withPage struct {
		Active bool      `json:"active"`
		Page   *pageBody `json:"page"`
	}
	res := e.do(t, e.alice, "GET", "/api/v1/channels/"+e.builtin+"/tool?first_page=2", "")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res.json(t, &withPage)
	require.False(t, withPage.Active)
	require.NotNil(t, withPage.Page)
	var list pageBody
	listed := e.do(t, e.alice, "GET", "/api/v1/channels/"+e.builtin+"/todos?state=all&limit=2", "")
	require.Equal(t, http.StatusOK, listed.status)
	listed.json(t, &list)
	require.Equal(t, list, *withPage.Page)
	require.Len(t, list.Todos, 2)
	require.NotEmpty(t, list.NextCursor)

	for _, path := range []string{
		"/api/v1/channels/" + e.builtin + "/tool",
		"/api/v1/channels/" + e.channel + "/tool?first_page=2",
	} {
		withPage.Page = nil
		res := e.do(t, e.alice, "GET", path, "")
		require.Equal(t, http.StatusOK, res.status, string(res.body))
		res.json(t, &withPage)
		require.Nil(t, withPage.Page, path)
	}
	res = e.do(t, e.alice, "GET", "/api/v1/channels/"+e.builtin+"/tool?first_page=x", "")
	require.Equal(t, http.StatusBadRequest, res.status)
	res = e.do(t, e.alice, "GET", "/api/v1/channels/"+e.builtin+"/tool?first_page=1000", "")
	require.Equal(t, http.StatusBadRequest, res.status)
	res = e.do(t, e.outsider, "GET", "/api/v1/channels/"+e.builtin+"/tool?first_page=2", "")
	require.Equal(t, http.StatusForbidden, res.status)
}
