// Package chat is the chat door: `/todo`, and the posts that address the bot (a mention at the
// start, a trigger word, anything in its direct channel). Each becomes one command call as the
// person who wrote it (server/command), and the answer goes where command.Deliver says, as
// the bot's post or to that person alone, with the buttons its card or list page has.
package chat

import (
	"context"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/dialog"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
)

// API is the part of the plugin API the chat door calls itself.
type API interface {
	GetUser(userID string) (*model.User, *model.AppError)
	SendEphemeralPost(userID string, post *model.Post) *model.Post
}

// Threads tells a reply in a todo's comment thread from a command (mattermost.Threads).
type Threads interface {
	InTodoThread(post *model.Post) bool
}

// Door answers chat commands. It is built per hook call from the plugin's current parts and
// settings.
type Door struct {
	API API
	// Service is nil before activation, when posts get no answer.
	Service      *todo.Service
	Translations *i18n.Translations
	// Executor answers one command over the current settings.
	Executor func() *command.Executor
	Callers  mattermost.Callers
	Answers  mattermost.Answers
	Threads  Threads
	// Buttons is nil when answers get no buttons; Dialog is nil when `/todo` alone opens no form.
	Buttons *buttons.Builder
	Dialog  *dialog.Door
	BotID   string
	// BotUsername and TriggerWords make a post a command; ReplyInChannel is the admin's choice
	// to post changes to a channel's list for everyone.
	BotUsername    string
	TriggerWords   []string
	ReplyInChannel bool
	// Timeout bounds one command: its database work and its turns to run the command-line tool.
	Timeout time.Duration
}

// SlashCommand describes /todo to Mattermost, with autocomplete in l's language (Mattermost
// keeps one autocomplete tree per command) and numbers suggested by the plugin pluginID.
func SlashCommand(l i18n.Localizer, pluginID string) *model.Command {
	desc := l.Localize(i18n.MsgACDesc, nil)
	hint := l.Localize(i18n.MsgACHint, nil)
	return &model.Command{
		Trigger:          command.Trigger,
		DisplayName:      "Channel Todo",
		Description:      desc,
		AutoComplete:     true,
		AutoCompleteDesc: desc,
		AutoCompleteHint: hint,
		AutocompleteData: command.Autocomplete(l, "/plugins/"+pluginID+command.SuggestionsPath),
	}
}

// Command answers /todo. The answer goes where the person looks: in the thread the command was
// typed in, as the bot's post, otherwise only to them as the command's ephemeral response (or,
// with ReplyInChannel, changes to the channel's list go to the channel as the bot's post). An
// answer marked private (the tool check) is always ephemeral.
func (d Door) Command(args *model.CommandArgs) *model.CommandResponse {
	ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
	defer cancel()
	ctx = mattermost.WithChannelMemo(ctx)
	text := command.SlashCommandText(args.Command)
	defer d.checkAddAhead(ctx, args.UserId, args.ChannelId, text)()
	call := d.Callers.CallFor(args.UserId, args.ChannelId)
	call.Text = text
	call.RootID = args.RootId
	// `/todo` alone, outside a thread, opens the add form (phones have no autocomplete to
	// guide the grammar); `/todo list` shows the list, `/todo help` the help.
	if call.Text == "" && args.RootId == "" && d.Dialog.OpenAdd(args, call.Locale) {
		return &model.CommandResponse{}
	}
	out := d.Executor().Execute(ctx, call)
	defer d.whisperDetail(args.UserId, args.ChannelId, args.RootId, out)

	reply := &model.Post{UserId: d.BotID, ChannelId: args.ChannelId, RootId: args.RootId}
	if command.Deliver(out, call, args.RootId != "", d.ReplyInChannel) == command.ToChannel {
		d.addButtons(reply, out, call.Locale)
		d.Answers.Post(reply, parts(out), args.UserId)
		return &model.CommandResponse{}
	}
	if len(out.Parts) > 1 {
		// A response holds one post; a longer answer arrives as several, in order.
		d.Answers.Whisper(args.UserId, reply, parts(out))
		return &model.CommandResponse{}
	}
	// Slack-style markup stays as typed: "<!channel>" in a todo must not become @channel.
	resp := &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral, Text: out.Text, SkipSlackParsing: true}
	if b, ok := d.buttonsFor(out, call.Locale, true, false); ok && !out.Private {
		resp.Attachments, resp.Props = b.Attachments, b.Marks
	}
	return resp
}

// checkAddAhead starts an add's permission checks (the channel, read and post permission)
// while the door still looks up the actor, whose language and time zone the command's text
// needs: the four plugin-API calls then cost one round trip, not four in turn. The answers are
// kept for this request only (ctx's memo), and the service still judges them for the add
// itself. The returned function waits for the checks, so none outlives the command.
func (d Door) checkAddAhead(ctx context.Context, userID, channelID, text string) (wait func()) {
	if d.Service == nil || !command.AddsToChannelList(text) {
		return func() {}
	}
	if d.Callers.BotDMs == nil {
		return func() {}
	}
	if dm, known := d.Callers.BotDMs.Get(channelID); known && dm {
		return func() {} // an add in the bot's direct channel goes to the personal list
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = d.Service.CanWrite(ctx, userID, todo.ChannelScope(channelID))
	}()
	return func() { <-done }
}

// Posted answers a post addressed to the bot: a post that starts with a mention of the bot or
// with a trigger word is a command, and so is every post in a direct channel with the bot. The
// answer goes into the thread of that post. Edits are not commands (the plugin has no
// MessageHasBeenUpdated), so changing a post never runs it twice.
func (d Door) Posted(post *model.Post) {
	if d.Service == nil || d.Translations == nil || !mattermost.IsPersonPost(post, d.BotID) {
		return
	}
	text, addressed := command.ExtractCommand(post.Message, d.BotUsername, d.TriggerWords)
	if !addressed && !command.MentionsBot(post.Message, d.BotUsername) && !d.Callers.IsBotDM(post.ChannelId) {
		return
	}
	user, appErr := d.API.GetUser(post.UserId)
	if appErr != nil || user == nil || user.IsBot {
		return
	}
	call := d.Callers.CallForUser(post.UserId, user, post.ChannelId)
	root := post.RootId
	if root == "" {
		root = post.Id
	}
	reply := &model.Post{UserId: d.BotID, ChannelId: post.ChannelId, RootId: root}
	switch {
	case addressed:
	case call.BotDM && d.Threads.InTodoThread(post):
		// A reply in a personal todo's thread is a comment, not a command.
		return
	case call.BotDM:
		// Talking to the bot directly needs no mention.
		text = post.Message
	default:
		// "thanks @todo" is not a command; say how to give one, to the author only.
		l := d.Translations.Localizer(call.Locale)
		d.Answers.Whisper(post.UserId, reply, []string{l.Localize(i18n.MsgReplyMentionHint, map[string]any{"Bot": d.BotUsername})})
		return
	}

	ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
	defer cancel()
	ctx = mattermost.WithChannelMemo(ctx)
	call.Text = text
	call.PostID = post.Id
	call.RootID = post.RootId
	call.AddsThreadRoot = true
	out := d.Executor().Execute(ctx, call)
	defer d.whisperDetail(post.UserId, post.ChannelId, root, out)
	// A mention is always answered in a thread: the post's own, or the one it was written in.
	if command.Deliver(out, call, true, false) == command.ToActor {
		if !d.whisperWithButtons(post.UserId, reply, out, call.Locale) {
			d.Answers.Whisper(post.UserId, reply, parts(out))
		}
		return
	}
	d.addButtons(reply, out, call.Locale)
	d.Answers.Post(reply, parts(out), post.UserId)
}

// parts is the answer as the posts that carry it (see command.SplitPost).
func parts(out command.Outcome) []string {
	if len(out.Parts) == 0 {
		return []string{out.Text}
	}
	return out.Parts
}

// whisperDetail sends a system admin what the command-line tool said that the answer left out
// (it names paths on the server), to them alone.
func (d Door) whisperDetail(userID, channelID, rootID string, out command.Outcome) {
	if out.Detail != "" {
		d.Answers.Whisper(userID, &model.Post{ChannelId: channelID, RootId: rootID}, []string{out.Detail})
	}
}

// buttonsFor returns the buttons an answer gets (buttons.Builder.ForAnswer).
func (d Door) buttonsFor(out command.Outcome, locale string, ephemeral, inThread bool) (buttons.Buttons, bool) {
	if d.Buttons == nil {
		return buttons.Buttons{}, false
	}
	return d.Buttons.ForAnswer(d.Translations.Localizer(locale), out, locale, ephemeral, inThread)
}

// addButtons puts an answer's buttons on the post everyone sees that carries it.
func (d Door) addButtons(post *model.Post, out command.Outcome, locale string) {
	if b, ok := d.buttonsFor(out, locale, false, post.RootId != ""); ok {
		b.Apply(post)
	}
}

// whisperWithButtons sends a one-post answer that has buttons to one person, as an ephemeral
// post; false when the answer has none, for the caller to send it plainly.
func (d Door) whisperWithButtons(userID string, reply *model.Post, out command.Outcome, locale string) bool {
	b, ok := d.buttonsFor(out, locale, true, false)
	if !ok {
		return false
	}
	post := &model.Post{UserId: d.BotID, ChannelId: reply.ChannelId, RootId: reply.RootId, Message: out.Text}
	b.Apply(post)
	d.API.SendEphemeralPost(userID, post)
	return true
}
