package main

import (
	"context"
	"errors"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Reactions are doors like the others: ✅ on the bot's "added" answer completes that todo and
// removing it reopens it; the admin's emoji (📝 by default) on a message adds the message to its
// channel's list. Each runs as the person who reacted, through the same service calls and
// permission checks.

// reactionAddedKV marks a message the add emoji already added, so a second 📝 adds nothing.
const reactionAddedKV = "reaction_added_"

// ReactionHasBeenAdded is called by Mattermost after someone reacted to a post.
func (p *Plugin) ReactionHasBeenAdded(_ *plugin.Context, r *model.Reaction) {
	p.onReaction(r, true)
}

// ReactionHasBeenRemoved is called by Mattermost after someone removed a reaction.
func (p *Plugin) ReactionHasBeenRemoved(_ *plugin.Context, r *model.Reaction) {
	p.onReaction(r, false)
}

func (p *Plugin) onReaction(r *model.Reaction, added bool) {
	if p.service == nil || p.buttons == nil || r == nil || r.UserId == p.getBotID() {
		return
	}
	addEmoji := p.getConfiguration().addEmoji()
	if r.EmojiName != completeEmoji && (!added || addEmoji == "" || r.EmojiName != addEmoji) {
		return
	}
	user, appErr := p.API.GetUser(r.UserId)
	if appErr != nil || user == nil || user.IsBot || user.DeleteAt != 0 {
		return
	}
	post, appErr := p.API.GetPost(r.PostId)
	// Mattermost names the channel of an added reaction; a removed one comes without it.
	if appErr != nil || post == nil || post.DeleteAt != 0 || (r.ChannelId != "" && post.ChannelId != r.ChannelId) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	if r.EmojiName == completeEmoji {
		// Only the bot's card of a todo of this channel's list (or of the reactor's own list).
		todoID, listID, ok := p.cardOf(post)
		if ok {
			p.reactOnCard(ctx, p.callForUser(r.UserId, user, post.ChannelId), post, todoID, listID, added)
		}
		return
	}
	if p.isPersonPost(post) {
		p.reactAdd(ctx, p.callForUser(r.UserId, user, post.ChannelId), post)
	}
}

// cardOf returns the todo and list of the bot's card; ok is false for any other post.
func (p *Plugin) cardOf(post *model.Post) (todoID, listID string, ok bool) {
	todoID, _ = post.GetProp(buttons.PropTodoID).(string)
	listID, _ = post.GetProp(buttons.PropListID).(string)
	view, _ := post.GetProp(buttons.PropView).(string)
	if post.UserId != p.getBotID() || view != buttons.ViewCard || todoID == "" {
		return "", "", false
	}
	scope, ok := todo.ScopeFromListID(listID)
	if !ok || (scope.Kind == todo.ScopeChannel && scope.ChannelID != post.ChannelId) {
		return "", "", false
	}
	return todoID, listID, true
}

// reactOnCard completes (or, when the last ✅ is gone, reopens) the todo of the bot's card.
func (p *Plugin) reactOnCard(ctx context.Context, call command.Call, post *model.Post, todoID, listID string, added bool) {
	t, err := p.service.Get(ctx, call.UserID, todoID)
	if err == nil && t.ListID != listID {
		return
	}
	switch {
	case err != nil:
	case added && t.State == todo.StateOpen:
		t, err = p.service.Complete(ctx, call.UserID, t.ID)
	case !added && t.State == todo.StateDone && !p.stillChecked(post.Id, call.UserID):
		t, err = p.service.Reopen(ctx, call.UserID, t.ID)
	default:
		return
	}
	if err != nil {
		p.refuseReaction(call, post, err)
		return
	}
	p.updateCard(ctx, post, t)
}

// stillChecked reports whether someone else's ✅ is still on the post: removing one of
// several does not reopen the todo. The remover's own reaction is left out, since the server
// may still list it while the hook runs.
func (p *Plugin) stillChecked(postID, remover string) bool {
	reactions, appErr := p.API.GetReactions(postID)
	if appErr != nil {
		return true // unsure: leave the todo as it is
	}
	for _, r := range reactions {
		if r.EmojiName == completeEmoji && r.UserId != p.getBotID() && r.UserId != remover && r.DeleteAt == 0 {
			return true
		}
	}
	return false
}

// updateCard shows the todo's state on its card, in the language the card was written in.
func (p *Plugin) updateCard(ctx context.Context, post *model.Post, t todo.Todo) {
	locale, _ := post.GetProp(buttons.PropLocale).(string)
	views := buttonViews{p}
	l := views.Localizer(locale)
	message, status := views.Card(ctx, l, t)
	updated := post.Clone()
	updated.Message = message
	p.buttons.Card(l, t, locale, status, false).Apply(updated)
	if _, appErr := p.API.UpdatePost(updated); appErr != nil {
		p.API.LogWarn("Updating a todo's card failed", "post_id", post.Id, "error", appErr.Error())
	}
}

// reactAdd adds a person's message to its channel's list (the reactor's own list in their
// direct channel with the bot), linked to it, and answers in the message's thread with the
// todo's card. A message is added once, however many people react.
func (p *Plugin) reactAdd(ctx context.Context, call command.Call, post *model.Post) {
	marker := reactionAddedKV + post.Id
	first, err := p.client.KV.Set(marker, []byte{1}, pluginapi.SetAtomic(nil))
	if err != nil {
		p.refuseReaction(call, post, err)
		return
	}
	if !first {
		p.whisperReaction(call, post, p.translations.Localizer(call.Locale).Localize(command.MsgReactionAlreadyAdded, nil))
		return
	}
	scope := todo.ChannelScope(post.ChannelId)
	if call.BotDM {
		scope = todo.PersonalScope(call.UserID)
	}
	root := post.RootId
	if root == "" {
		root = post.Id
	}
	t, err := p.service.Add(ctx, call.UserID, todo.AddInput{Scope: scope, Text: post.Message, PostID: post.Id, RootID: root})
	if err != nil {
		// Someone who may add it can still react.
		_ = p.client.KV.Delete(marker)
		p.refuseReaction(call, post, err)
		return
	}
	l := p.translations.Localizer(call.Locale)
	message, _ := buttonViews{p}.Card(ctx, l, t)
	reply := &model.Post{UserId: p.getBotID(), ChannelId: post.ChannelId, RootId: root, Message: message}
	p.buttons.Card(l, t, call.Locale, "", false).Apply(reply)
	p.postAsBot(reply, []string{message}, call.UserID)
}

// refuseReaction tells the person who reacted, and no one else, why nothing happened.
func (p *Plugin) refuseReaction(call command.Call, post *model.Post, err error) {
	l := p.translations.Localizer(call.Locale)
	msg := l.Localize(command.MsgReplyFailed, nil)
	var de *todo.Error
	if errors.As(err, &de) {
		msg = l.Localize(command.ErrorID(de.Code), map[string]any{"Limit": p.service.Config().MaxTextLength, "Max": p.service.Config().MaxAssignees})
	} else {
		p.API.LogWarn("A reaction failed", "post_id", post.Id, "user_id", call.UserID, "error", err.Error())
	}
	p.whisperReaction(call, post, msg)
}

// whisperReaction answers the person who reacted, in the post's thread, for them alone.
func (p *Plugin) whisperReaction(call command.Call, post *model.Post, msg string) {
	root := post.RootId
	if root == "" {
		root = post.Id
	}
	p.whisper(call.UserID, &model.Post{ChannelId: post.ChannelId, RootId: root}, []string{msg})
}
