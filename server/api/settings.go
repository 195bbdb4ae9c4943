package api

import (
	"context"
	"net/http"
)

// Settings are the acting user's own settings as the REST API reaches them. The same rules
// apply as to `/todo settings`; Set returns errors wrapping todo.ErrInvalid or
// todo.ErrForbidden for bad values and for what the admin does not allow.
type Settings interface {
	Get(ctx context.Context, userID string) (UserSettings, error)
	// Set applies change (nil fields stay as they are) and returns the settings after it.
	Set(ctx context.Context, userID string, change SettingsChange) (UserSettings, error)
}

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

// WithSettings serves the acting user's settings.
func WithSettings(s Settings) Option {
	return func(h *handler) { h.settings = s }
}

func (h *handler) routeSettings(route func(string, userHandler)) {
	route("GET /api/v1/users/me/settings", h.getSettings)
	route("PUT /api/v1/users/me/settings", h.putSettings)
}

func (h *handler) getSettings(w http.ResponseWriter, r *http.Request, user string) {
	s, err := h.settings.Get(r.Context(), user)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

func (h *handler) putSettings(w http.ResponseWriter, r *http.Request, user string) {
	var change SettingsChange
	if !decode(w, r, &change) {
		return
	}
	s, err := h.settings.Set(r.Context(), user, change)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}
