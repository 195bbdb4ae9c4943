package main

import (
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/todo"
)

// configuration holds the plugin's System Console settings. A value is never mutated after
// it has been stored: setConfiguration swaps in a fresh copy instead.
type configuration struct {
	BotUsername string
	// EditPolicy decides who may edit or delete other people's todos in a channel:
	// "anyone" who can post there, or "creator_and_admins".
	EditPolicy string
	// TriggerWords is a comma-separated list of words that make a message a command when it
	// starts with one of them, like an outgoing webhook's trigger words.
	TriggerWords string
	// ReplyVisibility is "ephemeral" (only the actor sees /todo answers outside threads) or
	// "channel" (changes to a channel's list are posted for everyone).
	ReplyVisibility string

	// BridgeBackend is "builtin" or "cli" (the external command-line tool).
	BridgeBackend string
	// BridgeChannels optionally limits the tool to these channels (comma-separated
	// team-name/channel-name or channel ids); empty means every list.
	BridgeChannels        string
	BridgePreset          string
	BridgeExecutable      string
	BridgeDataRoot        string
	BridgeTimeoutSeconds  int
	BridgeMaxConcurrent   int
	BridgeCustomAdd       string
	BridgeCustomDone      string
	BridgeCustomList      string
	BridgeCustomDelete    string
	BridgeCustomIDPattern string

	// ReactionAdds is "on" or "off": whether ReactionAddEmoji on a message adds it to the list.
	ReactionAdds     string
	ReactionAddEmoji string

	// RemindersEnabled and DigestsAllowed are "on" or "off"; ReminderMorningHour (1-23) is when
	// a todo due on a date without a time falls due, in each recipient's zone.
	RemindersEnabled    string
	ReminderMorningHour int
	DigestsAllowed      string
}

// Values of ReplyVisibility and BridgeBackend.
const (
	replyEphemeral = "ephemeral"
	replyChannel   = "channel"
	backendBuiltin = "builtin"
	backendCLI     = "cli"
)

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
	if c.ReplyVisibility == "" {
		c.ReplyVisibility = replyEphemeral
	}
	if c.BridgeBackend == "" {
		c.BridgeBackend = backendBuiltin
	}
	if c.BridgePreset == "" {
		c.BridgePreset = bridge.PresetTodo
	}
	if c.BridgeTimeoutSeconds == 0 {
		c.BridgeTimeoutSeconds = int(bridge.DefaultTimeout / time.Second)
	}
	if c.BridgeMaxConcurrent == 0 {
		c.BridgeMaxConcurrent = bridge.DefaultMaxConcurrent
	}
	c.setReactionDefaults()
	c.setReminderDefaults()
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
	if c.ReplyVisibility != replyEphemeral && c.ReplyVisibility != replyChannel {
		return fmt.Errorf("reply visibility %q is not valid: choose %q or %q", c.ReplyVisibility, replyEphemeral, replyChannel)
	}
	if err := c.reactionsValid(); err != nil {
		return err
	}
	if err := c.remindersValid(); err != nil {
		return err
	}
	for _, w := range c.triggerWords() {
		if strings.ContainsAny(w, " \t\n") {
			return fmt.Errorf("trigger word %q is not valid: trigger words cannot contain spaces", w)
		}
	}
	switch c.BridgeBackend {
	case backendBuiltin:
	case backendCLI:
		// The cheap checks only: the executable and data directory are checked on disk when an
		// admin saves the settings (ConfigurationWillBeSaved), not on every load.
		bc := c.bridgeConfig()
		if err := bc.IsValid(); err != nil {
			return fmt.Errorf("command-line tool settings: %w", err)
		}
	default:
		return fmt.Errorf("backend %q is not valid: choose %q or %q", c.BridgeBackend, backendBuiltin, backendCLI)
	}
	return nil
}

// triggerWords splits the TriggerWords setting, dropping empty entries.
func (c *configuration) triggerWords() []string {
	return splitList(c.TriggerWords)
}

// bridgeChannels splits the BridgeChannels setting.
func (c *configuration) bridgeChannels() []string {
	return splitList(c.BridgeChannels)
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// bridgeConfig is the part of the settings the command-line tool bridge reads.
func (c *configuration) bridgeConfig() bridge.Config {
	bc := bridge.Config{
		Preset:        c.BridgePreset,
		Executable:    strings.TrimSpace(c.BridgeExecutable),
		DataRoot:      strings.TrimSpace(c.BridgeDataRoot),
		Timeout:       time.Duration(c.BridgeTimeoutSeconds) * time.Second,
		MaxConcurrent: c.BridgeMaxConcurrent,
		Custom: bridge.CustomTemplates{
			Add:       c.BridgeCustomAdd,
			Done:      c.BridgeCustomDone,
			List:      c.BridgeCustomList,
			Delete:    c.BridgeCustomDelete,
			IDPattern: c.BridgeCustomIDPattern,
		},
	}
	bc.SetDefaults()
	return bc
}

// todoConfig is the part of the settings that the todo rules read.
func (c *configuration) todoConfig() todo.Config {
	return todo.Config{EditPolicy: todo.EditPolicy(c.EditPolicy), DigestsOff: c.DigestsAllowed != reactionsOn}
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
	// Decoded by hand rather than with LoadPluginConfiguration: a number setting may be
	// stored as text, and that must not stop the plugin.
	c, err := configurationFromSettings(p.API.GetPluginConfig())
	if err != nil {
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
	// Mattermost runs this hook on every change of its own configuration too.
	p.refreshServerSettings()
	c, err := p.loadConfiguration()
	if err != nil {
		return err
	}
	previous := p.getConfiguration()
	// The bot is (re)named only once the plugin is active; OnActivate ensures it otherwise. A
	// rename that fails keeps the old name in effect, so mentions of whoever holds the new one
	// (a person, say) stay theirs.
	var botErr error
	if p.client != nil && previous.BotUsername != c.BotUsername {
		if botErr = p.ensureBot(c.BotUsername); botErr != nil {
			p.API.LogError("Channel Todo kept its bot's name: "+botErr.Error(), "kept", previous.BotUsername)
			c.BotUsername = previous.BotUsername
		}
	}
	p.setConfiguration(c)
	if p.service != nil {
		p.service.SetConfig(c.todoConfig())
	}
	if p.reminder != nil {
		p.reminder.SetSettings(c.reminderSettings())
	}
	if err := p.refreshBridge(c); err != nil {
		return err
	}
	return botErr
}

// ConfigurationWillBeSaved rejects settings that would break the plugin before an admin saves
// them in the System Console.
func (p *Plugin) ConfigurationWillBeSaved(newCfg *model.Config) (*model.Config, error) {
	c, err := checkSettings(newCfg)
	if err == nil && c != nil && p.API != nil {
		err = p.checkBotUsername(c.BotUsername)
	}
	if err != nil {
		return nil, settingsError(err)
	}
	return nil, nil
}

// settingsError carries the reason to the admin: Mattermost passes a *model.AppError from this
// hook through unchanged, while any other error becomes a generic "error running the plugin
// hook" message. SkipTranslation keeps Mattermost from replacing the text by its translation id.
func settingsError(err error) *model.AppError {
	appErr := model.NewAppError("ConfigurationWillBeSaved", "plugin.channel_todo.invalid_settings", nil, "", http.StatusBadRequest)
	appErr.Message = "Channel Todo: " + err.Error()
	appErr.SkipTranslation = true
	return appErr
}

// checkSettings validates Channel Todo's part of a configuration about to be saved and returns
// it (nil when the configuration has no part for the plugin).
func checkSettings(newCfg *model.Config) (*configuration, error) {
	raw, ok := newCfg.PluginSettings.Plugins[manifestID]
	if !ok {
		return nil, nil
	}
	c, err := configurationFromSettings(raw)
	if err != nil {
		return nil, err
	}
	c.SetDefaults()
	if err := c.IsValid(); err != nil {
		return nil, err
	}
	if c.BridgeBackend == backendCLI {
		// Now, and not at every load, the tool and the data directory are checked on disk.
		if err := c.bridgeConfig().Validate(); err != nil {
			return nil, fmt.Errorf("command-line tool settings: %w", err)
		}
	}
	return c, nil
}

// configurationFromSettings decodes the System Console's settings map (keys are lower-cased
// there; numbers arrive as float64 or as strings).
func configurationFromSettings(raw map[string]any) (*configuration, error) {
	c := &configuration{}
	v := reflect.ValueOf(c).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		field := t.Field(i)
		value, ok := raw[strings.ToLower(field.Name)]
		if !ok || value == nil {
			continue
		}
		switch field.Type.Kind() {
		case reflect.String:
			s, ok := value.(string)
			if !ok {
				return nil, fmt.Errorf("setting %s must be text", field.Name)
			}
			v.Field(i).SetString(s)
		case reflect.Int:
			n, err := settingInt(value)
			if err != nil {
				return nil, fmt.Errorf("setting %s must be a whole number", field.Name)
			}
			v.Field(i).SetInt(n)
		}
	}
	return c, nil
}

func settingInt(value any) (int64, error) {
	switch n := value.(type) {
	case float64:
		if n != float64(int64(n)) {
			return 0, fmt.Errorf("not whole")
		}
		return int64(n), nil
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case string:
		return strconv.ParseInt(strings.TrimSpace(n), 10, 64)
	}
	return 0, fmt.Errorf("unexpected type %T", value)
}

// serverSettings is what replies need from the server's own configuration.
type serverSettings struct {
	locale  string // for people who have not chosen a language
	siteURL string // for permalinks, without a trailing slash
}

// refreshServerSettings reads the server's configuration (a copy of all of it over RPC).
// OnConfigurationChange calls it, since Mattermost runs that hook on every change of the
// server's configuration, so a command never reads the configuration itself.
func (p *Plugin) refreshServerSettings() serverSettings {
	s := serverSettings{locale: "en"}
	if cfg := p.API.GetConfig(); cfg != nil {
		if cfg.LocalizationSettings.DefaultClientLocale != nil && *cfg.LocalizationSettings.DefaultClientLocale != "" {
			s.locale = *cfg.LocalizationSettings.DefaultClientLocale
		}
		if cfg.ServiceSettings.SiteURL != nil {
			s.siteURL = strings.TrimRight(*cfg.ServiceSettings.SiteURL, "/")
		}
	}
	p.server.Store(&s)
	return s
}

// settings returns the server settings last read, reading them if none were.
func (p *Plugin) settings() serverSettings {
	if s := p.server.Load(); s != nil {
		return *s
	}
	return p.refreshServerSettings()
}

// serverLocale is the language for people who have not chosen one.
func (p *Plugin) serverLocale() string { return p.settings().locale }
