package command

import (
	"context"
	"time"
)

// UserPrefs are a person's own settings.
type UserPrefs struct {
	// DigestTime is the daily digest's local time, "HH:MM", or "" when it is off.
	DigestTime string
	// NotifyCompletion: tell them when someone else completes a todo they created.
	NotifyCompletion bool
}

// DigestClock reads a digest time as people write it ("9:00", "09:00", "17:30") and gives it
// in the stored form "HH:MM"; ok is false for anything else. Every door uses it.
func DigestClock(s string) (clock string, ok bool) {
	at, err := time.Parse("15:04", s)
	if err != nil {
		return "", false
	}
	return at.Format("15:04"), true
}

// Prefs keeps people's own settings.
type Prefs interface {
	Prefs(ctx context.Context, userID string) (UserPrefs, error)
	SetPrefs(ctx context.Context, userID string, p UserPrefs) error
	// DigestAllowed reports whether the admin allows daily digests.
	DigestAllowed() bool
}

// settings answers `settings …`: it shows or changes the actor's own settings, privately.
func (r *run) settings() Outcome {
	if r.e.Prefs == nil {
		return Outcome{Text: r.l.Localize(MsgReplyFailed, nil), Failed: true, Private: true}
	}
	prefs, err := r.e.Prefs.Prefs(r.ctx, r.call.UserID)
	if err != nil {
		r.log("Reading settings failed", "error", err.Error())
		return Outcome{Text: r.l.Localize(MsgReplyFailed, nil), Failed: true, Private: true}
	}
	var text string
	switch r.req.Setting {
	case "":
		digest := prefs.DigestTime
		if digest == "" {
			digest = r.l.Localize(MsgSettingsOff, nil)
		}
		return Outcome{Text: r.l.Localize(MsgSettingsShow, map[string]any{"Digest": digest, "Completion": onOff(r.l, prefs.NotifyCompletion)}), Private: true}
	case settingDigest:
		if r.req.On && !r.e.Prefs.DigestAllowed() {
			return Outcome{Text: r.l.Localize(MsgSettingsNoDigest, nil), Failed: true, Private: true}
		}
		prefs.DigestTime = r.req.Time
		text = r.l.Localize(MsgSettingsDigestOn, map[string]any{"Time": r.req.Time})
		if !r.req.On {
			prefs.DigestTime = ""
			text = r.l.Localize(MsgSettingsShow, map[string]any{"Digest": r.l.Localize(MsgSettingsOff, nil), "Completion": onOff(r.l, prefs.NotifyCompletion)})
		}
	case settingCompletion:
		prefs.NotifyCompletion = r.req.On
		text = r.l.Localize(MsgSettingsCompOff, nil)
		if r.req.On {
			text = r.l.Localize(MsgSettingsCompOn, nil)
		}
	}
	if err := r.e.Prefs.SetPrefs(r.ctx, r.call.UserID, prefs); err != nil {
		r.log("Saving settings failed", "error", err.Error())
		return Outcome{Text: r.l.Localize(MsgReplyFailed, nil), Failed: true, Private: true}
	}
	return Outcome{Text: text, Changed: true, Private: true}
}

func onOff(l Localizer, on bool) string {
	if on {
		return "on"
	}
	return l.Localize(MsgSettingsOff, nil)
}
