package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// fakePrefs keeps settings in memory.
type fakePrefs struct {
	saved map[string]todo.UserSettings
}

func (f *fakePrefs) UserSettings(_ context.Context, userID string) (todo.UserSettings, error) {
	return f.saved[userID], nil
}

func (f *fakePrefs) SetUserSettings(_ context.Context, userID string, p todo.UserSettings) error {
	f.saved[userID] = p
	return nil
}

func TestSettingsOverREST(t *testing.T) {
	tests := []struct {
		name    string
		allowed bool
		before  todo.UserSettings
		body    string
		status  int
		code    string
		after   todo.UserSettings
	}{
		{name: "digest on, time normalised", allowed: true, body: `{"digest_time": "9:05"}`, status: 200, after: todo.UserSettings{DigestTime: "09:05"}},
		{name: "digest off keeps completion", allowed: true, before: todo.UserSettings{DigestTime: "08:00", NotifyCompletion: true}, body: `{"digest_time": ""}`, status: 200, after: todo.UserSettings{NotifyCompletion: true}},
		{name: "completion on keeps digest", allowed: true, before: todo.UserSettings{DigestTime: "08:00"}, body: `{"notify_completion": true}`, status: 200, after: todo.UserSettings{DigestTime: "08:00", NotifyCompletion: true}},
		{name: "both at once", allowed: true, body: `{"digest_time": "17:30", "notify_completion": true}`, status: 200, after: todo.UserSettings{DigestTime: "17:30", NotifyCompletion: true}},
		{name: "bad time refused, nothing saved", allowed: true, before: todo.UserSettings{DigestTime: "08:00"}, body: `{"digest_time": "25:00", "notify_completion": true}`, status: 400, code: "invalid_digest_time", after: todo.UserSettings{DigestTime: "08:00"}},
		{name: "words are not a time", allowed: true, body: `{"digest_time": "morning"}`, status: 400, code: "invalid_digest_time"},
		{name: "wrong type", allowed: true, body: `{"notify_completion": "yes"}`, status: 400, code: "invalid_json"},
		{name: "time as a number", allowed: true, body: `{"digest_time": 900}`, status: 400, code: "invalid_json"},
		{name: "unknown field", allowed: true, body: `{"digests_allowed": true}`, status: 400, code: "invalid_json"},
		{name: "digest not allowed by the admin", allowed: false, body: `{"digest_time": "09:00"}`, status: 403, code: "digests_not_allowed"},
		{name: "turning it off is always allowed", allowed: false, before: todo.UserSettings{DigestTime: "08:00"}, body: `{"digest_time": ""}`, status: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			user := todo.NewID()
			prefs := &fakePrefs{saved: map[string]todo.UserSettings{user: tt.before}}
			svc := todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: todotest.NewAuthorizer(), Settings: prefs}, todo.Config{DigestsOff: !tt.allowed})
			server := httptest.NewServer(api.NewRouter(svc, nil))
			defer server.Close()

			req, err := http.NewRequest(http.MethodPut, server.URL+"/api/v1/users/me/settings", strings.NewReader(tt.body))
			require.NoError(t, err)
			req.Header.Set("Mattermost-User-ID", user)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, tt.status, resp.StatusCode)
			var body map[string]any
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
			if tt.code != "" {
				require.Equal(t, tt.code, body["code"])
				require.NotEmpty(t, body["error"])
			} else {
				require.Equal(t, tt.after.DigestTime, body["digest_time"])
				require.Equal(t, tt.after.NotifyCompletion, body["notify_completion"])
				require.Equal(t, tt.allowed, body["digests_allowed"])
			}
			require.Equal(t, tt.after, prefs.saved[user])

			get, err := http.NewRequest(http.MethodGet, server.URL+"/api/v1/users/me/settings", nil)
			require.NoError(t, err)
			get.Header.Set("Mattermost-User-ID", user)
			got, err := http.DefaultClient.Do(get)
			require.NoError(t, err)
			defer got.Body.Close()
			require.Equal(t, http.StatusOK, got.StatusCode)
			var shown api.UserSettings
			require.NoError(t, json.NewDecoder(got.Body).Decode(&shown))
			require.Equal(t, api.UserSettings{DigestTime: tt.after.DigestTime, NotifyCompletion: tt.after.NotifyCompletion, DigestsAllowed: tt.allowed}, shown)
		})
	}
}
