package buttons

import (
	"strconv"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Route is where Mattermost sends presses, below the plugin's HTTP root.
const Route = "/api/v1/actions/press"

// Props that mark the bot's posts that carry buttons. Only the bot can set them on its own
// posts, so a press and a reaction can trust them once they know the post is the bot's.
const (
	PropTodoID = "channel_todo_todo_id"
	PropListID = "channel_todo_list_id"
	PropView   = "channel_todo_view"
	// PropLocale is the language the post was written in, so a reaction's update keeps it.
	PropLocale = "channel_todo_locale"
)

// Builder makes the buttons of the bot's posts.
type Builder struct {
	signer *Signer
	url    string
}

// NewBuilder returns a Builder whose buttons call the plugin pluginID.
func NewBuilder(signer *Signer, pluginID string) *Builder {
	return &Builder{signer: signer, url: "/plugins/" + pluginID + Route}
}

// Buttons are the attachments and marks a post with buttons carries.
type Buttons struct {
	Attachments []*model.SlackAttachment
	Marks       map[string]any
}

// Apply puts the buttons on a post (replacing any attachments it had).
func (b Buttons) Apply(post *model.Post) {
	for k, v := range b.Marks {
		post.AddProp(k, v)
	}
	model.ParseSlackAttachment(post, b.Attachments)
}

func (b *Builder) button(id, label, style string, p Press) *model.PostAction {
	return &model.PostAction{
		Id: id, Name: label, Type: model.PostActionTypeButton, Style: style,
		Integration: &model.PostActionIntegration{URL: b.url, Context: b.signer.Context(p)},
	}
}

// Card is the buttons of a todo's card (the answer to an add) for the todo as it is now: Done,
// Undo and Edit while it is open, Reopen once done, Restore once deleted. status is the line shown
// above them ("" for none).
func (b *Builder) Card(l i18n.Localizer, t todo.Todo, locale, status string, ephemeral bool) Buttons {
	press := func(action string) Press {
		return Press{Action: action, View: ViewCard, TodoID: t.ID, Number: t.Number, ListID: t.ListID, Locale: locale, Ephemeral: ephemeral}
	}
	var actions []*model.PostAction
	switch {
	case t.Deleted():
		actions = append(actions, b.button(ActionRestore, l.Localize(i18n.MsgButtonRestore, nil), "default", press(ActionRestore)))
	case t.State == todo.StateDone:
		actions = append(actions, b.button(ActionReopen, l.Localize(i18n.MsgButtonReopen, nil), "default", press(ActionReopen)))
	default:
		actions = append(actions,
			b.button(ActionDone, l.Localize(i18n.MsgButtonDone, nil), "primary", press(ActionDone)),
			b.button(ActionUndo, l.Localize(i18n.MsgButtonUndo, nil), "default", press(ActionUndo)),
			b.button(ActionEdit, l.Localize(i18n.MsgButtonEdit, nil), "default", press(ActionEdit)))
	}
	return Buttons{
		Attachments: []*model.SlackAttachment{{Text: status, Actions: actions}},
		Marks:       map[string]any{PropView: ViewCard, PropTodoID: t.ID, PropListID: t.ListID, PropLocale: locale},
	}
}

// List is the buttons of a page of a list answered in a thread: Done for each open todo shown,
// and More when a next page exists. status says what the last press did ("" for nothing).
func (b *Builder) List(l i18n.Localizer, listID string, page *command.Listed, locale, status string) Buttons {
	var actions []*model.PostAction
	for _, t := range page.Todos {
		if t.State != todo.StateOpen || t.Deleted() {
			continue
		}
		p := Press{Action: ActionDone, View: ViewList, TodoID: t.ID, Number: t.Number, ListID: listID,
			State: string(page.State), Page: page.Page, Locale: locale}
		label := l.Localize(i18n.MsgButtonDoneN, map[string]any{"Number": t.Number})
		actions = append(actions, b.button(ActionDone+strconv.FormatInt(t.Number, 10), label, "default", p))
	}
	if page.More {
		p := Press{Action: ActionMore, View: ViewList, ListID: listID, State: string(page.State), Page: page.Page + 1, Locale: locale}
		actions = append(actions, b.button(ActionMore, l.Localize(i18n.MsgButtonMore, nil), "primary", p))
	}
	return Buttons{
		Attachments: []*model.SlackAttachment{{Text: status, Actions: actions}},
		Marks:       map[string]any{PropView: ViewList, PropListID: listID, PropLocale: locale},
	}
}

// Notice is the buttons of a reminder or an assignment notice: Done and the two snoozes
// while the todo is open, none once it is done or deleted. status is the line above them.
func (b *Builder) Notice(l i18n.Localizer, t todo.Todo, locale, status string) Buttons {
	press := func(action string) Press {
		return Press{Action: action, View: ViewNotice, TodoID: t.ID, Number: t.Number, ListID: t.ListID, Locale: locale}
	}
	var actions []*model.PostAction
	if t.State == todo.StateOpen && !t.Deleted() {
		actions = []*model.PostAction{
			b.button(ActionDone, l.Localize(i18n.MsgButtonDone, nil), "primary", press(ActionDone)),
			b.button(ActionSnoozeHour, l.Localize(i18n.MsgButtonSnoozeHour, nil), "default", press(ActionSnoozeHour)),
			b.button(ActionSnoozeTomorrow, l.Localize(i18n.MsgButtonSnoozeTomorrow, nil), "default", press(ActionSnoozeTomorrow)),
		}
	}
	return Buttons{
		Attachments: []*model.SlackAttachment{{Text: status, Actions: actions}},
		Marks:       map[string]any{PropView: ViewNotice, PropTodoID: t.ID, PropListID: t.ListID, PropLocale: locale},
	}
}

// ForAnswer returns the buttons a chat answer gets: Done, Undo and Edit under an added todo, and
// Done per todo and More under a list page posted in a thread. ok is false for answers without
// (and with no Builder).
func (b *Builder) ForAnswer(l i18n.Localizer, out command.Outcome, locale string, ephemeral, inThread bool) (Buttons, bool) {
	// An answer long enough to take several posts gets none: they would repeat on each.
	if b == nil || out.Failed || len(out.Parts) > 1 {
		return Buttons{}, false
	}
	switch {
	case out.Added != nil:
		return b.Card(l, *out.Added, locale, "", ephemeral), true
	case out.Listed != nil && inThread && !ephemeral:
		return b.List(l, out.Scope.ListID(), out.Listed, locale, ""), true
	}
	return Buttons{}, false
}
