package main

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
)

// Plugin is Channel Todo's server part. Its hooks only parse, authorize and hand over to the
// packages that own the rules; OnActivate wires those packages together.
type Plugin struct {
	plugin.MattermostPlugin

	configurationLock sync.RWMutex
	configuration     *configuration

	client *pluginapi.Client
	botID  string
	router http.Handler
}

// OnActivate ensures the bot and the slash command exist and builds the HTTP router.
func (p *Plugin) OnActivate() error {
	p.client = pluginapi.NewClient(p.API, p.Driver)

	if err := p.ensureBot(); err != nil {
		return err
	}
	if err := p.API.RegisterCommand(slashCommand()); err != nil {
		return fmt.Errorf("registering /%s: %w", commandTrigger, err)
	}
	p.router = newRouter()
	return nil
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
