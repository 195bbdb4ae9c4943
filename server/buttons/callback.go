package buttons

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/channel-todo/channel-todo/server/httpjson"
)

// maxCallbackBody bounds what Mattermost sends the plugin for a button press or a dialog
// submission; those are a few hundred bytes to a few kilobytes.
const maxCallbackBody = 64 << 10

// ServeCallback answers one of Mattermost's integration callbacks (a button press, a dialog
// submission): a POST whose JSON body handle reads as the person Mattermost names in the
// Mattermost-User-Id header. handle's answer goes back as JSON with 200, written as the REST
// API writes its answers (httpjson: one Write, with its length).
func ServeCallback[Req, Resp any](w http.ResponseWriter, r *http.Request, handle func(ctx context.Context, userID string, req Req) Resp) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	userID := r.Header.Get("Mattermost-User-Id")
	if userID == "" {
		httpjson.Write(w, http.StatusUnauthorized, map[string]string{"error": "Not signed in.", "code": "unauthorized"})
		return
	}
	var req Req
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCallbackBody)).Decode(&req); err != nil {
		httpjson.Write(w, http.StatusBadRequest, map[string]string{"error": "The request is not valid JSON.", "code": "invalid_json"})
		return
	}
	httpjson.Write(w, http.StatusOK, handle(r.Context(), userID, req))
}
