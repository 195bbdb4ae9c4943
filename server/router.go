package main

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type dbHandle = *sql.DB

// newRouter builds the plugin's HTTP surface: the REST API under /api/v1, the open todos that
// /todo's autocomplete suggests (Mattermost fetches them itself, see slashCommand), and a JSON
// 404 for anything else so REST clients always receive the same error shape.
func newRouter(restAPI, suggestions http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", restAPI)
	mux.Handle("GET "+suggestionsPath, suggestions)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "Not found.", "code": "not_found"})
	})
	return mux
}
