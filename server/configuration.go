package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/todo"
)

// configuration holds the plugin's System Console settings. A value is never mutated after
// it has been stored: setConfiguration swaps in a fresh copy instead.
type configuration struct {
	BotUsername string
	// EditPolicy decides who may edit or delete other people's todos in a channel:
	// "anyone" who can post there, or "creator_and_admins".
	EditPolicy string
}

// botUsernamePattern mirrors what Mattermost accepts for usernames, in the length a bot
// username may have.
var botUsernamePattern = regexp.MustCompile(`^[a-z][a-z0-9._-]{2,21}$`)

// SetDefaults fills settings an admin left empty.
func (c *configuration) SetDefaults() {
	c.BotUsername = strings.ToLower(strings.TrimSpace(c.BotUsername))
	if c.BotUsername == "" {
		c.BotUsername = "todo"
	}
	if c.EditPolicy == "" {
		c.EditPolicy = string(todo.EditAnyone)
	}
}

// IsValid reports the first setting an admin must fix, in words an admin understands.
func (c *configuration) IsValid() error {
	if !botUsernamePattern.MatchString(c.BotUsername) {
		return fmt.Errorf("bot username %q is not valid: use 3 to 22 lower-case letters, digits, '.', '-' or '_', starting with a letter", c.BotUsername)
	}
	switch todo.EditPolicy(c.EditPolicy) {
	case todo.EditAnyone, todo.EditCreatorAndAdmins:
	default:
		return fmt.Errorf("edit policy %q is not valid: choose %q or %q", c.EditPolicy, todo.EditAnyone, todo.EditCreatorAndAdmins)
	}
	return nil
}

// todoConfig is the part of the settings that the todo rules read.
func (c *configuration) todoConfig() todo.Config {
	return todo.Config{EditPolicy: todo.EditPolicy(c.EditPolicy)}
}

// Clone returns a deep copy, so a caller may change it without racing readers.
func (c *configuration) Clone() *configuration {
	clone := *c
	return &clone
}

// getConfiguration returns the active configuration. Callers must treat it as read-only.
func (p *Plugin) getConfiguration() *configuration {
	p.configurationLock.RLock()
	defer p.configurationLock.RUnlock()
	if p.configuration == nil {
		c := &configuration{}
		c.SetDefaults()
		return c
	}
	return p.configuration
}

// setConfiguration replaces the active configuration. Storing the same pointer twice would mean
// someone mutated a shared value, which is a bug worth failing loudly on.
func (p *Plugin) setConfiguration(c *configuration) {
	p.configurationLock.Lock()
	defer p.configurationLock.Unlock()
	if c != nil && p.configuration == c {
		panic("setConfiguration called with the configuration already in use")
	}
	p.configuration = c
}

// loadConfiguration reads, defaults and validates the stored settings.
func (p *Plugin) loadConfiguration() (*configuration, error) {
	c := &configuration{}
	if err := p.API.LoadPluginConfiguration(c); err != nil {
		return nil, fmt.Errorf("loading plugin configuration: %w", err)
	}
	c.SetDefaults()
	if err := c.IsValid(); err != nil {
		return nil, err
	}
	return c, nil
}

// OnConfigurationChange is called by Mattermost whenever the settings change, and once before
// OnActivate.
func (p *Plugin) OnConfigurationChange() error {
	c, err := p.loadConfiguration()
	if err != nil {
		return err
	}
	previous := p.getConfiguration()
	p.setConfiguration(c)
	if p.service != nil {
		p.service.SetConfig(c.todoConfig())
	}
	// The bot is (re)named only once the plugin is active; OnActivate ensures it otherwise.
	if p.client != nil && previous.BotUsername != c.BotUsername {
		if err := p.ensureBot(); err != nil {
			return err
		}
	}
	return nil
}

// ConfigurationWillBeSaved rejects settings that would break the plugin before an admin saves
// them in the System Console.
func (p *Plugin) ConfigurationWillBeSaved(newCfg *model.Config) (*model.Config, error) {
	raw, ok := newCfg.PluginSettings.Plugins[manifestID]
	if !ok {
		return nil, nil
	}
	c := &configuration{}
	if v, ok := raw["botusername"].(string); ok {
		c.BotUsername = v
	}
	if v, ok := raw["editpolicy"].(string); ok {
		c.EditPolicy = v
	}
	c.SetDefaults()
	if err := c.IsValid(); err != nil {
		return nil, err
	}
	return nil, nil
}
