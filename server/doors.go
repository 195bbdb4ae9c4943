package main

import (
	"net/http"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/chat"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/dialog"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/reactions"
	"github.com/channel-todo/channel-todo/server/replies"
)

// commandTimeout bounds how long one chat command waits: for the database, and for its turns
// to run the command-line tool. A tool that got its turn runs for the timeout the admin set
// (up to 10 minutes), never cut short by this bound.
const commandTimeout = 60 * time.Second

// chat is the chat door (/todo, mentions, trigger words) over the plugin's current parts and
// settings.
func (p *Plugin) chat() chat.Door {
	cfg := p.getConfiguration()
	return chat.Door{
		API:            p.API,
		Service:        p.service,
		Translations:   p.translations,
		Executor:       p.executor,
		Callers:        p.callers(),
		Answers:        p.answers(),
		Threads:        p.threads(),
		Buttons:        p.buttons,
		Dialog:         p.dialog,
		BotID:          p.getBotID(),
		BotUsername:    cfg.BotUsername,
		TriggerWords:   cfg.triggerWords(),
		ReplyInChannel: cfg.ReplyVisibility == replyChannel,
		Timeout:        commandTimeout,
	}
}

// replyDoor tells of replies in todos' threads (server/replies).
func (p *Plugin) replyDoor() replies.Door {
	var svc replies.Service
	if p.service != nil {
		svc = p.service
	}
	return replies.Door{Service: svc, Timeout: commandTimeout, Log: func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) }}
}

// reactionDoor is the reaction door over the plugin's current parts and settings.
func (p *Plugin) reactionDoor() reactions.Door {
	var kv *pluginapi.KVService
	if p.client != nil {
		kv = &p.client.KV
	}
	botID := p.getBotID()
	answers := p.answers()
	return reactions.Door{
		API:          p.API,
		KV:           kv,
		Service:      p.service,
		Builder:      p.buttons,
		Views:        p.buttonViews(),
		Translations: p.translations,
		BotID:        botID,
		AddEmoji:     p.getConfiguration().addEmoji(),
		Timeout:      commandTimeout,
		CallFor:      p.callers().CallForUser,
		IsPersonPost: func(post *model.Post) bool { return mattermost.IsPersonPost(post, botID) },
		PostAsBot:    answers.Post,
		Whisper:      answers.Whisper,
	}
}

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

// suggestions answers Mattermost's autocomplete of todo numbers (command.Suggestions).
func (p *Plugin) suggestions() http.Handler {
	return command.Suggestions{Service: p.service, IsBotDM: func(channelID string) bool { return p.callers().IsBotDM(channelID) }}
}

// initButtons loads (or creates) the signing key and builds the buttons' builder and handler,
// and the forms whose state the same key signs.
func (p *Plugin) initButtons() error {
	key, err := mattermost.ButtonKey(&p.client.KV)
	if err != nil {
		return err
	}
	signer, err := buttons.NewSigner(key)
	if err != nil {
		return err
	}
	p.buttons = buttons.NewBuilder(signer, manifestID)
	press := &buttons.Handler{
		BotID:   p.getBotID(),
		Service: p.service,
		Posts:   mattermost.ButtonPosts{API: p.API},
		Views:   p.buttonViews(),
		Builder: p.buttons,
		Signer:  signer,
		Log:     func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
	}
	p.pressHandler = press
	views := p.buttonViews()
	door := &dialog.Door{API: p.API, BotID: p.getBotID, Views: views, Buttons: p.buttons, Timeout: commandTimeout}
	door.Form = &dialog.Form{
		Service: p.service,
		People:  dialog.Zoned{Views: views, Zone: p.zoneOf},
		Signer:  signer,
		URL:     "/plugins/" + manifestID + dialog.Route,
		Added:   door.Added,
		Edited:  door.Edited,
		Log:     func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
	}
	p.dialog = door
	press.Edit = door.OpenEdit
	return nil
}

// withButtons routes presses to the buttons' handler, the forms' submissions to the forms, and
// everything else to next.
func (p *Plugin) withButtons(next http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle(buttons.Route, p.pressHandler)
	if p.dialog != nil {
		mux.Handle(dialog.Route, withDeadline(p.dialog.Form, requestDeadline))
	}
	mux.Handle("/", next)
	return mux
}

// buttonViews is what cards and list pages say, in the chat door's words.
func (p *Plugin) buttonViews() buttons.ChatViews {
	return buttons.ChatViews{
		Translations:  p.translations,
		DefaultLocale: p.serverLocale,
		Directory:     func() command.Directory { return p.directory() },
		Executor:      p.executor,
		CallFor:       func(userID, channelID string) command.Call { return p.callers().CallFor(userID, channelID) },
		Zone:          p.zoneOf,
		MorningHour:   func() int { return p.getConfiguration().ReminderMorningHour },
	}
}
