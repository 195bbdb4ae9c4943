package main

import (
	"context"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/dialog"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// initDialog builds the add form that `/todo` alone opens; its state is signed with the
// buttons' key.
func (p *Plugin) initDialog(signer *buttons.Signer) {
	p.dialogForm = &dialog.Form{
		Service: p.service,
		People:  dialogPeople{p},
		Signer:  signer,
		URL:     "/plugins/" + manifestID + dialog.Route,
		Added:   p.dialogAdded,
		Edited:  p.dialogEdited,
		Log:     func(msg string, kv ...any) { p.API.LogWarn(msg, kv...) },
	}
	if h, ok := p.pressHandler.(*buttons.Handler); ok {
		h.Edit = p.openEditDialog
	}
}

// openEditDialog opens the edit form of t for the person who pressed Edit on its card.
func (p *Plugin) openEditDialog(userID, triggerID, locale string, t todo.Todo) error {
	if appErr := p.API.OpenInteractiveDialog(p.dialogForm.OpenEdit(triggerID, locale, t)); appErr != nil {
		return appErr
	}
	return nil
}

// dialogEdited tells the editor what the todo is now, to them alone.
func (p *Plugin) dialogEdited(userID, channelID, locale string, t todo.Todo) {
	l := dialogPeople{p}.Localizer(locale)
	post := &model.Post{UserId: p.getBotID(), ChannelId: channelID,
		Message: command.Reply(l, command.MsgReplyEdited, map[string]any{"Number": t.Number, "Text": t.Text})}
	post.AddProp("disable_group_highlight", true)
	p.API.SendEphemeralPost(userID, post)
}

// openAddDialog opens the add form for the person who typed `/todo` alone; false when it
// could not be opened (no trigger id, or Mattermost refused), for the caller to answer as before.
func (p *Plugin) openAddDialog(args *model.CommandArgs, locale string) bool {
	if p.dialogForm == nil || args.TriggerId == "" {
		return false
	}
	if appErr := p.API.OpenInteractiveDialog(p.dialogForm.Open(args.TriggerId, args.ChannelId, locale)); appErr != nil {
		p.API.LogWarn("Opening the add dialog failed", "user_id", args.UserId, "error", appErr.Error())
		return false
	}
	return true
}

// dialogAdded tells the submitter what the form added: the same card, with Done and Undo, that
// `/todo add` answers with, visible to them alone.
func (p *Plugin) dialogAdded(userID, channelID, locale string, t todo.Todo) {
	if p.buttons == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	views := p.buttonViews()
	l := views.Localizer(locale)
	message, _ := views.Card(ctx, l, t)
	post := &model.Post{UserId: p.getBotID(), ChannelId: channelID, Message: message}
	post.AddProp("disable_group_highlight", true)
	p.buttons.Card(l, t, locale, "", true).Apply(post)
	p.API.SendEphemeralPost(userID, post)
}

// dialogPeople is dialog.People over the plugin API.
type dialogPeople struct{ p *Plugin }

func (d dialogPeople) Localizer(locale string) i18n.Localizer {
	return d.p.translations.Localizer(locale, d.p.serverLocale())
}

func (d dialogPeople) Now(userID string) time.Time { return time.Now().In(d.p.zoneOf(userID)) }
