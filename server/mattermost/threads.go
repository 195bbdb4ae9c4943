package mattermost

import (
	"context"
	"fmt"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

// ThreadProp marks the bot's post that starts a todo's thread, so that replies in it are
// not taken for commands to the bot in its direct channel.
const ThreadProp = "channel_todo_thread"

// ThreadsAPI is the part of the plugin API that Threads uses.
type ThreadsAPI interface {
	GetDirectChannel(userID1, userID2 string) (*model.Channel, *model.AppError)
	GetPost(postID string) (*model.Post, *model.AppError)
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
	DeletePost(postID string) *model.AppError
}

// Threads is todo.Threads over the plugin API: it posts todos' comments, the thread's root as
// the bot, comments as their writers.
type Threads struct {
	API ThreadsAPI
	// BotID is the bot's user id now (a rename may replace it).
	BotID func() string
}

var _ todo.Threads = Threads{}

// StartThread implements todo.Threads. The todo's text may hold mentions; it is posted with
// them neutralized, as the bot's other answers are.
func (th Threads) StartThread(_ context.Context, scope todo.Scope, message string) (string, error) {
	botID := th.BotID()
	channelID := scope.ChannelID
	if scope.Kind == todo.ScopePersonal {
		ch, appErr := th.API.GetDirectChannel(scope.UserID, botID)
		if appErr != nil {
			return "", fmt.Errorf("opening the direct channel with %s: %w", scope.UserID, appErr)
		}
		channelID = ch.Id
	}
	post := &model.Post{UserId: botID, ChannelId: channelID, Message: command.Neutralize(message)}
	post.AddProp("disable_group_highlight", true)
	post.AddProp(ThreadProp, true)
	created, appErr := th.API.CreatePost(post)
	if appErr != nil {
		return "", fmt.Errorf("posting a thread's root: %w", appErr)
	}
	return created.Id, nil
}

// DeletePost implements todo.Threads.
func (th Threads) DeletePost(_ context.Context, postID string) error {
	if appErr := th.API.DeletePost(postID); appErr != nil {
		return fmt.Errorf("deleting post %s: %w", postID, appErr)
	}
	return nil
}

// Reply implements todo.Threads: the comment is the writer's own post (a plugin may post as
// any user), in the root's channel.
func (th Threads) Reply(_ context.Context, userID, rootID, message string) (string, error) {
	root, appErr := th.API.GetPost(rootID)
	if appErr != nil && appErr.StatusCode == http.StatusNotFound || appErr == nil && root.DeleteAt != 0 {
		return "", fmt.Errorf("thread root %s: %w", rootID, todo.ErrNotFound)
	}
	if appErr != nil {
		return "", fmt.Errorf("getting the thread's root %s: %w", rootID, appErr)
	}
	var created *model.Post
	for attempt := 1; ; attempt++ {
		created, appErr = th.API.CreatePost(&model.Post{UserId: userID, ChannelId: root.ChannelId, RootId: rootID, Message: message})
		// Mattermost saves a thread's first reply by reading its Threads row and inserting one
		// when there is none, in the post's own transaction: concurrent first replies to a
		// thread (concurrent first comments) collide on that insert, and all but one fail
		// with a 500 and roll back, the post unsaved. Once one has committed, the row exists
		// and the same post saves; so a failed save is tried again, a bounded number of times.
		if appErr == nil || appErr.StatusCode != http.StatusInternalServerError || attempt == replyAttempts {
			break
		}
	}
	if appErr != nil {
		return "", fmt.Errorf("posting a comment: %w", appErr)
	}
	return created.Id, nil
}

// replyAttempts bounds how many times Reply tries to save a comment Mattermost failed to save.
const replyAttempts = 3

// InTodoThread reports whether a post replies in a thread the bot started for a todo's
// comments.
func (th Threads) InTodoThread(post *model.Post) bool {
	if post.RootId == "" {
		return false
	}
	root, appErr := th.API.GetPost(post.RootId)
	return appErr == nil && root != nil && root.UserId == th.BotID() && root.GetProp(ThreadProp) != nil
}
