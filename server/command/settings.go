package command

import (
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// settings answers `settings …`: it shows or changes the actor's own settings, privately. The
// service owns the rules (a digest needs the admin's permission), as for the REST API.
func (r *run) settings() Outcome {
	failed := func(what string, err error) Outcome {
		r.log(what, "error", err.Error())
		return Outcome{Text: r.l.Localize(i18n.MsgReplyFailed, nil), Failed: true, Private: true}
	}
	var change todo.SettingsChange
	switch r.req.Setting {
	case "":
		prefs, err := r.e.Service.Settings(r.ctx, r.call.UserID)
		if err != nil {
			return failed("Reading settings failed", err)
		}
		return Outcome{Text: r.l.Localize(i18n.MsgSettingsShow, map[string]any{"Digest": digestOf(r.l, prefs), "Completion": onOff(r.l, prefs.NotifyCompletion)}), Private: true}
	case settingDigest:
		clock := ""
		if r.req.On {
			clock = r.req.Time
		}
		change.DigestTime = &clock
	case settingCompletion:
		on := r.req.On
		change.NotifyCompletion = &on
	}
	prefs, err := r.e.Service.ChangeSettings(r.ctx, r.call.UserID, change)
	if todo.CodeOf(err) == todo.CodeDigestsNotAllowed {
		return Outcome{Text: r.l.Localize(i18n.MsgSettingsNoDigest, nil), Failed: true, Private: true}
	}
	if err != nil {
		return failed("Saving settings failed", err)
	}
	var text string
	switch {
	case r.req.Setting == settingDigest && r.req.On:
		text = r.l.Localize(i18n.MsgSettingsDigestOn, map[string]any{"Time": prefs.DigestTime})
	case r.req.Setting == settingDigest:
		text = r.l.Localize(i18n.MsgSettingsShow, map[string]any{"Digest": digestOf(r.l, prefs), "Completion": onOff(r.l, prefs.NotifyCompletion)})
	case r.req.On:
		text = r.l.Localize(i18n.MsgSettingsCompOn, nil)
	default:
		text = r.l.Localize(i18n.MsgSettingsCompOff, nil)
	}
	return Outcome{Text: text, Changed: true, Private: true}
}

func digestOf(l i18n.Localizer, prefs todo.UserSettings) string {
	if prefs.DigestTime == "" {
		return l.Localize(i18n.MsgSettingsOff, nil)
	}
	return prefs.DigestTime
}

func onOff(l i18n.Localizer, on bool) string {
	if on {
		return "on"
	}
	return l.Localize(i18n.MsgSettingsOff, nil)
}
