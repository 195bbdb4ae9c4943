package buttons

import (
	"context"
	"encoding/json"
	"net/http"
)

// maxCallbackBody bounds what Mattermost sends the plugin for a button press or a dialog
// submission; those are a few hundred bytes to a few kilobytes.
const maxCallbackBody = 64 << 10

// ServeCallback answers one of Mattermost's integration callbacks (a button press, a dialog
// submission): a POST whose JSON body handle reads as the person Mattermost names in the
// Mattermost-User-Id header. handle's answer goes back as JSON with 200.
func ServeCallback[Req, Resp any](w http.ResponseWriter, r *http.Request, handle func(ctx context.Context, userID string, req Req) Resp) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	userID := r.Header.Get("Mattermost-User-Id")
	if userID == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Not signed in.", "code": "unauthorized"})
		return
	}
	var req Req
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCallbackBody)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "The request is not valid JSON.", "code": "invalid_json"})
		return
	}
	writeJSON(w, http.StatusOK, handle(r.Context(), userID, req))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
