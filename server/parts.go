package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/remind"
	"github.com/channel-todo/channel-todo/server/store"
	"github.com/channel-todo/channel-todo/server/todo"
)

// The parts the doors share, built over the plugin API and the plugin's current settings.

// callers starts people's command calls (mattermost.Callers).
func (p *Plugin) callers() mattermost.Callers {
	return mattermost.Callers{API: p.API, BotID: p.getBotID(), DefaultLocale: p.serverLocale, BotDMs: &p.botDMChannels}
}

// answers posts the bot's answers (mattermost.Answers).
func (p *Plugin) answers() mattermost.Answers {
	return mattermost.Answers{API: p.API, BotID: p.getBotID()}
}

// threads keeps todos' comments in threads (mattermost.Threads).
func (p *Plugin) threads() mattermost.Threads {
	return mattermost.Threads{API: p.API, BotID: p.getBotID}
}

// directory looks up names and links for one command (mattermost.Directory).
func (p *Plugin) directory() *mattermost.Directory {
	client := p.client
	if client == nil {
		client = pluginapi.NewClient(p.API, p.Driver)
	}
	return mattermost.NewDirectory(client, p.settings().siteURL)
}

// people are the people reminders and notices go to, as the plugin API and the service see them.
func (p *Plugin) people() mattermost.RemindPeople {
	return mattermost.RemindPeople{ServiceAccess: remind.ServiceAccess{Service: p.service}, API: p.API, DefaultLocale: p.serverLocale}
}

// zoneOf is the user's time zone, UTC when the user is unknown.
func (p *Plugin) zoneOf(userID string) *time.Location {
	return mattermost.Zones{API: p.API}.Location(userID)
}

// loadTranslations reads assets/i18n from the plugin bundle.
func (p *Plugin) loadTranslations() error {
	bundle, err := p.API.GetBundlePath()
	if err != nil {
		return fmt.Errorf("finding the plugin bundle: %w", err)
	}
	tr, err := i18n.LoadTranslations(os.DirFS(filepath.Join(bundle, "assets", "i18n")))
	if err != nil {
		return fmt.Errorf("loading translations: %w", err)
	}
	p.translations = tr
	return nil
}

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

// dms writes the bot's direct messages (remind.Writer).
func (p *Plugin) dms() remind.Writer {
	w := remind.Writer{
		Translations: p.translations,
		Directory:    p.directory(),
		People:       p.people(),
		DirectMessage: func(userID string, post *model.Post) error {
			return mattermost.DirectMessage(p.API, p.getBotID(), userID, post)
		},
		MorningHour: p.getConfiguration().ReminderMorningHour,
		Log:         func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
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

// stopReminders stops the reminder job on this node (OnDeactivate).
func (p *Plugin) stopReminders() {
	if p.reminderJob != nil {
		_ = p.reminderJob.Close()
	}
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// tools is the command-line tool bridge: which lists it keeps and the runner that runs it. The
// service reaches it as todo.Tool; the hooks only hand it each version of the settings. It is
// made on first use, since Mattermost may change the configuration before activation.
func (p *Plugin) tools() *bridge.Lists {
	p.toolsOnce.Do(func() {
		p.toolLists = bridge.NewLists(mattermost.ClusterListLock{API: p.API})
	})
	return p.toolLists
}

// refreshBridge hands the tool the settings in c: which lists it keeps (none while the
// built-in store is the backend) and how it runs. It calls the plugin API, so it must not run
// under the configuration lock.
func (p *Plugin) refreshBridge(c *configuration) error {
	if c.BridgeBackend != backendCLI {
		p.tools().Off(c.bridgeConfig())
		return nil
	}
	channels, unknown := mattermost.ResolveBridgeChannels(p.API, c.bridgeChannels())
	for _, entry := range unknown {
		p.API.LogWarn("Channel Todo: a channel listed for the command-line tool does not exist; its list stays in the built-in store",
			"entry", entry)
	}
	if err := p.tools().Serve(c.bridgeConfig(), len(c.bridgeChannels()) == 0, channels); err != nil {
		return fmt.Errorf("command-line tool settings: %w", err)
	}
	return nil
}

// stopBridge stops the command-line tool for good: every running tool is killed with its
// process group, and it returns once their commands have answered.
func (p *Plugin) stopBridge() {
	p.tools().Stop()
}
