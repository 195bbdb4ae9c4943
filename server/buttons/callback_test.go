package buttons

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/httpjson/httpjsontest"
)

// TestCallbackAnswersTakeOneWrite: a callback's answer, and its refusals, reach Mattermost's
// response writer in one Write that says its length, and a 200 without a WriteHeader of its
// own: in the plugin each call on that writer is a round trip to the server.
func TestCallbackAnswersTakeOneWrite(t *testing.T) {
	type answer struct {
		Text string `json:"text"`
	}
	handle := func(_ context.Context, userID string, req map[string]string) answer {
		return answer{Text: userID + " pressed " + req["action"] + strings.Repeat(".", 5000)}
	}
	for name, tc := range map[string]struct {
		user, body           string
		status, writeHeaders int
	}{
		"an answer":       {user: "u1", body: `{"action":"done"}`, status: http.StatusOK},
		"no user":         {body: `{"action":"done"}`, status: http.StatusUnauthorized, writeHeaders: 1},
		"a body not JSON": {user: "u1", body: `{`, status: http.StatusBadRequest, writeHeaders: 1},
	} {
		t.Run(name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, Route, strings.NewReader(tc.body))
			if tc.user != "" {
				r.Header.Set("Mattermost-User-Id", tc.user)
			}
			w := httpjsontest.NewRecorder()
			ServeCallback(w, r, handle)
			require.Equal(t, tc.status, w.Code)
			require.Equal(t, tc.writeHeaders, w.WriteHeaders)
			require.Equal(t, 1, w.Writes, "the answer goes out in one Write")
			require.Equal(t, strconv.Itoa(w.Body.Len()), w.Header().Get("Content-Length"))
			require.Equal(t, "application/json", w.Header().Get("Content-Type"))
			var got struct{ Text, Code string }
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &got), w.Body.String())
			if tc.status == http.StatusOK {
				require.True(t, strings.HasPrefix(got.Text, "u1 pressed done."), got.Text)
			} else {
				require.NotEmpty(t, got.Code)
			}
		})
	}
}
