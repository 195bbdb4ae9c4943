// Package api serves the plugin's REST API under /api/v1. Handlers are thin:
// they parse the request, call the todo.Service as the acting user and
// write JSON. Every rule and permission check lives in the service.
package api

import (
	"context"
	"net/http"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Logger receives internal errors; pluginapi's LogService satisfies it.
type Logger interface {
	Error(message string, keyValuePairs ...any)
}

// maxBodyBytes caps request bodies. The largest legitimate body is a todo of
// todo.DefaultMaxTextLength characters (at most 4 bytes each) plus a little JSON.
const maxBodyBytes = 64 << 10

// userHeader is set by Mattermost on requests from logged-in users; the
// server strips it from incoming requests, so plugins can trust it.
const userHeader = "Mattermost-User-ID"

// Option configures the router.
type Option func(*handler)

type handler struct {
	svc *todo.Service
	log Logger
	// lines reads one-line adds (`"parse": true`); nil: not served.
	lines LineParser
	// importer is nil when imports are not served.
	importer Importer
}

// LineParser reads the text of an add as one line of the chat grammar, as the acting user
// would have typed it after /todo add: the todo's text, and the assignees (user ids), due
// date (in the user's time zone) and priority its last words give. A name that cannot be
// assigned is an error, and nothing is added.
type LineParser interface {
	ParseLine(ctx context.Context, userID, text string) (Line, error)
}

// Line is what a LineParser read.
type Line struct {
	Text      string
	Assignees []string
	Due       *todo.Due
	Priority  todo.Priority
	Recur     string
}

// WithLineParser serves `"parse": true` on adds.
func WithLineParser(p LineParser) Option {
	return func(h *handler) { h.lines = p }
}

// NewRouter returns the REST API. Mount it so that it sees paths starting
// with /api/v1 (Mattermost passes /plugins/channel-todo/api/v1/... to the
// plugin's ServeHTTP as /api/v1/...).
func NewRouter(svc *todo.Service, log Logger, opts ...Option) http.Handler {
	h := &handler{svc: svc, log: log}
	for _, opt := range opts {
		opt(h)
	}
	mux := http.NewServeMux()
	route := func(pattern string, fn userHandler) {
		mux.Handle(pattern, h.withUser(fn))
	}

	// A channel's list.
	route("GET /api/v1/channels/{channel_id}/todos", inChannel(h.list))
	route("POST /api/v1/channels/{channel_id}/todos", inChannel(h.add))
	route("GET /api/v1/channels/{channel_id}/todos/export", inChannel(h.export))
	route("GET /api/v1/channels/{channel_id}/todos/number/{number}", h.getChannelNumber)

	// The acting user's personal list and everything assigned to them.
	route("GET /api/v1/users/me/todos", inPersonal(h.list))
	route("POST /api/v1/users/me/todos", inPersonal(h.add))
	route("GET /api/v1/users/me/todos/export", inPersonal(h.export))
	route("GET /api/v1/users/me/mine", h.mine)

	// Every list the acting user can read, searched by words.
	route("GET /api/v1/search", h.search)

	// One todo.
	route("GET /api/v1/todos/{id}", h.get)
	route("PATCH /api/v1/todos/{id}", h.edit)
	route("DELETE /api/v1/todos/{id}", h.delete)
	route("POST /api/v1/todos/{id}/restore", h.restore)
	route("POST /api/v1/todos/{id}/complete", h.complete)
	route("POST /api/v1/todos/{id}/reopen", h.reopen)
	route("POST /api/v1/todos/{id}/move", h.move)
	route("PUT /api/v1/todos/{id}/assignees", h.setAssignees)
	route("POST /api/v1/todos/{id}/assignees", h.addAssignees)
	route("DELETE /api/v1/todos/{id}/assignees/{user_id}", h.removeAssignee)
	route("PUT /api/v1/todos/{id}/due", h.setDue)
	route("DELETE /api/v1/todos/{id}/due", h.clearDue)
	route("POST /api/v1/todos/{id}/thread", h.thread)
	route("POST /api/v1/todos/{id}/comments", h.comment)

	// A todo's checklist.
	if h.svc.ChecklistsAvailable() {
		h.routeItems(route)
	}

	// The command-line tool: its list for the sidebar, its commands, and the admin's check.
	if h.svc.ToolAvailable() {
		h.routeTool(route)
	}
	// The acting user's own settings (the daily digest, the completion notice).
	if h.svc.SettingsAvailable() {
		h.routeSettings(route)
	}
	// Imports from other tools, for system admins.
	if h.importer != nil {
		h.routeImports(route)
	}

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "No such API route.")
	})
	return mux
}

// userHandler serves a request for the logged-in user; scopedHandler also gets the list the
// path names, so one handler serves a channel's list and the personal list alike.
type (
	userHandler   = func(w http.ResponseWriter, r *http.Request, user string)
	scopedHandler = func(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope)
)

// inChannel serves fn on the list of the channel in the path's {channel_id}.
func inChannel(fn scopedHandler) userHandler {
	return func(w http.ResponseWriter, r *http.Request, user string) {
		fn(w, r, user, channelScope(r))
	}
}

// inPersonal serves fn on the acting user's personal list.
func inPersonal(fn scopedHandler) userHandler {
	return func(w http.ResponseWriter, r *http.Request, user string) {
		fn(w, r, user, todo.PersonalScope(user))
	}
}

// withUser rejects requests without a logged-in user with 401.
func (h *handler) withUser(fn userHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := r.Header.Get(userHeader)
		if !todo.IsValidID(user) {
			writeError(w, http.StatusUnauthorized, "unauthorized", "You must be logged in.")
			return
		}
		fn(w, r, user)
	})
}
