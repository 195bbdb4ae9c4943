package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/chat"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/dialog"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/importer"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/remind"
	"github.com/channel-todo/channel-todo/server/store"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Plugin is Channel Todo's server part. Its hooks only parse, authorize and hand over to the
// packages that own the rules; OnActivate wires those packages together.
type Plugin struct {
	plugin.MattermostPlugin

	configurationLock sync.RWMutex
	configuration     *configuration

	client *pluginapi.Client
	// botID is the bot's user id; a rename may replace it while hooks run, so it is atomic.
	botID   atomic.Value
	service *todo.Service
	router  http.Handler
	// botDMChannels remembers, for recently seen channels, whether each is a direct channel
	// with the bot.
	botDMChannels mattermost.BotDMCache
	// translations hold the server's replies in every language (assets/i18n).
	translations *i18n.Translations

	// toolLists is the command-line tool bridge (see tools).
	toolsOnce sync.Once
	toolLists *bridge.Lists

	// server holds the server settings replies need, read once per configuration change.
	server atomic.Pointer[serverSettings]

	// buttons makes the buttons of the bot's posts; pressHandler answers their presses.
	buttons      *buttons.Builder
	pressHandler http.Handler
	// dialog opens the add and edit forms and answers their submissions.
	dialog *dialog.Door
	// reminder sends reminders and digests from reminderJob; userSettings keeps each
	// person's digest and notice choices.
	reminder     *remind.Reminder
	reminderJob  *cluster.Job
	userSettings *store.Store
	// importer brings in the official Todo plugin's todos for system admins.
	importer *importer.Importer

	// closeDB closes the database connections OnActivate opened.
	closeDB func() error

	// requests lets OnDeactivate wait for the HTTP requests being answered.
	requests requestGate
	// events publishes the live events; OnDeactivate delivers those still queued.
	events *mattermost.EventQueue
}

// eventQueueSize is how many live events may wait for the worker before a change waits for
// room: a burst of writers, not a steady state (one event is delivered in about a millisecond).
const eventQueueSize = 1024

// drainTimeout bounds how long OnDeactivate waits for requests being answered: longer than a
// request's own deadline would be pointless, and the admin disabling the plugin waits too.
const drainTimeout = 15 * time.Second

// drainQuiet is how long OnDeactivate waits after the last request arrived or left: long enough
// for a request Mattermost had already routed here to arrive and be refused, and for the last
// answers to leave, before the process is killed.
const drainQuiet = 300 * time.Millisecond

// migrationTimeout bounds how long activation waits for the schema; a cluster peer holding
// the mutex longer than this is stuck, and failing activation says so in the server log.
const migrationTimeout = 2 * time.Minute

// OnActivate ensures the bot, the schema and the slash command, then builds the service that
// every door (REST, /todo, mentions) shares.
func (p *Plugin) OnActivate() error {
	p.client = pluginapi.NewClient(p.API, p.Driver)

	if err := p.ensureBot(p.getConfiguration().BotUsername); err != nil {
		p.API.LogError("Channel Todo cannot start: "+err.Error(), "username", p.getConfiguration().BotUsername)
		return err
	}
	db, err := p.migrate()
	if err != nil {
		return err
	}
	p.closeDB = p.client.Store.Close

	// Pages, counts and "mine" may read from a replica where Mattermost has one; the
	// service sends a person's reads to the master right after their own writes.
	replica, err := p.client.Store.GetReplicaDB()
	if err != nil {
		return fmt.Errorf("opening the database replica: %w", err)
	}
	authorizer := mattermost.NewAuthorizer(p.client, store.NewChannelAccess(db))
	todoStore := store.New(db).WithReplica(replica)
	// Live events go out in the background, in order: a change's answer does not wait for them.
	p.events = mattermost.NewEventQueue(p.API, eventQueueSize)
	publisher := mattermost.NewPublisher(p.events)
	p.service = todo.NewService(todo.Deps{
		Store:       todoStore,
		Authorizer:  authorizer,
		Directory:   authorizer,
		Posts:       mattermost.NewPosts(p.client),
		Publisher:   publisher,
		Zones:       mattermost.Zones{API: p.API},
		Notifier:    directMessages{p},
		Tool:        p.tools(),
		ToolEvents:  publisher,
		Settings:    store.TodoSettings{Store: todoStore},
		Imports:     todoStore,
		Search:      todoStore,
		Threads:     p.threads(),
		Replies:     todoStore,
		Items:       todoStore,
		ThreadIndex: todoStore,
		ReplyEvents: publisher,
	}, p.getConfiguration().todoConfig())
	p.importer = importer.New(p.service, mattermost.NewImports(p.client, store.NewPluginKV(db)))

	if err := p.refreshBridge(p.getConfiguration()); err != nil {
		return err
	}
	if err := p.loadTranslations(); err != nil {
		return err
	}
	if err := p.API.RegisterCommand(chat.SlashCommand(p.translations.Localizer(p.serverLocale()), manifestID)); err != nil {
		return fmt.Errorf("registering /%s: %w", command.Trigger, err)
	}
	if err := p.initButtons(); err != nil {
		return err
	}
	if err := p.startReminders(todoStore); err != nil {
		return err
	}
	p.router = p.withButtons(newRouter(api.NewRouter(p.service, &p.client.Log, api.WithLineParser(api.ChatLines{Zone: p.zoneOf, Users: func() api.UserIDs { return p.directory() }}), api.WithImporter(p.importer)), p.suggestions()))
	return nil
}

// OnDeactivate stops what the plugin started, when it is disabled or upgraded or the server
// stops: the reminder job on this node, then the running command-line tools, killed with
// everything they started (nothing is left behind without a watchdog), then the queued live
// events are delivered and the database connections are closed.
func (p *Plugin) OnDeactivate() error {
	p.stopReminders()
	p.stopBridge()
	// Requests being answered finish before the database closes (those waiting on a tool were
	// answered when it was stopped): they may be writing, and Mattermost kills this process as
	// soon as OnDeactivate returns.
	if !p.requests.close(drainTimeout, drainQuiet) {
		p.API.LogWarn("Channel Todo stopped before every request had finished", "waited", drainTimeout.String())
	}
	// The answered changes' live events are delivered before the process goes.
	if p.events != nil && !p.events.Close(drainTimeout) {
		p.API.LogWarn("Channel Todo stopped before every live event was delivered", "waited", drainTimeout.String())
	}
	if p.closeDB != nil {
		if err := p.closeDB(); err != nil {
			p.API.LogWarn("Channel Todo could not close its database connections", "error", err.Error())
		}
		p.closeDB = nil
	}
	return nil
}

// migrate brings the plugin's tables up to date. The cluster mutex keeps two nodes of an HA
// cluster from migrating at once; the migrations are idempotent besides.
func (p *Plugin) migrate() (db dbHandle, err error) {
	db, err = p.client.Store.GetMasterDB()
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	// store.New caps the pool; migrating uses one connection at a time.
	mutex, err := cluster.NewMutex(p.API, "channel-todo-migrations")
	if err != nil {
		return nil, fmt.Errorf("creating the migration mutex: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), migrationTimeout)
	defer cancel()
	if err := mutex.LockWithContext(ctx); err != nil {
		return nil, fmt.Errorf("waiting for the migration mutex: %w", err)
	}
	defer mutex.Unlock()
	applied, err := store.Migrate(ctx, db)
	if errors.Is(err, store.ErrSchemaNewer) {
		// A downgrade: say so plainly in the server log, where the admin who installed the
		// older bundle will look; the plugin stays stopped and the data untouched.
		p.API.LogError("Channel Todo refuses to start: " + err.Error())
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("migrating the todo tables: %w", err)
	}
	if len(applied) > 0 {
		p.client.Log.Info("Applied database migrations", "versions", fmt.Sprint(applied))
	}
	return db, nil
}

// ensureBot creates the bot account, or renames it after an admin changed the setting. It
// never takes over a person's account: Mattermost's EnsureBot hands back the id of any user who
// already has the username, so the username is checked first, the answer is checked again (a
// person may have taken the name in between), and only then does the bot get its picture.
func (p *Plugin) ensureBot(username string) error {
	if err := p.checkBotUsername(username); err != nil {
		return err
	}
	botID, err := p.client.Bot.EnsureBot(&model.Bot{
		Username:    username,
		DisplayName: "Channel Todo",
		Description: "Keeps this server's todo lists. Type /todo help or mention me in a thread.",
	})
	if err != nil {
		return fmt.Errorf("ensuring the %q bot: %w", username, err)
	}
	user, appErr := p.API.GetUser(botID)
	if appErr != nil {
		return fmt.Errorf("reading the %q bot's account: %w", username, appErr)
	}
	if !user.IsBot {
		return errBotNameTaken(username)
	}
	if err := p.setBotPicture(botID); err != nil {
		return err
	}
	p.setBotID(botID)
	return nil
}

// checkBotUsername refuses a username that belongs to a person. A bot account of that name is
// fine: Mattermost lets a plugin adopt an existing bot, and the plugin's own bot has it already.
func (p *Plugin) checkBotUsername(username string) error {
	user, appErr := p.API.GetUserByUsername(username)
	if appErr != nil || user == nil || user.IsBot {
		return nil
	}
	return errBotNameTaken(username)
}

func errBotNameTaken(username string) error {
	return fmt.Errorf("bot username %q belongs to a person's account (@%s): choose another bot username, or rename that account first; the account was left untouched", username, username)
}

// setBotPicture gives the bot the plugin's icon (assets/profile.png in the bundle).
func (p *Plugin) setBotPicture(botID string) error {
	bundle, err := p.API.GetBundlePath()
	if err != nil {
		return fmt.Errorf("finding the plugin bundle: %w", err)
	}
	image, err := os.ReadFile(filepath.Join(bundle, "assets", "profile.png"))
	if err != nil {
		return fmt.Errorf("reading the bot's picture: %w", err)
	}
	if appErr := p.API.SetProfileImage(botID, image); appErr != nil {
		return fmt.Errorf("setting the bot's picture: %w", appErr)
	}
	return nil
}

// getBotID is the bot's user id, "" before activation.
func (p *Plugin) getBotID() string {
	id, _ := p.botID.Load().(string)
	return id
}

func (p *Plugin) setBotID(id string) { p.botID.Store(id) }
