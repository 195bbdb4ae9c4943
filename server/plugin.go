package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/store"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Plugin is Channel Todo's server part. Its hooks only parse, authorize and hand over to the
// packages that own the rules; OnActivate wires those packages together.
type Plugin struct {
	plugin.MattermostPlugin

	configurationLock sync.RWMutex
	configuration     *configuration

	client  *pluginapi.Client
	botID   string
	service *todo.Service
	router  http.Handler
	// botDMChannels remembers, per channel id, whether it is a direct channel with the bot.
	botDMChannels sync.Map
	// translations hold the server's replies in every language (assets/i18n).
	translations *command.Translations

	// bridgeDoor says which lists the command-line tool keeps; refreshBridge swaps it.
	bridgeDoor atomic.Pointer[bridgeDoor]
	// bridgeLock guards bridgeRunner, the last runner built, whose per-list turns the next
	// one shares. The plugin API is never called while holding it.
	bridgeLock   sync.Mutex
	bridgeRunner *bridge.Runner

	// server holds the server settings replies need, read once per configuration change.
	server atomic.Pointer[serverSettings]
}

// migrationTimeout bounds how long activation waits for the schema; a cluster peer holding
// the mutex longer than this is stuck, and failing activation says so in the server log.
const migrationTimeout = 2 * time.Minute

// OnActivate ensures the bot, the schema and the slash command, then builds the service that
// every door (REST, /todo, mentions) shares.
func (p *Plugin) OnActivate() error {
	p.client = pluginapi.NewClient(p.API, p.Driver)

	if err := p.ensureBot(); err != nil {
		return err
	}
	db, err := p.migrate()
	if err != nil {
		return err
	}

	// Pages, counts and "mine" may read from a replica where Mattermost has one; the
	// service sends a person's reads to the master right after their own writes.
	replica, err := p.client.Store.GetReplicaDB()
	if err != nil {
		return fmt.Errorf("opening the database replica: %w", err)
	}
	authorizer := mattermost.NewAuthorizer(p.client, store.NewChannelAccess(db))
	p.service = todo.NewService(todo.Deps{
		Store:      store.New(db).WithReplica(replica),
		Authorizer: authorizer,
		Directory:  authorizer,
		Publisher:  mattermost.NewPublisher(p.API),
	}, p.getConfiguration().todoConfig())

	if err := p.refreshBridge(p.getConfiguration()); err != nil {
		return err
	}
	if err := p.loadTranslations(); err != nil {
		return err
	}
	if err := p.API.RegisterCommand(p.slashCommand()); err != nil {
		return fmt.Errorf("registering /%s: %w", commandTrigger, err)
	}
	p.router = newRouter(api.NewRouter(p.service, &p.client.Log, api.WithTool(toolDoor{p})), http.HandlerFunc(p.serveSuggestions))
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
	if err != nil {
		return nil, fmt.Errorf("migrating the todo tables: %w", err)
	}
	if len(applied) > 0 {
		p.client.Log.Info("Applied database migrations", "versions", fmt.Sprint(applied))
	}
	return db, nil
}

// ensureBot creates the bot account, or renames it after an admin changed the setting.
func (p *Plugin) ensureBot() error {
	cfg := p.getConfiguration()
	botID, err := p.client.Bot.EnsureBot(&model.Bot{
		Username:    cfg.BotUsername,
		DisplayName: "Channel Todo",
		Description: "Keeps this server's todo lists. Type /todo help or mention me in a thread.",
	}, pluginapi.ProfileImagePath("assets/profile.png"))
	if err != nil {
		return fmt.Errorf("ensuring the %q bot: %w", cfg.BotUsername, err)
	}
	p.botID = botID
	return nil
}

// ServeHTTP answers requests under /plugins/channel-todo.
func (p *Plugin) ServeHTTP(_ *plugin.Context, w http.ResponseWriter, r *http.Request) {
	p.router.ServeHTTP(w, r)
}
