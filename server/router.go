package main

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/httpjson"
)

type dbHandle = *sql.DB

// newRouter builds the plugin's HTTP surface: the REST API under /api/v1, the open todos that
// /todo's autocomplete suggests (Mattermost fetches them itself, see slashCommand), and a JSON
// 404 for anything else so REST clients always receive the same error shape.
func newRouter(restAPI, suggestions http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", withDeadline(restAPI, requestDeadline))
	mux.Handle("GET "+command.SuggestionsPath, suggestions)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		httpjson.Write(w, http.StatusNotFound, map[string]string{"error": "Not found.", "code": "not_found"})
	})
	return mux
}

// requestDeadline bounds how long a REST request waits: for the database, and for a turn to
// run the command-line tool (a tool that got its turn runs for its own configured timeout).
// It is the chat commands' bound too.
const requestDeadline = commandTimeout

// withDeadline gives every request a deadline, so one queued behind busy tools gives up with
// an answer instead of waiting for as long as the client stays connected.
func withDeadline(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
