// Package reactions is the reaction door: ✅ on the bot's "added" answer completes that todo
// and removing it reopens it; the admin's emoji (📝 by default) on a message adds the message
// to its channel's list. Each runs as the person who reacted, through the same service calls
// and permission checks as the other doors.
package reactions

import (
	"context"
	"errors"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// CompleteEmoji on the bot's "added" answer completes the todo; removing it reopens.
const CompleteEmoji = "white_check_mark"

// AddedKV marks a message the add emoji already added, so a second 📝 adds nothing.
const AddedKV = "reaction_added_"

// Views are the card's words, the same the commands answer with.
type Views interface {
	Localizer(locale string) i18n.Localizer
	Card(ctx context.Context, l i18n.Localizer, t todo.Todo) (string, string)
}

// Door answers reactions. It is built per reaction from the plugin's current parts.
type Door struct {
	API          plugin.API
	KV           *pluginapi.KVService
	Service      *todo.Service
	Builder      *buttons.Builder
	Views        Views
	Translations *i18n.Translations
	BotID        string
	// AddEmoji is the emoji that adds a message; empty when adding by reaction is off.
	AddEmoji string
	Timeout  time.Duration
	// CallFor is the command call of the person who reacted, in the post's channel.
	CallFor func(userID string, user *model.User, channelID string) command.Call
	// IsPersonPost is false for posts of bots, system messages and the like.
	IsPersonPost func(post *model.Post) bool
	// PostAsBot posts the bot's answer; Whisper answers one person alone.
	PostAsBot func(template *model.Post, parts []string, actorID string)
	Whisper   func(userID string, template *model.Post, parts []string)
}

// Handle runs the reaction r, added or removed.
func (d Door) Handle(r *model.Reaction, added bool) {
	if d.Service == nil || d.Builder == nil || r == nil || r.UserId == d.BotID {
		return
	}
	if r.EmojiName != CompleteEmoji && (!added || d.AddEmoji == "" || r.EmojiName != d.AddEmoji) {
		return
	}
	user, appErr := d.API.GetUser(r.UserId)
	if appErr != nil || user == nil || user.IsBot || user.DeleteAt != 0 {
		return
	}
	post, appErr := d.API.GetPost(r.PostId)
	// Mattermost names the channel of an added reaction; a removed one comes without it.
	if appErr != nil || post == nil || post.DeleteAt != 0 || (r.ChannelId != "" && post.ChannelId != r.ChannelId) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
	defer cancel()
	if r.EmojiName == CompleteEmoji {
		// Only the bot's card of a todo of this channel's list (or of the reactor's own list).
		todoID, listID, ok := d.cardOf(post)
		if ok {
			d.reactOnCard(ctx, d.CallFor(r.UserId, user, post.ChannelId), post, todoID, listID, added)
		}
		return
	}
	if d.IsPersonPost(post) {
		d.reactAdd(ctx, d.CallFor(r.UserId, user, post.ChannelId), post)
	}
}

// cardOf returns the todo and list of the bot's card; ok is false for any other post.
func (d Door) cardOf(post *model.Post) (todoID, listID string, ok bool) {
	todoID, _ = post.GetProp(buttons.PropTodoID).(string)
	listID, _ = post.GetProp(buttons.PropListID).(string)
	view, _ := post.GetProp(buttons.PropView).(string)
	if post.UserId != d.BotID || view != buttons.ViewCard || todoID == "" {
		return "", "", false
	}
	scope, ok := todo.ScopeFromListID(listID)
	if !ok || (scope.Kind == todo.ScopeChannel && scope.ChannelID != post.ChannelId) {
		return "", "", false
	}
	return todoID, listID, true
}

// reactOnCard completes (or, when the last ✅ is gone, reopens) the todo of the bot's card.
func (d Door) reactOnCard(ctx context.Context, call command.Call, post *model.Post, todoID, listID string, added bool) {
	t, err := d.Service.Get(ctx, call.UserID, todoID)
	if err == nil && t.ListID != listID {
		return
	}
	switch {
	case err != nil:
	case added && t.State == todo.StateOpen:
		t, err = d.Service.Complete(ctx, call.UserID, t.ID)
	case !added && t.State == todo.StateDone && !d.stillChecked(post.Id, call.UserID):
		t, err = d.Service.Reopen(ctx, call.UserID, t.ID)
	default:
		return
	}
	if err != nil {
		d.refuse(call, post, err)
		return
	}
	d.updateCard(ctx, post, t)
}

// stillChecked reports whether someone else's ✅ is still on the post: removing one of
// several does not reopen the todo. The remover's own reaction is left out, since the server
// may still list it while the hook runs.
func (d Door) stillChecked(postID, remover string) bool {
	reactions, appErr := d.API.GetReactions(postID)
	if appErr != nil {
		return true // unsure: leave the todo as it is
	}
	for _, r := range reactions {
		if r.EmojiName == CompleteEmoji && r.UserId != d.BotID && r.UserId != remover && r.DeleteAt == 0 {
			return true
		}
	}
	return false
}

// updateCard shows the todo's state on its card, in the language the card was written in.
func (d Door) updateCard(ctx context.Context, post *model.Post, t todo.Todo) {
	locale, _ := post.GetProp(buttons.PropLocale).(string)
	l := d.Views.Localizer(locale)
	message, status := d.Views.Card(ctx, l, t)
	updated := post.Clone()
	updated.Message = message
	d.Builder.Card(l, t, locale, status, false).Apply(updated)
	if _, appErr := d.API.UpdatePost(updated); appErr != nil {
		d.API.LogWarn("Updating a todo's card failed", "post_id", post.Id, "error", appErr.Error())
	}
}

// reactAdd adds a person's message to its channel's list (the reactor's own list in their
// direct channel with the bot), linked to it, and answers in the message's thread with the
// todo's card. A message is added once, however many people react.
func (d Door) reactAdd(ctx context.Context, call command.Call, post *model.Post) {
	marker := AddedKV + post.Id
	first, err := d.KV.Set(marker, []byte{1}, pluginapi.SetAtomic(nil))
	if err != nil {
		d.refuse(call, post, err)
		return
	}
	if !first {
		d.whisper(call, post, d.Translations.Localizer(call.Locale).Localize(i18n.MsgReactionAlreadyAdded, nil))
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
	t, err := d.Service.Add(ctx, call.UserID, todo.AddInput{Scope: scope, Text: post.Message, PostID: post.Id, RootID: root})
	if err != nil {
		// Someone who may add it can still react.
		_ = d.KV.Delete(marker)
		d.refuse(call, post, err)
		return
	}
	l := d.Translations.Localizer(call.Locale)
	message, _ := d.Views.Card(ctx, l, t)
	reply := &model.Post{UserId: d.BotID, ChannelId: post.ChannelId, RootId: root, Message: message}
	d.Builder.Card(l, t, call.Locale, "", false).Apply(reply)
	d.PostAsBot(reply, []string{message}, call.UserID)
}

// refuse tells the person who reacted, and no one else, why nothing happened.
func (d Door) refuse(call command.Call, post *model.Post, err error) {
	l := d.Translations.Localizer(call.Locale)
	msg := l.Localize(i18n.MsgReplyFailed, nil)
	var de *todo.Error
	if text, ok := command.ItemsOpenReply(l, err); ok {
		msg = text
	} else if errors.As(err, &de) {
		msg = l.Localize(i18n.ErrorID(de.Code), map[string]any{"Limit": d.Service.Config().MaxTextLength, "Max": d.Service.Config().MaxAssignees})
	} else {
		d.API.LogWarn("A reaction failed", "post_id", post.Id, "user_id", call.UserID, "error", err.Error())
	}
	d.whisper(call, post, msg)
}

// whisper answers the person who reacted, in the post's thread, for them alone.
func (d Door) whisper(call command.Call, post *model.Post, msg string) {
	root := post.RootId
	if root == "" {
		root = post.Id
	}
	d.Whisper(call.UserID, &model.Post{ChannelId: post.ChannelId, RootId: root}, []string{msg})
}
