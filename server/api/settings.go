package api

import (
	"net/http"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/todo"
)

// UserSettings is the body of GET and PUT /users/me/settings.
type UserSettings struct {
	// DigestTime is the daily digest's local time, "HH:MM", or "" when it is off.
	DigestTime string `json:"digest_time"`
	// NotifyCompletion: tell the user when someone else completes a todo they created.
	NotifyCompletion bool `json:"notify_completion"`
	// DigestsAllowed reports whether the admin allows daily digests (read-only).
	DigestsAllowed bool `json:"digests_allowed"`
}

// SettingsChange is the request body of PUT /users/me/settings.
type SettingsChange struct {
	DigestTime       *string `json:"digest_time"`
	NotifyCompletion *bool   `json:"notify_completion"`
}

func (h *handler) routeSettings(route func(string, userHandler)) {
	route("GET /api/v1/users/me/settings", h.getSettings)
	route("PUT /api/v1/users/me/settings", h.putSettings)
}

func (h *handler) getSettings(w http.ResponseWriter, r *http.Request, user string) {
	s, err := h.svc.Settings(r.Context(), user)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeSettings(w, s)
}

func (h *handler) putSettings(w http.ResponseWriter, r *http.Request, user string) {
	var change SettingsChange
	if !decode(w, r, &change) {
		return
	}
	s, err := h.svc.ChangeSettings(r.Context(), user, todo.SettingsChange{DigestTime: change.DigestTime, NotifyCompletion: change.NotifyCompletion})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeSettings(w, s)
}

func (h *handler) writeSettings(w http.ResponseWriter, s todo.UserSettings) {
	httpjson.Write(w, http.StatusOK, UserSettings{DigestTime: s.DigestTime, NotifyCompletion: s.NotifyCompletion, DigestsAllowed: h.svc.DigestsAllowed()})
}
