package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/remind"
	"github.com/channel-todo/channel-todo/server/store"
	"github.com/channel-todo/channel-todo/server/todo"
)

// defaultReminderTick is how often the reminder job looks for what is due. The environment
// variable CHANNEL_TODO_REMINDER_TICK (a Go duration such as "2s") changes it, for tests.
const defaultReminderTick = time.Minute

// reminderTimeout bounds one round of reminders.
const reminderTimeout = 5 * time.Minute

func reminderTick() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("CHANNEL_TODO_REMINDER_TICK")); err == nil && d >= 100*time.Millisecond {
		return d
	}
	return defaultReminderTick
}

// startReminders builds the reminders over the store and schedules them on one node of the
// cluster at a time.
func (p *Plugin) startReminders(st *store.Store) error {
	p.userSettings = st
	p.reminder = remind.New(remind.Deps{
		Store: st, People: p.people(),
		Poster: remindPoster{p}, Clock: systemClock{}, Digests: remind.ServiceDigests{Service: p.service},
		Log: func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
	}, p.getConfiguration().reminderSettings())
	job, err := cluster.Schedule(p.API, "channel-todo-reminders", cluster.MakeWaitForInterval(reminderTick()), func() {
		ctx, cancel := context.WithTimeout(context.Background(), reminderTimeout)
		defer cancel()
		if err := p.reminder.Tick(ctx); err != nil {
			p.API.LogWarn("A round of reminders failed", "error", err.Error())
		}
	})
	if err != nil {
		return fmt.Errorf("scheduling reminders: %w", err)
	}
	p.reminderJob = job
	return nil
}

// people are the people reminders and notices go to, as the plugin API and the service see them.
func (p *Plugin) people() mattermost.RemindPeople {
	return mattermost.RemindPeople{ServiceAccess: remind.ServiceAccess{Service: p.service}, API: p.API, DefaultLocale: p.serverLocale}
}

// stopReminders stops the reminder job on this node (OnDeactivate).
func (p *Plugin) stopReminders() {
	if p.reminderJob != nil {
		_ = p.reminderJob.Close()
	}
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// remindPoster writes the bot's direct messages: reminders with Done and Snooze, digests.
type remindPoster struct{ p *Plugin }

func (r remindPoster) Send(ctx context.Context, m remind.Message) error {
	l := r.p.translations.Localizer(m.To.Locale)
	now := time.Now().In(m.To.Location)
	dir := r.p.directory()
	if m.Kind == remind.KindDigest {
		return r.p.directMessage(m.To.ID, &model.Post{Message: digestText(ctx, l, dir, *m.Digest, now)})
	}
	id := command.MsgRemindDue
	if m.Kind == remind.KindOverdue {
		id = command.MsgRemindOverdue
	}
	due := r.p.dueFor(l, *m.Todo.Due, m.To.Location, now)
	post := &model.Post{Message: command.NoticeText(l, id, m.Todo, listNameOf(ctx, l, dir, m.Todo), "", due, linkOf(ctx, dir, m.Todo))}
	r.p.buttons.Notice(l, m.Todo, m.To.Locale, "").Apply(post)
	return r.p.directMessage(m.To.ID, post)
}

// directMessage posts as the bot in its direct channel with the user.
func (p *Plugin) directMessage(userID string, post *model.Post) error {
	return mattermost.DirectMessage(p.API, p.getBotID(), userID, post)
}

// dueFor is how a due date reads to someone in loc: a time is shown in their own zone.
func (p *Plugin) dueFor(l i18n.Localizer, d todo.Due, loc *time.Location, now time.Time) string {
	if d.Time == "" {
		return command.DueText(l, d.Date, "", now)
	}
	at, err := remind.DueMoment(d, loc, p.getConfiguration().ReminderMorningHour)
	if err != nil {
		return command.DueText(l, d.Date, d.Time, now)
	}
	at = at.In(loc)
	return command.DueText(l, at.Format("2006-01-02"), at.Format("15:04"), now)
}

func listNameOf(ctx context.Context, l i18n.Localizer, dir *mattermost.Directory, t todo.Todo) string {
	if t.Scope.Kind == todo.ScopePersonal {
		return command.ListName(l, true, "")
	}
	return command.ListName(l, false, dir.ChannelName(ctx, t.Scope.ChannelID))
}

func linkOf(ctx context.Context, dir *mattermost.Directory, t todo.Todo) string {
	post := t.RootID
	if post == "" {
		post = t.PostID
	}
	if post == "" {
		return ""
	}
	return dir.Permalink(ctx, t.Scope.ChannelID, post)
}

// digestText renders a digest: overdue, due today, assigned, one line per todo naming its list.
func digestText(ctx context.Context, l i18n.Localizer, dir *mattermost.Directory, d remind.Digest, now time.Time) string {
	section := func(heading string, todos []todo.Todo) string {
		lines := make([]string, 0, len(todos))
		for _, t := range todos {
			it := command.Item{Number: t.Number, Text: t.Text, List: listNameOf(ctx, l, dir, t)}
			if t.Due != nil {
				it.DueDate, it.DueTime = t.Due.Date, t.Due.Time
			}
			lines = append(lines, command.RenderItem(l, it, now))
		}
		return command.DigestSection(l, heading, lines)
	}
	parts := []string{l.Localize(command.MsgDigestTitle, nil)}
	for _, s := range []string{
		section(command.MsgDigestOverdue, d.Overdue),
		section(command.MsgDigestToday, d.DueToday),
		section(command.MsgDigestAssigned, d.Assigned),
	} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}

// Snoozed implements buttons.Views.
func (v buttonViews) Snoozed(_ context.Context, userID string, tomorrow bool) todo.Due {
	loc := v.p.zoneOf(userID)
	if tomorrow {
		return remind.SnoozeTomorrow(time.Now(), loc, v.p.getConfiguration().ReminderMorningHour)
	}
	return remind.SnoozeHour(time.Now(), loc)
}

// SnoozeStatus implements buttons.Views.
func (v buttonViews) SnoozeStatus(_ context.Context, l i18n.Localizer, userID string, t todo.Todo) string {
	if t.Due == nil {
		return ""
	}
	loc := v.p.zoneOf(userID)
	due := v.p.dueFor(l, *t.Due, loc, time.Now().In(loc))
	return command.Reply(l, command.MsgCardSnoozed, map[string]any{"Number": t.Number, "Due": due})
}

// zoneOf is the user's time zone, UTC when the user is unknown.
func (p *Plugin) zoneOf(userID string) *time.Location {
	return mattermost.Zones{API: p.API}.Location(userID)
}

// notices is todo.Notifier: a direct message to each new assignee, and to a creator who asked
// for it when someone else completes their todo.
type notices struct{ p *Plugin }

func (n notices) Assigned(ctx context.Context, actor string, t todo.Todo, users []string) {
	if n.p.buttons == nil || n.p.translations == nil {
		return
	}
	dir := n.p.directory()
	by, _ := dir.Username(ctx, actor)
	for _, userID := range users {
		person, ok := n.p.people().Person(ctx, userID)
		if !ok {
			continue
		}
		l := n.p.translations.Localizer(person.Locale)
		post := &model.Post{Message: command.NoticeText(l, command.MsgNoticeAssigned, t, listNameOf(ctx, l, dir, t), by, "", linkOf(ctx, dir, t))}
		n.p.buttons.Notice(l, t, person.Locale, "").Apply(post)
		if err := n.p.directMessage(userID, post); err != nil {
			n.p.API.LogWarn("The assignment notice could not be sent", "user_id", userID, "todo_id", t.ID, "error", err.Error())
		}
	}
}

func (n notices) Completed(ctx context.Context, actor string, t todo.Todo) {
	if actor == t.CreatorID || n.p.userSettings == nil || n.p.translations == nil {
		return
	}
	settings, err := n.p.userSettings.UserSettings(ctx, t.CreatorID)
	if err != nil || !settings.NotifyCompletion {
		return
	}
	person, ok := n.p.people().Person(ctx, t.CreatorID)
	if !ok || (t.Scope.Kind == todo.ScopeChannel && !n.p.people().CanRead(ctx, t.CreatorID, t.Scope.ChannelID)) {
		return
	}
	dir := n.p.directory()
	by, _ := dir.Username(ctx, actor)
	l := n.p.translations.Localizer(person.Locale)
	post := &model.Post{Message: command.NoticeText(l, command.MsgNoticeCompleted, t, listNameOf(ctx, l, dir, t), by, "", linkOf(ctx, dir, t))}
	if err := n.p.directMessage(t.CreatorID, post); err != nil {
		n.p.API.LogWarn("The completion notice could not be sent", "user_id", t.CreatorID, "todo_id", t.ID, "error", err.Error())
	}
}
