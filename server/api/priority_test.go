package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/todo"
)

func TestPriorityOverREST(t *testing.T) {
	e := newEnv(t)
	todos := "/api/v1/channels/" + e.channel + "/todos"
	res := e.do(t, e.alice, "POST", todos, `{"text": "ship", "priority": "high"}`)
	require.Equal(t, http.StatusCreated, res.status, string(res.body))
	var td todo.Todo
	res.json(t, &td)
	require.Equal(t, todo.PriorityHigh, td.Priority)
	require.Contains(t, string(res.body), `"priority":"high"`)

	res = e.do(t, e.bob, "PATCH", "/api/v1/todos/"+td.ID, `{"priority": "low"}`)
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res.json(t, &td)
	require.Equal(t, todo.PriorityLow, td.Priority)
	require.Equal(t, "ship", td.Text)

	res = e.do(t, e.alice, "PATCH", "/api/v1/todos/"+td.ID, `{"text": "ship it", "priority": "none"}`)
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res.json(t, &td)
	require.Equal(t, todo.PriorityNone, td.Priority)
	require.Equal(t, "ship it", td.Text)

	for _, body := range []string{`{"priority": "urgent"}`, `{"priority": 3}`} {
		res = e.do(t, e.alice, "PATCH", "/api/v1/todos/"+td.ID, body)
		require.Equal(t, http.StatusBadRequest, res.status, body)
	}
	res = e.do(t, e.alice, "PATCH", "/api/v1/todos/"+td.ID, `{"priority": "urgent"}`)
	require.Equal(t, todo.CodeInvalidPriority, res.errorCode(t))
	res = e.do(t, e.alice, "PATCH", "/api/v1/todos/"+td.ID, `{}`)
	require.Equal(t, http.StatusBadRequest, res.status)
	res = e.do(t, e.outsider, "PATCH", "/api/v1/todos/"+td.ID, `{"priority": "high"}`)
	require.Equal(t, http.StatusForbidden, res.status)
	res = e.do(t, e.alice, "GET", "/api/v1/todos/"+td.ID, "")
	res.json(t, &td)
	require.Equal(t, todo.PriorityNone, td.Priority, "refused changes lose nothing and change nothing")
}

func TestListSortAndPriorityParametersPageByCursor(t *testing.T) {
	e := newEnv(t)
	todos := "/api/v1/channels/" + e.channel + "/todos"
	prios := []string{"none", "high", "low", "high", "medium", "none", "high"}
	for i, p := range prios {
		res := e.do(t, e.alice, "POST", todos, fmt.Sprintf(`{"text": "t%d", "priority": %q}`, i+1, p))
		require.Equal(t, http.StatusCreated, res.status, string(res.body))
	}
	walk := func(query string) []int64 {
		var got []int64
		cursor := ""
		for {
			res := e.do(t, e.alice, "GET", todos+"?limit=2&"+query+"&cursor="+cursor, "")
			require.Equal(t, http.StatusOK, res.status, string(res.body))
			var page todo.Page
			res.json(t, &page)
			for _, td := range page.Todos {
				got = append(got, td.Number)
			}
			if page.NextCursor == "" {
				return got
			}
			cursor = page.NextCursor
		}
	}
	require.Equal(t, []int64{2, 4, 7, 5, 3, 1, 6}, walk("sort=priority"))
	require.Equal(t, []int64{2, 4, 7}, walk("priority=high"))
	require.Equal(t, []int64{1, 6}, walk("priority=none&sort=due"))

	res := e.do(t, e.alice, "GET", todos+"?sort=size", "")
	require.Equal(t, http.StatusBadRequest, res.status)
	require.Equal(t, todo.CodeInvalidSort, res.errorCode(t))
	res = e.do(t, e.alice, "GET", todos+"?priority=urgent", "")
	require.Equal(t, todo.CodeInvalidPriority, res.errorCode(t))
}

// lines is a LineParser that knows one person, "bob".
type lines struct{ bob string }

func (l *lines) ParseLine(_ context.Context, _ string, text string) (api.Line, error) {
	text, assign, ok := strings.Cut(text, " @")
	out := api.Line{Text: text, Priority: todo.PriorityHigh}
	if ok {
		if assign != "bob" {
			return api.Line{}, todo.ErrUnassignable
		}
		out.Assignees = []string{l.bob}
	}
	return out, nil
}

func TestAddParsesTheLineOnlyWhenAsked(t *testing.T) {
	e := newEnv(t)
	todos := "/api/v1/channels/" + e.channel + "/todos"
	res := e.do(t, e.alice, "POST", todos, `{"text": "ship @bob", "parse": true}`)
	require.Equal(t, http.StatusBadRequest, res.status, "a server without a parser says so")
	require.Equal(t, "parse_not_available", res.errorCode(t))

	parser := &lines{}
	e = newEnv(t, api.WithLineParser(parser))
	parser.bob = e.bob
	todos = "/api/v1/channels/" + e.channel + "/todos"
	res = e.do(t, e.alice, "POST", todos, `{"text": "ship @bob", "parse": true}`)
	require.Equal(t, http.StatusCreated, res.status, string(res.body))
	var td todo.Todo
	res.json(t, &td)
	require.Equal(t, "ship", td.Text)
	require.Equal(t, []string{e.bob}, td.Assignees)
	require.Equal(t, todo.PriorityHigh, td.Priority)

	// Fields beside the line win over it (priority) or add to it (assignees).
	res = e.do(t, e.alice, "POST", todos, fmt.Sprintf(`{"text": "ship @bob", "parse": true, "priority": "low", "assignees": [%q]}`, e.alice))
	require.Equal(t, http.StatusCreated, res.status, string(res.body))
	res.json(t, &td)
	require.Equal(t, todo.PriorityLow, td.Priority)
	require.ElementsMatch(t, []string{e.alice, e.bob}, td.Assignees)

	// Without parse the text is the text.
	res = e.do(t, e.alice, "POST", todos, `{"text": "ship @bob"}`)
	res.json(t, &td)
	require.Equal(t, "ship @bob", td.Text)
	require.Empty(t, td.Assignees)

	// A name that cannot be assigned adds nothing.
	res = e.do(t, e.alice, "POST", todos, `{"text": "ship @zed", "parse": true}`)
	require.Equal(t, http.StatusBadRequest, res.status)
	require.Equal(t, todo.CodeInvalidAssignee, res.errorCode(t))
	res = e.do(t, e.alice, "GET", todos+"?state=all", "")
	var page todo.Page
	require.NoError(t, json.Unmarshal(res.body, &page))
	require.Len(t, page.Todos, 3)
}

func TestRecurringTodoOverRESTRecursOnceUnderConcurrentCompletes(t *testing.T) {
	e := newEnv(t)
	todos := "/api/v1/channels/" + e.channel + "/todos"
	res := e.do(t, e.alice, "POST", todos, `{"text": "rotate the keys", "recur": "Monday", "due": {"date": "2026-11-30"}}`)
	require.Equal(t, http.StatusCreated, res.status, string(res.body))
	var td todo.Todo
	res.json(t, &td)
	require.Equal(t, "monday", td.Recur)

	res = e.do(t, e.alice, "PATCH", "/api/v1/todos/"+td.ID, `{"recur": "hourly", "priority": "high"}`)
	require.Equal(t, http.StatusBadRequest, res.status)
	require.Equal(t, todo.CodeInvalidRecur, res.errorCode(t))
	res = e.do(t, e.alice, "GET", "/api/v1/todos/"+td.ID, "")
	res.json(t, &td)
	require.Equal(t, todo.PriorityNone, td.Priority, "a refused PATCH changes nothing")

	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := e.alice
			if i%2 == 1 {
				user = e.bob
			}
			statuses[i] = e.do(t, user, "POST", "/api/v1/todos/"+td.ID+"/complete", "").status
		}()
	}
	wg.Wait()
	for _, s := range statuses {
		require.Equal(t, http.StatusOK, s)
	}
	res = e.do(t, e.alice, "GET", todos+"?state=all", "")
	var page todo.Page
	res.json(t, &page)
	require.Len(t, page.Todos, 2, "one successor, however many completed at once")
	next := page.Todos[1]
	require.Equal(t, todo.StateOpen, next.State)
	require.Equal(t, "monday", next.Recur)
	require.NotNil(t, next.Due)
	require.Greater(t, next.Due.Date, "2026-11-30")

	res = e.do(t, e.bob, "PATCH", "/api/v1/todos/"+next.ID, `{"recur": ""}`)
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	var stopped todo.Todo
	res.json(t, &stopped)
	require.Empty(t, stopped.Recur)
}

func TestMineTakesTheListsSortAndFilterParameters(t *testing.T) {
	e := newEnv(t)
	todos := "/api/v1/channels/" + e.channel + "/todos"
	mineURL := "/api/v1/users/me/mine"
	// Bob's own todos and the channel todos assigned to him, interleaved in time.
	type spec struct{ path, body string }
	specs := []spec{
		{"/api/v1/users/me/todos", `{"text": "p1", "priority": "low", "due": {"date": "2026-03-01"}}`},
		{todos, `{"text": "c1", "priority": "high", "assignees": ["` + e.bob + `"]}`},
		{"/api/v1/users/me/todos", `{"text": "p2", "priority": "high", "due": {"date": "2026-01-05"}}`},
		{todos, `{"text": "c2", "due": {"date": "2026-01-05"}, "assignees": ["` + e.bob + `", "` + e.alice + `"]}`},
		{todos, `{"text": "not bob's", "priority": "high", "assignees": ["` + e.alice + `"]}`},
		{todos, `{"text": "c3", "priority": "medium", "assignees": ["` + e.bob + `"]}`},
	}
	for _, sp := range specs {
		res := e.do(t, e.bob, "POST", sp.path, sp.body)
		require.Equal(t, http.StatusCreated, res.status, string(res.body))
	}
	walk := func(query string) []string {
		var got []string
		cursor := ""
		for {
			res := e.do(t, e.bob, "GET", mineURL+"?limit=2&"+query+"&cursor="+cursor, "")
			require.Equal(t, http.StatusOK, res.status, string(res.body))
			var page todo.Page
			res.json(t, &page)
			for _, td := range page.Todos {
				got = append(got, td.Text)
			}
			if page.NextCursor == "" {
				return got
			}
			cursor = page.NextCursor
		}
	}
	require.Equal(t, []string{"p1", "c1", "p2", "c2", "c3"}, walk(""))
	require.Equal(t, []string{"c1", "p2", "c3", "p1", "c2"}, walk("sort=priority"))
	require.Equal(t, []string{"p2", "c2", "p1", "c1", "c3"}, walk("sort=due"))
	require.Equal(t, []string{"c1", "p2"}, walk("priority=high"))
	require.Equal(t, []string{"c2"}, walk("assignee="+e.alice))
	require.Equal(t, []string{"p2", "c2"}, walk("sort=due&due_before=2026-02-01"))
	require.Equal(t, []string{"c1", "c3"}, walk("has_due=false&sort=priority"))

	for query, code := range map[string]string{
		"sort=size":         todo.CodeInvalidSort,
		"priority=urgent":   todo.CodeInvalidPriority,
		"assignee=someone":  todo.CodeInvalidID,
		"due_before=friday": todo.CodeInvalidDue,
		"has_due=maybe":     "invalid_has_due",
	} {
		res := e.do(t, e.bob, "GET", mineURL+"?"+query, "")
		require.Equal(t, http.StatusBadRequest, res.status, query)
		require.Equal(t, code, res.errorCode(t), query)
	}
	// A cursor belongs to its sort.
	res := e.do(t, e.bob, "GET", mineURL+"?limit=1&sort=priority", "")
	var page todo.Page
	res.json(t, &page)
	require.NotEmpty(t, page.NextCursor)
	res = e.do(t, e.bob, "GET", mineURL+"?limit=1&sort=due&cursor="+page.NextCursor, "")
	require.Equal(t, todo.CodeInvalidCursor, res.errorCode(t))
	res = e.do(t, e.bob, "GET", mineURL+"?limit=1&cursor="+page.NextCursor, "")
	require.Equal(t, todo.CodeInvalidCursor, res.errorCode(t))
}
