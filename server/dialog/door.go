package dialog

import (
	"context"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// API is the part of the plugin API the forms' door uses.
type API interface {
	OpenInteractiveDialog(dialog model.OpenDialogRequest) *model.AppError
	SendEphemeralPost(userID string, post *model.Post) *model.Post
	LogWarn(msg string, keyValuePairs ...any)
}

// Views are a card's words, the same the commands answer with (buttons.ChatViews).
type Views interface {
	Localizer(locale string) i18n.Localizer
	Card(ctx context.Context, l i18n.Localizer, t todo.Todo) (message, status string)
}

// Door opens the forms in Mattermost and tells each submitter, alone, what their submission
// did.
type Door struct {
	Form  *Form
	API   API
	BotID func() string
	Views Views
	// Buttons put Done, Undo and Edit under an added todo's card.
	Buttons *buttons.Builder
	// Timeout bounds the lookups of an answer.
	Timeout time.Duration
}

// OpenAdd opens the add form for the person who typed `/todo` alone; false when it could not
// be opened (no trigger id, or Mattermost refused), for the caller to answer as before.
func (d *Door) OpenAdd(args *model.CommandArgs, locale string) bool {
	if d == nil || args.TriggerId == "" {
		return false
	}
	if appErr := d.API.OpenInteractiveDialog(d.Form.Open(args.TriggerId, args.ChannelId, locale)); appErr != nil {
		d.API.LogWarn("Opening the add dialog failed", "user_id", args.UserId, "error", appErr.Error())
		return false
	}
	return true
}

// OpenEdit opens the edit form of t for the person who pressed Edit on its card.
func (d *Door) OpenEdit(_, triggerID, locale string, t todo.Todo) error {
	if appErr := d.API.OpenInteractiveDialog(d.Form.OpenEdit(triggerID, locale, t)); appErr != nil {
		return appErr
	}
	return nil
}

// Added tells the submitter what the form added: the same card, with Done and Undo, that
// `/todo add` answers with.
func (d *Door) Added(userID, channelID, locale string, t todo.Todo) {
	if d.Buttons == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
	defer cancel()
	l := d.Views.Localizer(locale)
	message, _ := d.Views.Card(ctx, l, t)
	post := &model.Post{UserId: d.BotID(), ChannelId: channelID, Message: message}
	post.AddProp("disable_group_highlight", true)
	d.Buttons.Card(l, t, locale, "", true).Apply(post)
	d.API.SendEphemeralPost(userID, post)
}

// Edited tells the editor what the todo is now.
func (d *Door) Edited(userID, channelID, locale string, t todo.Todo) {
	l := d.Views.Localizer(locale)
	post := &model.Post{UserId: d.BotID(), ChannelId: channelID,
		Message: command.Reply(l, i18n.MsgReplyEdited, map[string]any{"Number": t.Number, "Text": t.Text})}
	post.AddProp("disable_group_highlight", true)
	d.API.SendEphemeralPost(userID, post)
}

// Zoned is People from the card's words and people's time zones.
type Zoned struct {
	Views
	// Zone is a person's time zone.
	Zone func(userID string) *time.Location
}

// Now implements People.
func (z Zoned) Now(userID string) time.Time { return time.Now().In(z.Zone(userID)) }
