package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
)

const commandTrigger = command.Trigger

// commandTimeout bounds how long one chat command waits: for the database, and for its turns
// to run the command-line tool. A tool that got its turn runs for the timeout the admin set
// (up to 10 minutes), never cut short by this bound.
const commandTimeout = 60 * time.Second

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

// slashCommand describes /todo to Mattermost, with autocomplete in the server's language
// (Mattermost keeps one autocomplete tree per command).
func (p *Plugin) slashCommand() *model.Command {
	l := p.translations.Localizer(p.serverLocale())
	desc := l.Localize(command.MsgACDesc, nil)
	hint := l.Localize(command.MsgACHint, nil)
	return &model.Command{
		Trigger:          commandTrigger,
		DisplayName:      "Channel Todo",
		Description:      desc,
		AutoComplete:     true,
		AutoCompleteDesc: desc,
		AutoCompleteHint: hint,
		AutocompleteData: command.Autocomplete(l, "/plugins/"+manifestID+command.SuggestionsPath),
	}
}

// ExecuteCommand answers /todo. The answer goes where the person looks: in the thread the
// command was typed in, as the bot's post, otherwise only to them as the command's ephemeral
// response (or, with ReplyVisibility "channel", changes to the channel's list go to the
// channel as the bot's post). An answer marked private (the tool check) is always ephemeral.
func (p *Plugin) ExecuteCommand(_ *plugin.Context, args *model.CommandArgs) (*model.CommandResponse, *model.AppError) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	ctx = mattermost.WithChannelMemo(ctx)
	call := p.callFor(args.UserId, args.ChannelId)
	call.Text = command.SlashCommandText(args.Command)
	call.RootID = args.RootId
	// `/todo` alone, outside a thread, opens the add form (phones have no autocomplete to
	// guide the grammar); `/todo list` shows the list, `/todo help` the help.
	if call.Text == "" && args.RootId == "" && p.dialog.OpenAdd(args, call.Locale) {
		return &model.CommandResponse{}, nil
	}
	out := p.executor().Execute(ctx, call)
	defer p.whisperDetail(args.UserId, args.ChannelId, args.RootId, out)

	reply := &model.Post{UserId: p.getBotID(), ChannelId: args.ChannelId, RootId: args.RootId}
	if command.Deliver(out, call, args.RootId != "", p.getConfiguration().ReplyVisibility == replyChannel) == command.ToChannel {
		p.addButtons(reply, out, call.Locale, false)
		p.postAsBot(reply, parts(out), args.UserId)
		return &model.CommandResponse{}, nil
	}
	if len(out.Parts) > 1 {
		// A response holds one post; a longer answer arrives as several, in order.
		p.whisper(args.UserId, reply, parts(out))
		return &model.CommandResponse{}, nil
	}
	// Slack-style markup stays as typed: "<!channel>" in a todo must not become @channel.
	resp := &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: out.Text, SkipSlackParsing: true}
	if b, ok := p.buttonsFor(out, call.Locale, true, false); ok && !out.Private {
		resp.Attachments, resp.Props = b.Attachments, b.Marks
	}
	return resp, nil
}

// parts is the answer as the posts that carry it (see command.SplitPost).
func parts(out command.Outcome) []string {
	if len(out.Parts) == 0 {
		return []string{out.Text}
	}
	return out.Parts
}

// callFor starts a command.Call for the actor in a channel (see mattermost.Callers).
func (p *Plugin) callFor(userID, channelID string) command.Call {
	return p.callers().CallFor(userID, channelID)
}

// callForUser is callFor for a caller who already has the user (nil when unknown).
func (p *Plugin) callForUser(userID string, user *model.User, channelID string) command.Call {
	return p.callers().CallForUser(userID, user, channelID)
}

// isBotDM reports whether channelID is a direct channel with the bot.
func (p *Plugin) isBotDM(channelID string) bool { return p.callers().IsBotDM(channelID) }

// callers starts people's command calls over the plugin API.
func (p *Plugin) callers() mattermost.Callers {
	return mattermost.Callers{API: p.API, BotID: p.getBotID(), DefaultLocale: p.serverLocale, BotDMs: &p.botDMChannels}
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

// executor builds the command executor over the current settings.
func (p *Plugin) executor() *command.Executor {
	return &command.Executor{
		Service:      p.service,
		Directory:    p.directory(),
		Translations: p.translations,
		BotUsername:  p.getConfiguration().BotUsername,
		Log:          func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
		Importer:     p.importer,
	}
}

// postAsBot posts the bot's answer where everyone in the channel sees it (mattermost.Answers).
func (p *Plugin) postAsBot(template *model.Post, parts []string, actorID string) {
	p.answers().Post(template, parts, actorID)
}

// answers posts the bot's answers over the plugin API.
func (p *Plugin) answers() mattermost.Answers {
	return mattermost.Answers{API: p.API, BotID: p.getBotID()}
}

// whisperDetail sends a system admin what the command-line tool said that the answer left out
// (it names paths on the server), to them alone.
func (p *Plugin) whisperDetail(userID, channelID, rootID string, out command.Outcome) {
	if out.Detail != "" {
		p.whisper(userID, &model.Post{ChannelId: channelID, RootId: rootID}, []string{out.Detail})
	}
}

// whisper sends the bot's answer to one person (mattermost.Answers).
func (p *Plugin) whisper(userID string, template *model.Post, parts []string) {
	p.answers().Whisper(userID, template, parts)
}

// suggestions answers Mattermost's autocomplete of todo numbers (command.Suggestions).
func (p *Plugin) suggestions() http.Handler {
	return command.Suggestions{Service: p.service, IsBotDM: p.isBotDM}
}

// directory looks up names and links for one command (see mattermost.Directory).
func (p *Plugin) directory() *mattermost.Directory {
	client := p.client
	if client == nil {
		client = pluginapi.NewClient(p.API, p.Driver)
	}
	return mattermost.NewDirectory(client, p.settings().siteURL)
}
