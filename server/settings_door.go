package main

import (
	"context"
	"errors"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

// settingsDoor is the acting user's settings as the REST API (and so the sidebar) reaches them:
// the same tables and rules as `/todo settings`.
type settingsDoor struct{ prefs func() command.Prefs }

var _ api.Settings = settingsDoor{}

var errSettingsUnavailable = errors.New("the settings store is not ready")

// Get implements api.Settings.
func (d settingsDoor) Get(ctx context.Context, userID string) (api.UserSettings, error) {
	prefs := d.prefs()
	if prefs == nil {
		return api.UserSettings{}, errSettingsUnavailable
	}
	p, err := prefs.Prefs(ctx, userID)
	if err != nil {
		return api.UserSettings{}, err
	}
	return api.UserSettings{DigestTime: p.DigestTime, NotifyCompletion: p.NotifyCompletion, DigestsAllowed: prefs.DigestAllowed()}, nil
}

// Set implements api.Settings. Nothing is saved unless the whole change is valid.
func (d settingsDoor) Set(ctx context.Context, userID string, change api.SettingsChange) (api.UserSettings, error) {
	prefs := d.prefs()
	if prefs == nil {
		return api.UserSettings{}, errSettingsUnavailable
	}
	p, err := prefs.Prefs(ctx, userID)
	if err != nil {
		return api.UserSettings{}, err
	}
	if change.DigestTime != nil {
		p.DigestTime = ""
		if *change.DigestTime != "" {
			clock, ok := command.DigestClock(*change.DigestTime)
			if !ok {
				return api.UserSettings{}, &todo.Error{Kind: todo.ErrInvalid, Code: "invalid_digest_time",
					Message: `The digest time must be a 24-hour time like "09:00", or "" to turn the digest off.`}
			}
			if !prefs.DigestAllowed() {
				return api.UserSettings{}, &todo.Error{Kind: todo.ErrForbidden, Code: "digests_not_allowed",
					Message: "Daily digests are turned off by the system admin."}
			}
			p.DigestTime = clock
		}
	}
	if change.NotifyCompletion != nil {
		p.NotifyCompletion = *change.NotifyCompletion
	}
	if err := prefs.SetPrefs(ctx, userID, p); err != nil {
		return api.UserSettings{}, err
	}
	return api.UserSettings{DigestTime: p.DigestTime, NotifyCompletion: p.NotifyCompletion, DigestsAllowed: prefs.DigestAllowed()}, nil
}
