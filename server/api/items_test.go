package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestChecklistRoutes(t *testing.T) {
	e := newEnv(t)
	td := e.add(t, e.alice, "Pack")
	items := "/api/v1/todos/" + td.ID + "/items"
	var c todo.Checklist
	for _, text := range []string{"socks", "shirt", "hat"} {
		res := e.do(t, e.alice, "POST", items, `{"text": "`+text+`"}`)
		require.Equal(t, http.StatusCreated, res.status, string(res.body))
		res.json(t, &c)
	}
	require.Len(t, c.Items, 3)
	require.Equal(t, 3, c.Todo.ItemsTotal)

	res := e.do(t, e.bob, "PATCH", items+"/"+c.Items[1].ID, `{"done": true}`)
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res = e.do(t, e.bob, "POST", items+"/"+c.Items[2].ID+"/move", `{"position": 1}`)
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res = e.do(t, e.alice, "DELETE", items+"/"+c.Items[0].ID, "")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res = e.do(t, e.bob, "GET", items, "")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	res.json(t, &c)
	require.Equal(t, []string{"hat", "shirt"}, []string{c.Items[0].Text, c.Items[1].Text})
	require.True(t, c.Items[1].Done)

	// The list page carries the progress.
	var page todo.Page
	e.do(t, e.bob, "GET", "/api/v1/channels/"+e.channel+"/todos", "").json(t, &page)
	require.Equal(t, [2]int{2, 1}, [2]int{page.Todos[0].ItemsTotal, page.Todos[0].ItemsDone})

	// Completing with an open item is refused, then forced.
	complete := "/api/v1/todos/" + td.ID + "/complete"
	res = e.do(t, e.bob, "POST", complete, "")
	require.Equal(t, http.StatusConflict, res.status, string(res.body))
	require.Equal(t, todo.CodeItemsOpen, res.errorCode(t))
	res = e.do(t, e.bob, "POST", complete, `{"force": "yes"}`)
	require.Equal(t, http.StatusBadRequest, res.status, string(res.body))
	res = e.do(t, e.bob, "POST", complete, `{"force": true}`)
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	var done todo.Todo
	res.json(t, &done)
	require.Equal(t, todo.StateDone, done.State)
}

func TestChecklistRoutesRefuseBadRequests(t *testing.T) {
	e := newEnv(t)
	td := e.add(t, e.alice, "Pack")
	items := "/api/v1/todos/" + td.ID + "/items"
	res := e.do(t, e.alice, "POST", items, `{"text": "socks"}`)
	require.Equal(t, http.StatusCreated, res.status)
	var c todo.Checklist
	res.json(t, &c)
	item := items + "/" + c.Items[0].ID
	other := e.add(t, e.alice, "Other")
	tests := []struct {
		name, user, method, path, body string
		status                         int
		code                           string
	}{
		{"malformed JSON", e.alice, "POST", items, `{"text": `, 400, "invalid_json"},
		{"text of the wrong type", e.alice, "POST", items, `{"text": 3}`, 400, "invalid_json"},
		{"unknown field", e.alice, "POST", items, `{"text": "a", "extra": 1}`, 400, "invalid_json"},
		{"no text", e.alice, "POST", items, `{}`, 400, todo.CodeTextEmpty},
		{"empty text", e.alice, "POST", items, `{"text": "  "}`, 400, todo.CodeTextEmpty},
		{"done of the wrong type", e.alice, "PATCH", item, `{"done": "yes"}`, 400, "invalid_json"},
		{"nothing to change", e.alice, "PATCH", item, `{}`, 400, todo.CodeTextEmpty},
		{"no position", e.alice, "POST", item + "/move", `{}`, 400, todo.CodeInvalidMove},
		{"position zero", e.alice, "POST", item + "/move", `{"position": 0}`, 400, todo.CodeInvalidMove},
		{"position not a whole number", e.alice, "POST", item + "/move", `{"position": 1.5}`, 400, "invalid_json"},
		{"unknown item", e.alice, "PATCH", items + "/" + todo.NewID(), `{"done": true}`, 404, todo.CodeItemNotFound},
		{"item of another todo", e.alice, "DELETE", "/api/v1/todos/" + other.ID + "/items/" + c.Items[0].ID, "", 404, todo.CodeItemNotFound},
		{"malformed item id", e.alice, "DELETE", items + "/nope", "", 404, todo.CodeItemNotFound},
		{"unknown todo", e.alice, "GET", "/api/v1/todos/" + todo.NewID() + "/items", "", 404, todo.CodeNotFound},
		{"outsider reads", e.outsider, "GET", items, "", 403, todo.CodeForbidden},
		{"outsider ticks", e.outsider, "PATCH", item, `{"done": true}`, 403, todo.CodeForbidden},
		{"outsider adds", e.outsider, "POST", items, `{"text": "x"}`, 403, todo.CodeForbidden},
		{"complete with a bad body", e.alice, "POST", "/api/v1/todos/" + td.ID + "/complete", `{"force": 1}`, 400, "invalid_json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do(t, tc.user, tc.method, tc.path, tc.body)
			require.Equal(t, tc.status, res.status, string(res.body))
			require.Equal(t, tc.code, res.errorCode(t))
		})
	}
	res = e.do(t, e.alice, "GET", items, "")
	res.json(t, &c)
	require.Len(t, c.Items, 1, "no refusal changed the checklist")
	require.False(t, c.Items[0].Done)
	require.Empty(t, e.log.msgs, "no refusal was an internal error")
}
