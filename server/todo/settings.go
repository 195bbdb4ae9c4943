package todo

import (
	"context"
	"time"
)

// UserSettings are a person's own settings.
type UserSettings struct {
	// DigestTime is the daily digest's local time, "HH:MM", or "" when it is off.
	DigestTime string
	// NotifyCompletion: tell them when someone else completes a todo they created.
	NotifyCompletion bool
}

// SettingsChange changes some of a person's settings; nil fields stay as they are.
type SettingsChange struct {
	DigestTime       *string
	NotifyCompletion *bool
}

// SettingsStore keeps people's own settings. Optional: without it settings are unavailable.
type SettingsStore interface {
	UserSettings(ctx context.Context, userID string) (UserSettings, error)
	SetUserSettings(ctx context.Context, userID string, s UserSettings) error
}

// Error codes of settings.
const (
	CodeInvalidDigestTime   = "invalid_digest_time"
	CodeDigestsNotAllowed   = "digests_not_allowed"
	CodeSettingsUnavailable = "settings_unavailable"
)

// DigestClock reads a digest time as people write it ("9:00", "09:00", "17:30") and gives it
// in the stored form "HH:MM"; ok is false for anything else.
func DigestClock(s string) (clock string, ok bool) {
	at, err := time.Parse("15:04", s)
	if err != nil {
		return "", false
	}
	return at.Format("15:04"), true
}

// SettingsAvailable reports whether people's own settings are kept on this server.
func (s *Service) SettingsAvailable() bool { return s != nil && s.settings != nil }

// DigestsAllowed reports whether the admin allows daily digests.
func (s *Service) DigestsAllowed() bool { return !s.Config().DigestsOff }

// Settings returns the actor's own settings.
func (s *Service) Settings(ctx context.Context, actor string) (UserSettings, error) {
	if !s.SettingsAvailable() {
		return UserSettings{}, newError(ErrNotFound, CodeSettingsUnavailable, "Personal settings are not available on this server.")
	}
	return s.settings.UserSettings(ctx, actor)
}

// ChangeSettings applies change to the actor's own settings and returns them. Nothing is saved
// unless the whole change is valid; a digest needs the admin to allow digests, turning it off
// is always allowed.
func (s *Service) ChangeSettings(ctx context.Context, actor string, change SettingsChange) (UserSettings, error) {
	current, err := s.Settings(ctx, actor)
	if err != nil {
		return UserSettings{}, err
	}
	if change.DigestTime != nil {
		current.DigestTime = ""
		if *change.DigestTime != "" {
			clock, ok := DigestClock(*change.DigestTime)
			if !ok {
				return UserSettings{}, invalid(CodeInvalidDigestTime, `The digest time must be a 24-hour time like "09:00", or "" to turn the digest off.`)
			}
			if !s.DigestsAllowed() {
				return UserSettings{}, forbidden(CodeDigestsNotAllowed, "Daily digests are turned off by the system admin.")
			}
			current.DigestTime = clock
		}
	}
	if change.NotifyCompletion != nil {
		current.NotifyCompletion = *change.NotifyCompletion
	}
	if err := s.settings.SetUserSettings(ctx, actor, current); err != nil {
		return UserSettings{}, err
	}
	return current, nil
}
