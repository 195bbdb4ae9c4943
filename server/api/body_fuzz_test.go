package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// FuzzRequestBodies sends any body to every route that reads one, against the in-memory store.
// Whatever arrives, the answer is JSON, never a server error, and a refusal carries an error
// code; afterwards the list still numbers its todos once each. `make soak` runs it for
// minutes; a crasher lands in testdata/fuzz/FuzzRequestBodies and runs in every go test.
func FuzzRequestBodies(f *testing.F) {
	for _, seed := range []struct {
		route uint8
		body  string
	}{
		{0, `{"text": "Buy milk"}`},
		{0, `{"text": "x", "assignees": ["` + strings.Repeat("a", 26) + `"], "due": {"date": "2026-12-01", "time": "14:30"}}`},
		{0, `{"text": "x", "due": {"date": "2026-02-30"}}`},
		{1, `{"text": "edited"}`}, {2, `{"to": "top"}`}, {2, `{"position": 1e300}`}, {2, `{"after_id": ""}`},
		{3, `{"date": "2026-12-01", "time": "24:00"}`}, {4, `{"user_ids": []}`}, {5, `{"text": "\u0000"}`},
		{0, `{"text": "a"} trailing`}, {0, `[`}, {0, ``}, {6, `{"user_ids": [null]}`}, {1, `{"text": "` + strings.Repeat("é", 5000) + `"}`},
		{7, `{"text": "step"}`}, {7, `{"text": null}`}, {8, `{"done": true}`}, {8, `{"text": "x", "done": false}`},
		{9, `{"position": 2}`}, {9, `{"position": -1}`}, {10, `{"force": true}`}, {10, ` `},
	} {
		f.Add(seed.route, []byte(seed.body))
	}

	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		e := newBodyFuzzEnv(t)
		channel, call := e.channel, e.call
		all := bodyRoutes(e)
		r := all[int(route)%len(all)]
		res := call(r.method, r.path, string(body))
		if res.Code >= 500 {
			t.Fatalf("%s %s with %q: %d %s", r.method, r.path, body, res.Code, res.Body.String())
		}
		var answer map[string]any
		if err := json.Unmarshal(res.Body.Bytes(), &answer); err != nil {
			t.Fatalf("%s %s with %q: the answer is not JSON: %s", r.method, r.path, body, res.Body.String())
		}
		if res.Code >= 400 && (answer["code"] == "" || answer["code"] == nil || answer["error"] == nil) {
			t.Fatalf("%s %s with %q: a refusal without code and error: %s", r.method, r.path, body, res.Body.String())
		}
		if len(e.log.msgs) > 0 {
			t.Fatalf("%s %s with %q was an internal error: %v", r.method, r.path, body, e.log.msgs)
		}
		if res.Code >= 400 {
			return
		}
		page := call("GET", "/api/v1/channels/"+channel+"/todos?state=all&limit=200", "")
		var listed struct {
			Todos []todo.Todo `json:"todos"`
		}
		if err := json.Unmarshal(page.Body.Bytes(), &listed); err != nil || page.Code != http.StatusOK {
			t.Fatalf("reading the list after %s %s: %d %s", r.method, r.path, page.Code, page.Body.String())
		}
		numbers := map[int64]bool{}
		for _, td := range listed.Todos {
			if numbers[td.Number] {
				t.Fatalf("number %d twice after %s %s with %q", td.Number, r.method, r.path, body)
			}
			numbers[td.Number] = true
		}
	})
}

// bodyFuzzEnv is a fresh router over an empty in-memory store with one todo in one channel,
// so every fuzz input meets the same state and the store does not grow over a long run.
type bodyFuzzEnv struct {
	call    func(method, path, body string) *httptest.ResponseRecorder
	channel string
	target  todo.Todo
	item    todo.Item
	log     *logger
}

func newBodyFuzzEnv(t testing.TB) bodyFuzzEnv {
	channel, alice := todo.NewID(), todo.NewID()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, alice)
	store := todotest.NewMemStore()
	store.SetMember(channel, alice, true)
	log := &logger{}
	router := api.NewRouter(todo.NewService(todo.Deps{Store: store, Items: store, Authorizer: auth, Publisher: &todotest.Publisher{}}, todo.Config{}), log)
	call := func(method, path, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Mattermost-User-ID", alice)
		rec := httptest.NewRecorder()
		router.ServeHTTP(rec, req)
		return rec
	}
	added := call("POST", "/api/v1/channels/"+channel+"/todos", `{"text": "target"}`)
	var target todo.Todo
	if err := json.Unmarshal(added.Body.Bytes(), &target); err != nil || added.Code != http.StatusCreated {
		t.Fatalf("seeding a todo: %d %s", added.Code, added.Body.String())
	}
	seeded := call("POST", "/api/v1/todos/"+target.ID+"/items", `{"text": "step"}`)
	var checklist todo.Checklist
	if err := json.Unmarshal(seeded.Body.Bytes(), &checklist); err != nil || seeded.Code != http.StatusCreated {
		t.Fatalf("seeding an item: %d %s", seeded.Code, seeded.Body.String())
	}
	return bodyFuzzEnv{call: call, channel: channel, target: target, item: checklist.Items[0], log: log}
}

// bodyRoutes are the routes that read a request body, aimed at the env's channel and todo.
func bodyRoutes(e bodyFuzzEnv) []struct{ method, path string } {
	channel, target := e.channel, e.target
	return []struct{ method, path string }{
		{"POST", "/api/v1/channels/" + channel + "/todos"},
		{"PATCH", "/api/v1/todos/" + target.ID},
		{"POST", "/api/v1/todos/" + target.ID + "/move"},
		{"PUT", "/api/v1/todos/" + target.ID + "/due"},
		{"PUT", "/api/v1/todos/" + target.ID + "/assignees"},
		{"POST", "/api/v1/users/me/todos"},
		{"POST", "/api/v1/todos/" + target.ID + "/assignees"},
		{"POST", "/api/v1/todos/" + target.ID + "/items"},
		{"PATCH", "/api/v1/todos/" + target.ID + "/items/" + e.item.ID},
		{"POST", "/api/v1/todos/" + target.ID + "/items/" + e.item.ID + "/move"},
		{"POST", "/api/v1/todos/" + target.ID + "/complete"},
	}
}
