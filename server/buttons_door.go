package main

import (
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/dialog"
	"github.com/channel-todo/channel-todo/server/mattermost"
)

// initButtons loads (or creates) the signing key and builds the buttons' builder and handler.
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
	p.pressHandler = &buttons.Handler{
		BotID:   p.getBotID(),
		Service: p.service,
		Posts:   mattermost.ButtonPosts{API: p.API},
		Views:   p.buttonViews(),
		Builder: p.buttons,
		Signer:  signer,
		Log:     func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
	}
	p.initDialog(signer)
	return nil
}

// withButtons routes presses to the buttons' handler, the add form's submissions to the
// form, and everything else to next.
func (p *Plugin) withButtons(next http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle(buttons.Route, p.pressHandler)
	if p.dialog != nil {
		mux.Handle(dialog.Route, withDeadline(p.dialog.Form, requestDeadline))
	}
	mux.Handle("/", next)
	return mux
}

// buttonsFor returns the buttons an answer gets (buttons.Builder.ForAnswer).
func (p *Plugin) buttonsFor(out command.Outcome, locale string, ephemeral, inThread bool) (buttons.Buttons, bool) {
	if p.buttons == nil {
		return buttons.Buttons{}, false
	}
	return p.buttons.ForAnswer(p.translations.Localizer(locale), out, locale, ephemeral, inThread)
}

// addButtons puts an answer's buttons on the post that carries it.
func (p *Plugin) addButtons(post *model.Post, out command.Outcome, locale string, ephemeral bool) {
	if b, ok := p.buttonsFor(out, locale, ephemeral, post.RootId != ""); ok {
		b.Apply(post)
	}
}

// whisperWithButtons sends a one-post answer that has buttons to one person, as an ephemeral
// post; false when the answer has none, for the caller to send it plainly.
func (p *Plugin) whisperWithButtons(userID string, reply *model.Post, out command.Outcome, locale string) bool {
	b, ok := p.buttonsFor(out, locale, true, false)
	if !ok {
		return false
	}
	post := &model.Post{UserId: p.getBotID(), ChannelId: reply.ChannelId, RootId: reply.RootId, Message: out.Text}
	b.Apply(post)
	p.API.SendEphemeralPost(userID, post)
	return true
}

// buttonViews is what cards and list pages say, in the chat door's words.
func (p *Plugin) buttonViews() buttons.ChatViews {
	return buttons.ChatViews{
		Translations:  p.translations,
		DefaultLocale: p.serverLocale,
		Directory:     func() command.Directory { return p.directory() },
		Executor:      p.executor,
		CallFor:       p.callFor,
		Zone:          p.zoneOf,
		MorningHour:   func() int { return p.getConfiguration().ReminderMorningHour },
	}
}
