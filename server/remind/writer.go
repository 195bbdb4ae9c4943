package remind

import (
	"context"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Directory is what the bot's direct messages show of Mattermost: names and links.
type Directory interface {
	Username(ctx context.Context, userID string) (string, bool)
	ChannelName(ctx context.Context, channelID string) string
	Permalink(ctx context.Context, channelID, postID string) string
}

// PersonalSettings reads the choices people made for themselves (the completion notice).
type PersonalSettings interface {
	UserSettings(ctx context.Context, userID string) (todo.UserSettings, error)
}

// Writer writes the bot's direct messages: reminders with Done and Snooze and digests (Poster),
// and the notices of an assignment or of a completion by someone else (todo.Notifier). It is
// built per message from the plugin's current parts and settings.
type Writer struct {
	Translations *i18n.Translations
	Directory    Directory
	People       People
	// Settings is nil until the plugin has its store; no completion notice goes out before.
	Settings PersonalSettings
	// NoticeButtons puts Done and the snoozes on a reminder or notice; nil until the plugin
	// has its buttons, and no notice goes out before.
	NoticeButtons func(post *model.Post, l i18n.Localizer, t todo.Todo, locale string)
	// DirectMessage posts as the bot in its direct channel with the user.
	DirectMessage func(userID string, post *model.Post) error
	MorningHour   int
	Log           func(msg string, keyValues ...any)
}

var (
	_ Poster        = Writer{}
	_ todo.Notifier = Writer{}
)

// Send implements Poster.
func (w Writer) Send(ctx context.Context, m Message) error {
	l := w.Translations.Localizer(m.To.Locale)
	now := time.Now().In(m.To.Location)
	if m.Kind == KindDigest {
		return w.DirectMessage(m.To.ID, &model.Post{Message: w.digestText(ctx, l, *m.Digest, now)})
	}
	id := i18n.MsgRemindDue
	if m.Kind == KindOverdue {
		id = i18n.MsgRemindOverdue
	}
	due := DueText(l, *m.Todo.Due, m.To.Location, now, w.MorningHour)
	post := &model.Post{Message: command.NoticeText(l, id, m.Todo, w.listName(ctx, l, m.Todo), "", due, w.link(ctx, m.Todo))}
	if w.NoticeButtons != nil {
		w.NoticeButtons(post, l, m.Todo, m.To.Locale)
	}
	return w.DirectMessage(m.To.ID, post)
}

// DueText is how a due date reads to someone in loc: a time is shown in their own zone.
func DueText(l i18n.Localizer, d todo.Due, loc *time.Location, now time.Time, morningHour int) string {
	if d.Time == "" {
		return command.DueText(l, d.Date, "", now)
	}
	at, err := DueMoment(d, loc, morningHour)
	if err != nil {
		return command.DueText(l, d.Date, d.Time, now)
	}
	at = at.In(loc)
	return command.DueText(l, at.Format("2006-01-02"), at.Format("15:04"), now)
}

func (w Writer) listName(ctx context.Context, l i18n.Localizer, t todo.Todo) string {
	if t.Scope.Kind == todo.ScopePersonal {
		return command.ListName(l, true, "")
	}
	return command.ListName(l, false, w.Directory.ChannelName(ctx, t.Scope.ChannelID))
}

func (w Writer) link(ctx context.Context, t todo.Todo) string {
	post := t.RootID
	if post == "" {
		post = t.PostID
	}
	if post == "" {
		return ""
	}
	return w.Directory.Permalink(ctx, t.Scope.ChannelID, post)
}

// digestText renders a digest: overdue, due today, assigned, one line per todo naming its list.
func (w Writer) digestText(ctx context.Context, l i18n.Localizer, d Digest, now time.Time) string {
	section := func(heading string, todos []todo.Todo) string {
		lines := make([]string, 0, len(todos))
		for _, t := range todos {
			it := command.Item{Number: t.Number, Text: t.Text, List: w.listName(ctx, l, t)}
			if t.Due != nil {
				it.DueDate, it.DueTime = t.Due.Date, t.Due.Time
			}
			lines = append(lines, command.RenderItem(l, it, now))
		}
		return command.DigestSection(l, heading, lines)
	}
	parts := []string{l.Localize(i18n.MsgDigestTitle, nil)}
	for _, s := range []string{
		section(i18n.MsgDigestOverdue, d.Overdue),
		section(i18n.MsgDigestToday, d.DueToday),
		section(i18n.MsgDigestAssigned, d.Assigned),
	} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}

// Assigned implements todo.Notifier: a direct message to each new assignee.
func (w Writer) Assigned(ctx context.Context, actor string, t todo.Todo, users []string) {
	if w.NoticeButtons == nil || w.Translations == nil {
		return
	}
	by, _ := w.Directory.Username(ctx, actor)
	for _, userID := range users {
		person, ok := w.People.Person(ctx, userID)
		if !ok {
			continue
		}
		l := w.Translations.Localizer(person.Locale)
		post := &model.Post{Message: command.NoticeText(l, i18n.MsgNoticeAssigned, t, w.listName(ctx, l, t), by, "", w.link(ctx, t))}
		w.NoticeButtons(post, l, t, person.Locale)
		if err := w.DirectMessage(userID, post); err != nil {
			w.Log("The assignment notice could not be sent", "user_id", userID, "todo_id", t.ID, "error", err.Error())
		}
	}
}

// Completed implements todo.Notifier: a direct message to a creator who asked for it when
// someone else completes their todo.
func (w Writer) Completed(ctx context.Context, actor string, t todo.Todo) {
	if actor == t.CreatorID || w.Settings == nil || w.Translations == nil {
		return
	}
	settings, err := w.Settings.UserSettings(ctx, t.CreatorID)
	if err != nil || !settings.NotifyCompletion {
		return
	}
	person, ok := w.People.Person(ctx, t.CreatorID)
	if !ok || (t.Scope.Kind == todo.ScopeChannel && !w.People.CanRead(ctx, t.CreatorID, t.Scope.ChannelID)) {
		return
	}
	by, _ := w.Directory.Username(ctx, actor)
	l := w.Translations.Localizer(person.Locale)
	post := &model.Post{Message: command.NoticeText(l, i18n.MsgNoticeCompleted, t, w.listName(ctx, l, t), by, "", w.link(ctx, t))}
	if err := w.DirectMessage(t.CreatorID, post); err != nil {
		w.Log("The completion notice could not be sent", "user_id", t.CreatorID, "todo_id", t.ID, "error", err.Error())
	}
}
