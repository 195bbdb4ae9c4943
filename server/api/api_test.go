package api_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/store"
	"github.com/channel-todo/channel-todo/server/store/storetest"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

type logger struct {
	mu   sync.Mutex
	msgs []string
}

func (l *logger) Error(msg string, kv ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, fmt.Sprint(msg, kv))
}

type env struct {
	server   *httptest.Server
	db       *sql.DB
	log      *logger
	pub      *todotest.Publisher
	channel  string
	alice    string
	bob      string
	outsider string
}

func newEnv(t *testing.T, opts ...api.Option) *env {
	t.Helper()
	db := storetest.NewDB(t)
	_, err := store.Migrate(context.Background(), db)
	require.NoError(t, err)
	e := &env{db: db, log: &logger{}, pub: &todotest.Publisher{}, channel: todo.NewID(), alice: todo.NewID(), bob: todo.NewID(), outsider: todo.NewID()}
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: e.channel, Type: "P"})
	auth.AddMember(e.channel, e.alice)
	auth.AddMember(e.channel, e.bob)
	auth.AddUser(e.outsider)
	// The plugin shares Mattermost's database; "mine" reads its memberships.
	member := storetest.MembershipTables(t, db)
	member(e.channel, e.alice, true)
	member(e.channel, e.bob, true)
	st := store.New(db)
	svc := todo.NewService(todo.Deps{Store: st, Items: st, Authorizer: auth, Publisher: e.pub}, todo.Config{})
	e.server = httptest.NewServer(api.NewRouter(svc, e.log, opts...))
	t.Cleanup(e.server.Close)
	return e
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.body, v), string(r.body))
}

func (r response) errorCode(t *testing.T) string {
	t.Helper()
	var body struct {
		Error string `json:"error"`
		Code  string `json:"code"`
	}
	r.json(t, &body)
	require.NotEmpty(t, body.Error)
	return body.Code
}

func (e *env) do(t *testing.T, user, method, path, body string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.server.URL+path, rd)
	require.NoError(t, err)
	if user != "" {
		req.Header.Set("Mattermost-User-ID", user)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) add(t *testing.T, user, text string) todo.Todo {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text})
	res := e.do(t, user, "POST", "/api/v1/channels/"+e.channel+"/todos", string(body))
	require.Equal(t, http.StatusCreated, res.status, string(res.body))
	var td todo.Todo
	res.json(t, &td)
	return td
}

func TestBadRequestsGetJSONErrors(t *testing.T) {
	e := newEnv(t)
	existing := e.add(t, e.alice, "existing")
	todos := "/api/v1/channels/" + e.channel + "/todos"
	tests := []struct {
		name   string
		user   string
		method string
		path   string
		body   string
		status int
		code   string
	}{
		{"no user", "", "GET", todos, "", 401, "unauthorized"},
		{"malformed user", "someone", "GET", todos, "", 401, "unauthorized"},
		{"malformed JSON", e.alice, "POST", todos, `{"text":`, 400, "invalid_json"},
		{"empty body", e.alice, "POST", todos, ``, 400, "invalid_json"},
		{"wrong type", e.alice, "POST", todos, `{"text": 5}`, 400, "invalid_json"},
		{"unknown field", e.alice, "POST", todos, `{"txt": "x"}`, 400, "invalid_json"},
		{"trailing data", e.alice, "POST", todos, `{"text": "x"} {"text": "y"}`, 400, "invalid_json"},
		{"array body", e.alice, "POST", todos, `["x"]`, 400, "invalid_json"},
		{"empty text", e.alice, "POST", todos, `{"text": "   "}`, 400, todo.CodeTextEmpty},
		{"oversize text", e.alice, "POST", todos, `{"text": "` + strings.Repeat("a", todo.DefaultMaxTextLength+1) + `"}`, 400, todo.CodeTextTooLong},
		{"NUL in text", e.alice, "POST", todos, `{"text": "a\u0000b"}`, 400, todo.CodeTextInvalid},
		{"huge body", e.alice, "POST", todos, `{"text": "` + strings.Repeat("a", 70<<10) + `"}`, 413, "body_too_large"},
		{"bad due", e.alice, "POST", todos, `{"text": "x", "due": {"date": "soon"}}`, 400, todo.CodeInvalidDue},
		{"due wrong type", e.alice, "POST", todos, `{"text": "x", "due": "2026-01-01"}`, 400, "invalid_json"},
		{"bad assignee", e.alice, "POST", todos, `{"text": "x", "assignees": ["` + e.outsider + `"]}`, 400, todo.CodeInvalidAssignee},
		{"bad state", e.alice, "GET", todos + "?state=soon", "", 400, todo.CodeInvalidState},
		{"bad limit", e.alice, "GET", todos + "?limit=ten", "", 400, todo.CodeInvalidLimit},
		{"limit too big", e.alice, "GET", todos + "?limit=100000", "", 400, todo.CodeInvalidLimit},
		{"bad cursor", e.alice, "GET", todos + "?cursor=%25%25", "", 400, todo.CodeInvalidCursor},
		{"bad has_due", e.alice, "GET", todos + "?has_due=maybe", "", 400, "invalid_has_due"},
		{"bad export format", e.alice, "GET", todos + "/export?format=pdf", "", 400, todo.CodeInvalidFormat},
		{"bad number", e.alice, "GET", todos + "/number/first", "", 400, todo.CodeInvalidNumber},
		{"patch without text", e.alice, "PATCH", "/api/v1/todos/" + existing.ID, `{}`, 400, todo.CodeTextEmpty},
		{"move with no target", e.alice, "POST", "/api/v1/todos/" + existing.ID + "/move", `{}`, 400, todo.CodeInvalidMove},
		{"move with two targets", e.alice, "POST", "/api/v1/todos/" + existing.ID + "/move", `{"to": "top", "position": 2}`, 400, todo.CodeInvalidMove},
		{"move to nowhere", e.alice, "POST", "/api/v1/todos/" + existing.ID + "/move", `{"to": "middle"}`, 400, todo.CodeInvalidMove},
		{"move to position 0", e.alice, "POST", "/api/v1/todos/" + existing.ID + "/move", `{"position": 0}`, 400, todo.CodeInvalidMove},
		{"move after itself", e.alice, "POST", "/api/v1/todos/" + existing.ID + "/move", `{"after_id": "` + existing.ID + `"}`, 400, todo.CodeInvalidMove},
		{"outsider reads", e.outsider, "GET", todos, "", 403, todo.CodeForbidden},
		{"outsider adds", e.outsider, "POST", todos, `{"text": "x"}`, 403, todo.CodeForbidden},
		{"outsider reads a todo", e.outsider, "GET", "/api/v1/todos/" + existing.ID, "", 403, todo.CodeForbidden},
		{"unknown channel", e.alice, "GET", "/api/v1/channels/" + todo.NewID() + "/todos", "", 404, todo.CodeNotFound},
		{"unknown todo", e.alice, "GET", "/api/v1/todos/" + todo.NewID(), "", 404, todo.CodeNotFound},
		{"malformed todo id", e.alice, "POST", "/api/v1/todos/xyz/complete", "", 404, todo.CodeNotFound},
		{"unknown number", e.alice, "GET", todos + "/number/99", "", 404, todo.CodeNotFound},
		{"unknown route", e.alice, "GET", "/api/v1/nothing", "", 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := e.do(t, tt.user, tt.method, tt.path, tt.body)
			require.Equal(t, tt.status, res.status, string(res.body))
			require.Equal(t, "application/json", res.header.Get("Content-Type"))
			require.Equal(t, tt.code, res.errorCode(t))
		})
	}
	require.Empty(t, e.log.msgs, "bad input is never an internal error")
}

func TestTodoLifecycleOverHTTP(t *testing.T) {
	e := newEnv(t)
	todos := "/api/v1/channels/" + e.channel + "/todos"

	res := e.do(t, e.alice, "POST", todos, `{"text": "write docs", "assignees": ["`+e.bob+`"], "due": {"date": "2026-12-01"}}`)
	require.Equal(t, http.StatusCreated, res.status, string(res.body))
	var a todo.Todo
	res.json(t, &a)
	require.Equal(t, int64(1), a.Number)
	require.Equal(t, []string{e.bob}, a.Assignees)
	require.Equal(t, &todo.Due{Date: "2026-12-01"}, a.Due)
	b := e.add(t, e.bob, "review")

	steps := []struct {
		method, path, body string
		check              func(t *testing.T, td todo.Todo)
	}{
		{"POST", "/complete", "", func(t *testing.T, td todo.Todo) {
			require.Equal(t, todo.StateDone, td.State)
			require.Equal(t, e.bob, td.CompletedBy)
		}},
		{"POST", "/reopen", "", func(t *testing.T, td todo.Todo) { require.Equal(t, todo.StateOpen, td.State) }},
		{"PATCH", "", `{"text": "write better docs"}`, func(t *testing.T, td todo.Todo) { require.Equal(t, "write better docs", td.Text) }},
		{"PUT", "/assignees", `{"user_ids": ["` + e.alice + `"]}`, func(t *testing.T, td todo.Todo) { require.Equal(t, []string{e.alice}, td.Assignees) }},
		{"POST", "/assignees", `{"user_ids": ["` + e.bob + `"]}`, func(t *testing.T, td todo.Todo) { require.ElementsMatch(t, []string{e.alice, e.bob}, td.Assignees) }},
		{"DELETE", "/assignees/me", "", func(t *testing.T, td todo.Todo) { require.Equal(t, []string{e.alice}, td.Assignees) }},
		{"PUT", "/due", `{"date": "2026-12-24", "time": "17:00"}`, func(t *testing.T, td todo.Todo) {
			require.Equal(t, &todo.Due{Date: "2026-12-24", Time: "17:00"}, td.Due)
		}},
		{"DELETE", "/due", "", func(t *testing.T, td todo.Todo) { require.Nil(t, td.Due) }},
		{"POST", "/move", `{"after_id": "` + b.ID + `"}`, func(t *testing.T, td todo.Todo) { require.Greater(t, td.Position, b.Position) }},
		{"DELETE", "", "", func(t *testing.T, td todo.Todo) { require.True(t, td.Deleted()) }},
		{"POST", "/restore", "", func(t *testing.T, td todo.Todo) { require.False(t, td.Deleted()) }},
	}
	for _, s := range steps {
		res := e.do(t, e.bob, s.method, "/api/v1/todos/"+a.ID+s.path, s.body)
		require.Equal(t, http.StatusOK, res.status, "%s %s: %s", s.method, s.path, res.body)
		var td todo.Todo
		res.json(t, &td)
		require.Equal(t, a.ID, td.ID)
		s.check(t, td)
	}
	require.Len(t, e.pub.Events(), 2+len(steps))

	res = e.do(t, e.alice, "GET", todos+"?state=all&limit=1", "")
	require.Equal(t, http.StatusOK, res.status)
	var page todo.Page
	res.json(t, &page)
	require.Len(t, page.Todos, 1)
	require.Equal(t, b.ID, page.Todos[0].ID, "moved after b")
	require.NotEmpty(t, page.NextCursor)
	require.Equal(t, int64(2+len(steps)), page.Version)

	res = e.do(t, e.alice, "GET", todos+"?state=all&limit=1&cursor="+page.NextCursor, "")
	require.Equal(t, http.StatusOK, res.status)
	page = todo.Page{}
	res.json(t, &page)
	require.Equal(t, a.ID, page.Todos[0].ID)
	require.Empty(t, page.NextCursor)

	order := func() []int64 {
		t.Helper()
		res := e.do(t, e.alice, "GET", todos, "")
		require.Equal(t, http.StatusOK, res.status)
		var page todo.Page
		res.json(t, &page)
		var out []int64
		for _, td := range page.Todos {
			out = append(out, td.Number)
		}
		return out
	}
	c := e.add(t, e.alice, "third")
	require.Equal(t, []int64{2, 1, 3}, order())
	for _, mv := range []struct {
		body string
		want []int64
	}{
		{`{"to": "top"}`, []int64{3, 2, 1}},
		{`{"to": "bottom"}`, []int64{2, 1, 3}},
		{`{"position": 2}`, []int64{2, 3, 1}},
		{`{"position": 99}`, []int64{2, 1, 3}},
		{`{"after_id": ""}`, []int64{3, 2, 1}},
	} {
		res := e.do(t, e.alice, "POST", "/api/v1/todos/"+c.ID+"/move", mv.body)
		require.Equal(t, http.StatusOK, res.status, string(res.body))
		require.Equal(t, mv.want, order(), mv.body)
	}

	res = e.do(t, e.alice, "GET", todos+"/number/2", "")
	require.Equal(t, http.StatusOK, res.status)
	var byNumber todo.Todo
	res.json(t, &byNumber)
	require.Equal(t, b.ID, byNumber.ID)

	res = e.do(t, e.alice, "GET", todos+"?assignee=me", "")
	require.Equal(t, http.StatusOK, res.status)
	page = todo.Page{}
	res.json(t, &page)
	require.Len(t, page.Todos, 1)
	require.Equal(t, a.ID, page.Todos[0].ID)

	res = e.do(t, e.alice, "GET", todos+"/export?format=csv", "")
	require.Equal(t, http.StatusOK, res.status)
	require.Equal(t, "text/csv; charset=utf-8", res.header.Get("Content-Type"))
	require.Contains(t, res.header.Get("Content-Disposition"), `filename="todos.csv"`)
	require.Contains(t, string(res.body), "write better docs")

	res = e.do(t, e.alice, "GET", todos+"/export", "")
	require.Equal(t, http.StatusOK, res.status)
	require.Equal(t, "- [ ] #3 third\n- [ ] #2 review\n- [ ] #1 write better docs (@"+e.alice+")\n", string(res.body))
}

func TestPersonalListAndMine(t *testing.T) {
	e := newEnv(t)
	res := e.do(t, e.bob, "POST", "/api/v1/users/me/todos", `{"text": "call mum"}`)
	require.Equal(t, http.StatusCreated, res.status, string(res.body))
	var personal todo.Todo
	res.json(t, &personal)
	require.Equal(t, todo.PersonalScope(e.bob), personal.Scope)

	res = e.do(t, e.alice, "GET", "/api/v1/todos/"+personal.ID, "")
	require.Equal(t, http.StatusForbidden, res.status)
	require.Equal(t, todo.CodePersonalOnly, res.errorCode(t))

	res = e.do(t, e.alice, "POST", "/api/v1/channels/"+e.channel+"/todos", `{"text": "for bob", "assignees": ["`+e.bob+`"]}`)
	require.Equal(t, http.StatusCreated, res.status)
	e.add(t, e.alice, "for nobody")

	res = e.do(t, e.bob, "GET", "/api/v1/users/me/mine", "")
	require.Equal(t, http.StatusOK, res.status)
	var page todo.Page
	res.json(t, &page)
	require.Len(t, page.Todos, 2)
	require.Equal(t, "call mum", page.Todos[0].Text)
	require.Equal(t, "for bob", page.Todos[1].Text)

	res = e.do(t, e.bob, "GET", "/api/v1/users/me/todos", "")
	require.Equal(t, http.StatusOK, res.status)
	page = todo.Page{}
	res.json(t, &page)
	require.Len(t, page.Todos, 1)

	res = e.do(t, e.bob, "GET", "/api/v1/users/me/todos/export?format=md", "")
	require.Equal(t, http.StatusOK, res.status)
	require.Equal(t, "- [ ] #1 call mum\n", string(res.body))
}

func TestInternalErrorsAreLoggedAndHidden(t *testing.T) {
	e := newEnv(t)
	require.NoError(t, e.db.Close())
	res := e.do(t, e.alice, "POST", "/api/v1/channels/"+e.channel+"/todos", `{"text": "x"}`)
	require.Equal(t, http.StatusInternalServerError, res.status)
	require.Equal(t, "internal_error", res.errorCode(t))
	require.NotContains(t, string(res.body), "sql")
	require.Len(t, e.log.msgs, 1)
	require.Contains(t, e.log.msgs[0], "database is closed")
}

func TestConcurrentAddsOverHTTPNumberOneToN(t *testing.T) {
	e := newEnv(t)
	const n = 200
	var wg sync.WaitGroup
	statuses := make(chan int, n)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 50}}
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest("POST", e.server.URL+"/api/v1/channels/"+e.channel+"/todos",
				strings.NewReader(fmt.Sprintf(`{"text": "todo %d"}`, i)))
			if err != nil {
				statuses <- -1
				return
			}
			req.Header.Set("Mattermost-User-ID", e.alice)
			res, err := client.Do(req)
			if err != nil {
				statuses <- -1
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses <- res.StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		require.Equal(t, http.StatusCreated, s)
	}
	seen := map[int64]bool{}
	cursor := ""
	for {
		res := e.do(t, e.alice, "GET", "/api/v1/channels/"+e.channel+"/todos?limit=200&cursor="+cursor, "")
		require.Equal(t, http.StatusOK, res.status)
		var page todo.Page
		res.json(t, &page)
		for _, td := range page.Todos {
			require.False(t, seen[td.Number], "number %d twice", td.Number)
			seen[td.Number] = true
		}
		if page.NextCursor == "" {
			require.Equal(t, int64(n), page.Version)
			break
		}
		cursor = page.NextCursor
	}
	require.Len(t, seen, n)
	for i := int64(1); i <= n; i++ {
		require.True(t, seen[i], "number %d missing", i)
	}
	require.Len(t, e.pub.Events(), n)
}

// unreachableStore is a store whose database has gone away: every add fails the way the
// plugin's database driver reports a dropped connection.
type unreachableStore struct{ *todotest.MemStore }

func (unreachableStore) Add(context.Context, todo.Todo) (todo.Change, error) {
	return todo.Change{}, fmt.Errorf("adding a todo: %w", driver.ErrBadConn)
}

func TestAnUnreachableDatabaseIsA503WithRetryAfter(t *testing.T) {
	channel, alice := todo.NewID(), todo.NewID()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, alice)
	log := &logger{}
	svc := todo.NewService(todo.Deps{Store: unreachableStore{todotest.NewMemStore()}, Authorizer: auth, Publisher: &todotest.Publisher{}}, todo.Config{})
	server := httptest.NewServer(api.NewRouter(svc, log))
	t.Cleanup(server.Close)
	e := &env{server: server, log: log}

	res := e.do(t, alice, "POST", "/api/v1/channels/"+channel+"/todos", `{"text": "x"}`)
	require.Equal(t, http.StatusServiceUnavailable, res.status, string(res.body))
	require.Equal(t, todo.CodeDatabaseUnavailable, res.errorCode(t))
	require.Equal(t, "5", res.header.Get("Retry-After"))
	require.NotContains(t, string(res.body), "bad connection")
	require.Len(t, log.msgs, 1)
	require.Contains(t, log.msgs[0], "bad connection")
}

// TestErrorsCarryTheValuesTheirMessageNames: an error whose message names a value (a limit,
// a maximum) carries it in "params", under the name the translations use, so the webapp can
// say it in its reader's language; an error without one has no "params".
func TestErrorsCarryTheValuesTheirMessageNames(t *testing.T) {
	e := newEnv(t)
	todos := "/api/v1/channels/" + e.channel + "/todos"
	var body struct {
		Code   string         `json:"code"`
		Params map[string]any `json:"params"`
	}
	res := e.do(t, e.alice, "POST", todos, `{"text": "`+strings.Repeat("a", todo.DefaultMaxTextLength+1)+`"}`)
	require.Equal(t, http.StatusBadRequest, res.status)
	res.json(t, &body)
	require.Equal(t, todo.CodeTextTooLong, body.Code)
	require.Equal(t, map[string]any{"Limit": float64(todo.DefaultMaxTextLength)}, body.Params)

	assignees := make([]string, todo.DefaultMaxAssignees+1)
	for i := range assignees {
		assignees[i] = `"` + todo.NewID() + `"`
	}
	res = e.do(t, e.alice, "POST", todos, `{"text": "x", "assignees": [`+strings.Join(assignees, ",")+`]}`)
	require.Equal(t, http.StatusBadRequest, res.status, string(res.body))
	body.Params = nil
	res.json(t, &body)
	require.Equal(t, todo.CodeTooManyAssignees, body.Code)
	require.Equal(t, map[string]any{"Max": float64(todo.DefaultMaxAssignees)}, body.Params)

	res = e.do(t, e.alice, "POST", todos, `{"text": "  "}`)
	require.Equal(t, http.StatusBadRequest, res.status)
	require.NotContains(t, string(res.body), "params")
}
