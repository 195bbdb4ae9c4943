package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

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
		Poster: directMessages{p}, Clock: systemClock{}, Digests: remind.ServiceDigests{Service: p.service},
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

// directMessages hands the reminders' messages and the service's notices to remind.Writer,
// built per message over the plugin's current parts and settings.
type directMessages struct{ p *Plugin }

func (d directMessages) Send(ctx context.Context, m remind.Message) error {
	return d.p.dms().Send(ctx, m)
}

func (d directMessages) Assigned(ctx context.Context, actor string, t todo.Todo, users []string) {
	d.p.dms().Assigned(ctx, actor, t, users)
}

func (d directMessages) Completed(ctx context.Context, actor string, t todo.Todo) {
	d.p.dms().Completed(ctx, actor, t)
}

// dms writes the bot's direct messages over the plugin's current parts and settings.
func (p *Plugin) dms() remind.Writer {
	w := remind.Writer{
		Translations:  p.translations,
		Directory:     p.directory(),
		People:        p.people(),
		DirectMessage: p.directMessage,
		MorningHour:   p.getConfiguration().ReminderMorningHour,
		Log:           func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
	}
	if p.userSettings != nil {
		w.Settings = store.TodoSettings{Store: p.userSettings}
	}
	if p.buttons != nil {
		w.NoticeButtons = func(post *model.Post, l i18n.Localizer, t todo.Todo, locale string) {
			p.buttons.Notice(l, t, locale, "").Apply(post)
		}
	}
	return w
}

// directMessage posts as the bot in its direct channel with the user.
func (p *Plugin) directMessage(userID string, post *model.Post) error {
	return mattermost.DirectMessage(p.API, p.getBotID(), userID, post)
}

// zoneOf is the user's time zone, UTC when the user is unknown.
func (p *Plugin) zoneOf(userID string) *time.Location {
	return mattermost.Zones{API: p.API}.Location(userID)
}
