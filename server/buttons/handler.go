package buttons

import (
	"context"
	"errors"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Service is the part of the todo service a press calls; each method checks the presser's
// permissions itself.
type Service interface {
	Get(ctx context.Context, actor, id string) (todo.Todo, error)
	Complete(ctx context.Context, actor, id string) (todo.Todo, error)
	Reopen(ctx context.Context, actor, id string) (todo.Todo, error)
	Delete(ctx context.Context, actor, id string) (todo.Todo, error)
	Restore(ctx context.Context, actor, id string) (todo.Todo, error)
	SetDue(ctx context.Context, actor, id string, due *todo.Due) (todo.Todo, error)
}

// Posts reads the bot's posts and replaces ephemeral ones.
type Posts interface {
	// Post returns a stored post, or false when there is none.
	Post(id string) (*model.Post, bool)
	// UpdateEphemeral replaces an ephemeral post the user sees.
	UpdateEphemeral(userID string, post *model.Post)
}

// Views renders what a post with buttons says, in a given language.
type Views interface {
	Localizer(locale string) i18n.Localizer
	// Card is the message and status line of a todo's card.
	Card(ctx context.Context, l i18n.Localizer, t todo.Todo) (message, status string)
	// ListPage is the list answer for page of the scope's list, as actor sees it in channelID.
	ListPage(ctx context.Context, actor, channelID, locale string, scope todo.Scope, state string, page int) command.Outcome
	// Snoozed is the due date a snooze gives, in the presser's zone: an hour from now, or
	// tomorrow's morning hour.
	Snoozed(ctx context.Context, userID string, tomorrow bool) todo.Due
	// Snooze is the status line after a snooze: when the todo is due now, to the presser.
	SnoozeStatus(ctx context.Context, l i18n.Localizer, userID string, t todo.Todo) string
}

// Handler answers presses: POST Route, called by Mattermost with the presser in the
// Mattermost-User-Id header and the post and the button's context in the body.
type Handler struct {
	BotID   string
	Service Service
	Posts   Posts
	Views   Views
	Builder *Builder
	Signer  *Signer
	// Edit opens the edit form of t for userID with the press's trigger id; nil when there is
	// no form, and Edit presses are refused.
	Edit func(userID, triggerID, locale string, t todo.Todo) error
	Log  func(msg string, keyValues ...any)
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ServeCallback(w, r, h.press)
}

// press checks that the button is one the bot made for this post and this list, runs it as
// the presser and says what the post shows now. Refusals are ephemeral texts for the presser.
func (h *Handler) press(ctx context.Context, userID string, req model.PostActionIntegrationRequest) *model.PostActionIntegrationResponse {
	p, err := h.Signer.Verify(req.Context)
	l := h.Views.Localizer(p.Locale)
	invalid := &model.PostActionIntegrationResponse{EphemeralText: l.Localize(i18n.MsgStaleInvalid, nil)}
	if err != nil {
		return invalid
	}
	scope, ok := todo.ScopeFromListID(p.ListID)
	// A notice is a direct message about a todo of another channel's list; every other
	// post with buttons sits in the list's own channel.
	if !ok || (p.View != ViewNotice && scope.Kind == todo.ScopeChannel && scope.ChannelID != req.ChannelId) {
		return invalid
	}
	var post *model.Post
	if !p.Ephemeral {
		if post, ok = h.botPostFor(req, p); !ok {
			return invalid
		}
	}
	if p.Action == ActionEdit {
		if p.View != ViewCard {
			return invalid
		}
		return h.pressEdit(ctx, userID, req, p, l)
	}
	switch p.View {
	case ViewList:
		return h.pressList(ctx, userID, req, p, scope, l)
	case ViewNotice:
		if post == nil {
			return invalid
		}
		return h.pressNotice(ctx, userID, post, p, l)
	}
	return h.pressCard(ctx, userID, req, p, l)
}

// botPostFor returns the stored post when it is the bot's, in the request's channel, and
// made for the press's list (and todo, for a card or a notice).
func (h *Handler) botPostFor(req model.PostActionIntegrationRequest, p Press) (*model.Post, bool) {
	post, ok := h.Posts.Post(req.PostId)
	if !ok || post.UserId != h.BotID || post.ChannelId != req.ChannelId || post.DeleteAt != 0 {
		return nil, false
	}
	if list, _ := post.GetProp(PropListID).(string); list != p.ListID {
		return nil, false
	}
	if view, _ := post.GetProp(PropView).(string); view != p.View {
		return nil, false
	}
	if p.View != ViewList {
		if id, _ := post.GetProp(PropTodoID).(string); id != p.TodoID {
			return nil, false
		}
	}
	return post, true
}

// run does what the press asks to the todo, after checking that the todo is still in the state
// the button was made for. stale is a message for the presser when it was not.
func (h *Handler) run(ctx context.Context, userID string, p Press, l i18n.Localizer) (t todo.Todo, stale string, err error) {
	data := map[string]any{"Number": p.Number}
	if p.Action == ActionRestore {
		t, err = h.Service.Restore(ctx, userID, p.TodoID)
		return t, "", err
	}
	t, err = h.Service.Get(ctx, userID, p.TodoID)
	if errors.Is(err, todo.ErrNotFound) {
		return todo.Todo{}, command.Reply(l, i18n.MsgStaleDeleted, data), nil
	}
	if err != nil {
		return todo.Todo{}, "", err
	}
	if t.ListID != p.ListID {
		// Signed contexts name the todo's own list; this cannot happen unless ids collide.
		return todo.Todo{}, l.Localize(i18n.MsgStaleInvalid, nil), nil
	}
	switch p.Action {
	case ActionDone:
		if t.State == todo.StateDone {
			return t, command.Reply(l, i18n.MsgStaleDone, data), nil
		}
		t, err = h.Service.Complete(ctx, userID, t.ID)
	case ActionReopen:
		if t.State == todo.StateOpen {
			return t, command.Reply(l, i18n.MsgStaleOpen, data), nil
		}
		t, err = h.Service.Reopen(ctx, userID, t.ID)
	case ActionUndo:
		t, err = h.Service.Delete(ctx, userID, t.ID)
	case ActionSnoozeHour, ActionSnoozeTomorrow:
		if t.State == todo.StateDone {
			return t, command.Reply(l, i18n.MsgStaleDone, data), nil
		}
		due := h.Views.Snoozed(ctx, userID, p.Action == ActionSnoozeTomorrow)
		t, err = h.Service.SetDue(ctx, userID, t.ID, &due)
	default:
		return todo.Todo{}, l.Localize(i18n.MsgStaleInvalid, nil), nil
	}
	return t, "", err
}

func (h *Handler) pressCard(ctx context.Context, userID string, req model.PostActionIntegrationRequest, p Press, l i18n.Localizer) *model.PostActionIntegrationResponse {
	t, stale, err := h.run(ctx, userID, p, l)
	if err != nil {
		return &model.PostActionIntegrationResponse{EphemeralText: h.refusal(l, err, userID, p)}
	}
	resp := &model.PostActionIntegrationResponse{EphemeralText: stale}
	if t.ID == "" {
		return resp
	}
	message, status := h.Views.Card(ctx, l, t)
	post := &model.Post{Id: req.PostId, ChannelId: req.ChannelId, UserId: h.BotID, Message: message}
	post.AddProp("disable_group_highlight", true)
	h.Builder.Card(l, t, p.Locale, status, p.Ephemeral).Apply(post)
	h.deliver(userID, p, post, resp)
	return resp
}

// pressEdit opens the edit form of the card's todo, for the presser alone; the post stays as
// it is until the form is submitted.
func (h *Handler) pressEdit(ctx context.Context, userID string, req model.PostActionIntegrationRequest, p Press, l i18n.Localizer) *model.PostActionIntegrationResponse {
	data := map[string]any{"Number": p.Number}
	if h.Edit == nil || req.TriggerId == "" {
		return &model.PostActionIntegrationResponse{EphemeralText: l.Localize(i18n.MsgStaleInvalid, nil)}
	}
	t, err := h.Service.Get(ctx, userID, p.TodoID)
	switch {
	case errors.Is(err, todo.ErrNotFound):
		return &model.PostActionIntegrationResponse{EphemeralText: command.Reply(l, i18n.MsgStaleDeleted, data)}
	case err != nil:
		return &model.PostActionIntegrationResponse{EphemeralText: h.refusal(l, err, userID, p)}
	case t.ListID != p.ListID:
		return &model.PostActionIntegrationResponse{EphemeralText: l.Localize(i18n.MsgStaleInvalid, nil)}
	case t.State == todo.StateDone:
		return &model.PostActionIntegrationResponse{EphemeralText: command.Reply(l, i18n.MsgStaleDone, data)}
	}
	if err := h.Edit(userID, req.TriggerId, p.Locale, t); err != nil {
		if h.Log != nil {
			h.Log("Opening the edit form failed", "user_id", userID, "todo_id", t.ID, "error", err.Error())
		}
		return &model.PostActionIntegrationResponse{EphemeralText: l.Localize(i18n.MsgReplyFailed, nil)}
	}
	return &model.PostActionIntegrationResponse{}
}

func (h *Handler) pressList(ctx context.Context, userID string, req model.PostActionIntegrationRequest, p Press, scope todo.Scope, l i18n.Localizer) *model.PostActionIntegrationResponse {
	resp := &model.PostActionIntegrationResponse{}
	status := ""
	if p.Action != ActionMore {
		t, stale, err := h.run(ctx, userID, p, l)
		if err != nil {
			return &model.PostActionIntegrationResponse{EphemeralText: h.refusal(l, err, userID, p)}
		}
		resp.EphemeralText = stale
		if stale == "" && t.ID != "" {
			_, status = h.Views.Card(ctx, l, t)
		}
	}
	out := h.Views.ListPage(ctx, userID, req.ChannelId, p.Locale, scope, p.State, p.Page)
	if out.Failed || out.Listed == nil {
		resp.EphemeralText = out.Text
		return resp
	}
	post := &model.Post{Id: req.PostId, ChannelId: req.ChannelId, UserId: h.BotID, Message: out.Text}
	post.AddProp("disable_group_highlight", true)
	h.Builder.List(l, p.ListID, out.Listed, p.Locale, status).Apply(post)
	h.deliver(userID, p, post, resp)
	return resp
}

func (h *Handler) pressNotice(ctx context.Context, userID string, post *model.Post, p Press, l i18n.Localizer) *model.PostActionIntegrationResponse {
	t, stale, err := h.run(ctx, userID, p, l)
	if err != nil {
		return &model.PostActionIntegrationResponse{EphemeralText: h.refusal(l, err, userID, p)}
	}
	resp := &model.PostActionIntegrationResponse{EphemeralText: stale}
	if t.ID == "" {
		return resp
	}
	_, status := h.Views.Card(ctx, l, t)
	if stale == "" && (p.Action == ActionSnoozeHour || p.Action == ActionSnoozeTomorrow) {
		status = h.Views.SnoozeStatus(ctx, l, userID, t)
	}
	updated := &model.Post{Id: post.Id, ChannelId: post.ChannelId, UserId: h.BotID, Message: post.Message}
	updated.AddProp("disable_group_highlight", true)
	h.Builder.Notice(l, t, p.Locale, status).Apply(updated)
	resp.Update = updated
	return resp
}

// deliver shows the updated post: Mattermost replaces a stored post with the response's
// update; an ephemeral post is replaced for the presser alone.
func (h *Handler) deliver(userID string, p Press, post *model.Post, resp *model.PostActionIntegrationResponse) {
	if p.Ephemeral {
		h.Posts.UpdateEphemeral(userID, post)
		return
	}
	resp.Update = post
}

// refusal says why a press did nothing, in the presser's words; faults are logged, not shown.
func (h *Handler) refusal(l i18n.Localizer, err error, userID string, p Press) string {
	if text, ok := command.ItemsOpenReply(l, err); ok {
		return text
	}
	switch code := todo.CodeOf(err); code {
	case todo.CodeForbidden, todo.CodePersonalOnly, todo.CodeEditNotAllowed, todo.CodeArchived:
		return l.Localize(i18n.ErrorID(code), nil)
	case todo.CodeNotFound:
		return command.Reply(l, i18n.MsgStaleDeleted, map[string]any{"Number": p.Number})
	}
	if h.Log != nil {
		h.Log("A button press failed", "user_id", userID, "todo_id", p.TodoID, "action", p.Action, "error", err.Error())
	}
	return l.Localize(i18n.MsgReplyFailed, nil)
}
