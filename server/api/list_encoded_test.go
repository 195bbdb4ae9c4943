package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/httpjson/httpjsontest"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// verbatimStore hands back its pages encoded as a store that builds the JSON itself would,
// in a spelling Go's encoder never writes (spaces, "<" unescaped, keys out of Go's order).
type verbatimStore struct {
	*todotest.MemStore
}

func (v verbatimStore) Page(ctx context.Context, q todo.StoreQuery) (todo.StorePage, error) {
	p, err := v.MemStore.Page(ctx, q)
	if err != nil || !q.Encoded {
		return p, err
	}
	p.Encoded = verbatim(p.Todos)
	p.Todos = nil
	return p, nil
}

func (v verbatimStore) MinePage(ctx context.Context, q todo.MineStoreQuery, upTo int) (todo.MinePage, error) {
	p, err := v.MemStore.MinePage(ctx, q, upTo)
	if err != nil || !q.Encoded {
		return p, err
	}
	p.Encoded = verbatim(p.Todos)
	p.Todos = nil
	return p, nil
}

// verbatim is todos as verbatimStore encodes them.
func verbatim(todos []todo.Todo) *todo.EncodedTodos {
	enc := &todo.EncodedTodos{}
	for _, t := range todos {
		enc.Todos = append(enc.Todos, json.RawMessage(`{ "text" : "<`+t.Text+`>", "id" : "`+t.ID+`", "created_at" : `+jsonInt(t.CreatedAt)+`, "position" : `+jsonInt(t.Position)+` }`))
		enc.Roots = append(enc.Roots, t.ThreadRoot())
	}
	return enc
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// oneChannelService is a service over store with one open channel, of which alice is a member.
func oneChannelService(store todo.Store) (svc *todo.Service, channel, alice string) {
	channel, alice = todo.NewID(), todo.NewID()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, alice)
	return todo.NewService(todo.Deps{Store: store, Authorizer: auth}, todo.Config{}), channel, alice
}

// TestListWritesTheStoresEncodingAsItIs: a list page's todos reach the response byte for
// byte as the store encoded them: the handler neither decodes nor encodes them again. Only
// the page's frame (todos, next_cursor, version) is written around them, and the cursor
// still leads to the next page.
func TestListWritesTheStoresEncodingAsItIs(t *testing.T) {
	ctx := context.Background()
	svc, channel, alice := oneChannelService(verbatimStore{todotest.NewMemStore()})
	server := httptest.NewServer(api.NewRouter(svc, &logger{}))
	t.Cleanup(server.Close)
	for _, text := range []string{"one", "two", "three"} {
		_, err := svc.Add(ctx, alice, todo.AddInput{Scope: todo.ChannelScope(channel), Text: text})
		require.NoError(t, err)
	}
	get := func(query string) string {
		return getJSON(t, server.URL+"/api/v1/channels/"+channel+"/todos"+query, alice)
	}
	first := get("?limit=2")
	require.Contains(t, first, `{"todos":[{ "text" : "<one>", "id" : "`)
	require.Contains(t, first, `{ "text" : "<two>", "id" : "`)
	require.NotContains(t, first, "three")
	var page pageAnswer
	require.NoError(t, json.Unmarshal([]byte(first), &page))
	require.Len(t, page.Todos, 2)
	require.NotEmpty(t, page.NextCursor)
	require.Equal(t, int64(3), page.Version)
	require.True(t, strings.HasSuffix(first, `,"version":3}`+"\n"), first)

	rest := get("?limit=2&cursor=" + page.NextCursor)
	require.Equal(t, `{"todos":[{ "text" : "<three>", "id" : "`, rest[:len(`{"todos":[{ "text" : "<three>", "id" : "`)])
	require.True(t, strings.HasSuffix(rest, `}],"version":3}`+"\n"), "the last page has no cursor: %s", rest)
}

// TestMineWritesTheStoresEncodingAsItIs: as a list's page, a page of "mine" reaches the
// response byte for byte as the store encoded its todos, in the frame Mine's page was written
// in ({"todos":[...],"next_cursor":...,"version":0}), and its cursor leads to the next page.
func TestMineWritesTheStoresEncodingAsItIs(t *testing.T) {
	ctx := context.Background()
	channel, alice := todo.NewID(), todo.NewID()
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, alice)
	// "mine" is oldest first: each todo a second after the one before.
	clock := todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	svc := todo.NewService(todo.Deps{Store: verbatimStore{todotest.NewMemStore()}, Authorizer: auth, Clock: clock}, todo.Config{})
	server := httptest.NewServer(api.NewRouter(svc, &logger{}))
	t.Cleanup(server.Close)
	for _, in := range []todo.AddInput{
		{Scope: todo.ChannelScope(channel), Text: "one", Assignees: []string{alice}},
		{Scope: todo.ChannelScope(channel), Text: "two", Assignees: []string{alice}},
		{Scope: todo.PersonalScope(alice), Text: "three"},
		{Scope: todo.ChannelScope(channel), Text: "not mine"},
	} {
		_, err := svc.Add(ctx, alice, in)
		require.NoError(t, err)
		clock.Advance(time.Second)
	}
	get := func(query string) string {
		return getJSON(t, server.URL+"/api/v1/users/me/mine"+query, alice)
	}
	first := get("?limit=2")
	require.True(t, strings.HasPrefix(first, `{"todos":[{ "text" : "<one>", "id" : "`), first)
	require.Contains(t, first, `},{ "text" : "<two>", "id" : "`)
	require.NotContains(t, first, "three")
	var page pageAnswer
	require.NoError(t, json.Unmarshal([]byte(first), &page))
	require.Len(t, page.Todos, 2)
	require.NotEmpty(t, page.NextCursor)
	require.True(t, strings.HasSuffix(first, `}],"next_cursor":"`+page.NextCursor+`","version":0}`+"\n"), first)

	rest := get("?limit=2&cursor=" + page.NextCursor)
	require.True(t, strings.HasPrefix(rest, `{"todos":[{ "text" : "<three>", "id" : "`), rest)
	require.True(t, strings.HasSuffix(rest, `}],"version":0}`+"\n"), "the last page has no cursor: %s", rest)
}

// TestAnswersTakeOneWrite: a page of 200 todos, a single todo and an error each reach the
// response writer in one Write that says its length (so it is not sent chunked), and a 200 OK
// without a WriteHeader of its own (the Write implies it). Other statuses are still written.
func TestAnswersTakeOneWrite(t *testing.T) {
	ctx := context.Background()
	svc, channel, alice := oneChannelService(todotest.NewMemStore())
	router := api.NewRouter(svc, &logger{})
	var first todo.Todo
	for i := 0; i < 201; i++ {
		added, err := svc.Add(ctx, alice, todo.AddInput{Scope: todo.ChannelScope(channel), Text: "todo " + strings.Repeat("x", i%7)})
		require.NoError(t, err)
		if i == 0 {
			first = added
		}
	}
	serve := func(path string) *httpjsontest.Recorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Mattermost-User-ID", alice)
		w := httpjsontest.NewRecorder()
		router.ServeHTTP(w, req)
		return w
	}

	page := serve("/api/v1/channels/" + channel + "/todos?limit=200")
	require.Equal(t, http.StatusOK, page.Code)
	require.Equal(t, 0, page.WriteHeaders, "a 200 needs no WriteHeader")
	require.Equal(t, 1, page.Writes, "the page goes out in one Write")
	require.Equal(t, strconv.Itoa(page.Body.Len()), page.Header().Get("Content-Length"))
	require.Equal(t, "application/json", page.Header().Get("Content-Type"))
	var body struct {
		Todos []todo.Todo `json:"todos"`
	}
	require.NoError(t, json.Unmarshal(page.Body.Bytes(), &body))
	require.Len(t, body.Todos, 200)

	one := serve("/api/v1/todos/" + first.ID)
	require.Equal(t, http.StatusOK, one.Code)
	require.Equal(t, 0, one.WriteHeaders)
	require.Equal(t, 1, one.Writes)
	require.Equal(t, strconv.Itoa(one.Body.Len()), one.Header().Get("Content-Length"))
	require.Contains(t, one.Body.String(), first.ID)

	missing := serve("/api/v1/todos/" + todo.NewID())
	require.Equal(t, http.StatusNotFound, missing.Code)
	require.Equal(t, 1, missing.WriteHeaders, "a status other than 200 is written")
	require.Equal(t, 1, missing.Writes)
	require.Equal(t, strconv.Itoa(missing.Body.Len()), missing.Header().Get("Content-Length"))
}

// pageAnswer is a page as the REST API answers it.
type pageAnswer struct {
	Todos      []map[string]any `json:"todos"`
	NextCursor string           `json:"next_cursor"`
	Version    int64            `json:"version"`
}

// getJSON is the body of a GET of url as user, which must answer 200 with JSON.
func getJSON(t *testing.T, url, user string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Mattermost-User-ID", user)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "application/json", res.Header.Get("Content-Type"))
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(b)
}
