package main

import (
	"context"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/mattermost"
)

// MessageHasBeenPosted answers posts addressed to the bot: a post that starts with a mention
// of the bot or with a trigger word is a command, and so is every post in a direct channel
// with the bot. The answer goes into the thread of that post. Edits are not commands
// (MessageHasBeenUpdated is not implemented), so changing a post never runs it twice.
func (p *Plugin) MessageHasBeenPosted(_ *plugin.Context, post *model.Post) {
	if p.service == nil || p.translations == nil || !p.isPersonPost(post) {
		return
	}
	cfg := p.getConfiguration()
	text, addressed := command.ExtractCommand(post.Message, cfg.BotUsername, cfg.triggerWords())
	if !addressed && !command.MentionsBot(post.Message, cfg.BotUsername) && !p.isBotDM(post.ChannelId) {
		return
	}
	user, appErr := p.API.GetUser(post.UserId)
	if appErr != nil || user == nil || user.IsBot {
		return
	}
	call := p.callForUser(post.UserId, user, post.ChannelId)
	root := post.RootId
	if root == "" {
		root = post.Id
	}
	reply := &model.Post{UserId: p.getBotID(), ChannelId: post.ChannelId, RootId: root}
	switch {
	case addressed:
	case call.BotDM && p.inTodoThread(post):
		// A reply in a personal todo's thread is a comment, not a command.
		return
	case call.BotDM:
		// Talking to the bot directly needs no mention.
		text = post.Message
	default:
		// "thanks @todo" is not a command; say how to give one, to the author only.
		l := p.translations.Localizer(call.Locale)
		p.whisper(post.UserId, reply, []string{l.Localize(command.MsgReplyMentionHint, map[string]any{"Bot": cfg.BotUsername})})
		return
	}

	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	ctx = mattermost.WithChannelMemo(ctx)
	call.Text = text
	call.PostID = post.Id
	call.RootID = post.RootId
	call.AddsThreadRoot = true
	out := p.executor().Execute(ctx, call)
	defer p.whisperDetail(post.UserId, post.ChannelId, root, out)
	// A mention is always answered in a thread: the post's own, or the one it was written in.
	if command.Deliver(out, call, true, false) == command.ToActor {
		if !p.whisperWithButtons(post.UserId, reply, out, call.Locale) {
			p.whisper(post.UserId, reply, parts(out))
		}
		return
	}
	p.addButtons(reply, out, call.Locale, false)
	p.postAsBot(reply, parts(out), post.UserId)
}

// isPersonPost reports whether a post was written by a person (mattermost.IsPersonPost).
func (p *Plugin) isPersonPost(post *model.Post) bool {
	return mattermost.IsPersonPost(post, p.getBotID())
}

// inTodoThread reports whether a post replies in a thread the bot started for a todo's
// comments.
func (p *Plugin) inTodoThread(post *model.Post) bool { return p.threads().InTodoThread(post) }

// threads keeps todos' comments in threads over the plugin API.
func (p *Plugin) threads() mattermost.Threads {
	return mattermost.Threads{API: p.API, BotID: p.getBotID}
}
