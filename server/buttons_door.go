package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/dialog"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
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
		Views:   buttonViews{p},
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
	if p.dialogForm != nil {
		mux.Handle(dialog.Route, withDeadline(p.dialogForm, requestDeadline))
	}
	mux.Handle("/", next)
	return mux
}

// buttonsFor returns the buttons an answer gets: Done and Undo under an added todo, and Done
// per todo and More under a list page posted in a thread. ok is false for answers without.
func (p *Plugin) buttonsFor(out command.Outcome, locale string, ephemeral, inThread bool) (buttons.Buttons, bool) {
	// An answer long enough to take several posts gets none: they would repeat on each.
	if p.buttons == nil || out.Failed || len(out.Parts) > 1 {
		return buttons.Buttons{}, false
	}
	l := p.translations.Localizer(locale)
	switch {
	case out.Added != nil:
		return p.buttons.Card(l, *out.Added, locale, "", ephemeral), true
	case out.Listed != nil && inThread && !ephemeral:
		return p.buttons.List(l, out.Scope.ListID(), out.Listed, locale, ""), true
	}
	return buttons.Buttons{}, false
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

// buttonViews is buttons.Views: the same words and list pages the commands answer with.
type buttonViews struct{ p *Plugin }

func (v buttonViews) Localizer(locale string) i18n.Localizer {
	return v.p.translations.Localizer(locale, v.p.serverLocale())
}

func (v buttonViews) Card(ctx context.Context, l i18n.Localizer, t todo.Todo) (string, string) {
	dir := v.p.directory()
	name := command.ListName(l, t.Scope.Kind == todo.ScopePersonal, "")
	if t.Scope.Kind == todo.ScopeChannel {
		name = command.ListName(l, false, dir.ChannelName(ctx, t.Scope.ChannelID))
	}
	by := t.CompletedBy
	if t.Deleted() {
		by = t.DeletedBy
	}
	username, _ := dir.Username(ctx, by)
	// The card keeps saying what the add understood (assignees, due date, priority,
	// recurrence), as the todo has it now, in its creator's time zone as when it was added.
	var names []string
	for _, id := range t.Assignees {
		if n, ok := dir.Username(ctx, id); ok {
			names = append(names, n)
		}
	}
	details := command.DetailsText(l, names, t, time.Now().In(v.p.zoneOf(t.CreatorID)))
	return command.AddedText(l, t, name) + details, command.CardStatus(l, t, username)
}

func (v buttonViews) ListPage(ctx context.Context, actor, channelID, locale string, scope todo.Scope, state string, page int) command.Outcome {
	call := v.p.callFor(actor, channelID)
	if locale != "" {
		call.Locale = locale
	}
	if state == "" {
		state = string(command.StateOpen)
	}
	call.Text = fmt.Sprintf("list %s %d", state, max(page, 1))
	if scope.Kind == todo.ScopePersonal {
		call.Text = "my " + call.Text
	}
	return v.p.executor().Execute(mattermost.WithChannelMemo(ctx), call)
}
