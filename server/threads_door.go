package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

// threadProp marks the bot's post that starts a todo's thread, so that replies in it are
// not taken for commands to the bot in its direct channel.
const threadProp = "channel_todo_thread"

// threads posts todos' comments: the thread's root as the bot, comments as their writers.
type threads struct{ p *Plugin }

var _ todo.Threads = threads{}

// StartThread implements todo.Threads. The todo's text may hold mentions; it is posted with
// them neutralized, as the bot's other answers are.
func (th threads) StartThread(_ context.Context, scope todo.Scope, message string) (string, error) {
	channelID := scope.ChannelID
	if scope.Kind == todo.ScopePersonal {
		ch, appErr := th.p.API.GetDirectChannel(scope.UserID, th.p.getBotID())
		if appErr != nil {
			return "", fmt.Errorf("opening the direct channel with %s: %w", scope.UserID, appErr)
		}
		channelID = ch.Id
	}
	post := &model.Post{UserId: th.p.getBotID(), ChannelId: channelID, Message: command.Neutralize(message)}
	post.AddProp("disable_group_highlight", true)
	post.AddProp(threadProp, true)
	created, appErr := th.p.API.CreatePost(post)
	if appErr != nil {
		return "", fmt.Errorf("posting a thread's root: %w", appErr)
	}
	return created.Id, nil
}

// DeletePost implements todo.Threads.
func (th threads) DeletePost(_ context.Context, postID string) error {
	if appErr := th.p.API.DeletePost(postID); appErr != nil {
		return fmt.Errorf("deleting post %s: %w", postID, appErr)
	}
	return nil
}

// Reply implements todo.Threads: the comment is the writer's own post (a plugin may post as
// any user), in the root's channel.
func (th threads) Reply(_ context.Context, userID, rootID, message string) (string, error) {
	root, appErr := th.p.API.GetPost(rootID)
	if appErr != nil && appErr.StatusCode == http.StatusNotFound || appErr == nil && root.DeleteAt != 0 {
		return "", fmt.Errorf("thread root %s: %w", rootID, todo.ErrNotFound)
	}
	if appErr != nil {
		return "", fmt.Errorf("getting the thread's root %s: %w", rootID, appErr)
	}
	created, appErr := th.p.API.CreatePost(&model.Post{UserId: userID, ChannelId: root.ChannelId, RootId: rootID, Message: message})
	if appErr != nil {
		return "", fmt.Errorf("posting a comment: %w", appErr)
	}
	return created.Id, nil
}
