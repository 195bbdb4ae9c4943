package main

import (
	"context"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// TestAReplyInATodosThreadPublishesItsReplyCount: a reply posted in (or deleted from) a todo's
// thread, by anyone, reaches the list's audience as replies_changed with the thread's count;
// a reply in another thread, or a post that is no reply, publishes nothing (the API mock fails
// on any call it was not told to expect).
func TestAReplyInATodosThreadPublishesItsReplyCount(t *testing.T) {
	ctx := context.Background()
	botID, userID, channelID, root := model.NewId(), model.NewId(), model.NewId(), model.NewId()
	memStore, replies := todotest.NewMemStore(), &todotest.Replies{}
	scope := todo.ChannelScope(channelID)
	ch, err := memStore.Add(ctx, todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: "x",
		State: todo.StateOpen, CreatorID: userID, PostID: root})
	require.NoError(t, err)
	api := &plugintest.API{}
	svc := todo.NewService(todo.Deps{Store: memStore, Authorizer: todotest.NewAuthorizer(), Replies: replies,
		ThreadIndex: memStore, ReplyEvents: mattermost.NewPublisher(api)}, todo.Config{})
	p := &Plugin{service: svc, translations: testTranslations(t)}
	p.setBotID(botID)
	p.SetAPI(api)

	replies.Set(root, 2)
	api.On("PublishWebSocketEvent", mattermost.EventRepliesChanged, map[string]any{
		"list_id": scope.ListID(), "channel_id": channelID, "user_id": "", "todo_id": ch.Todo.ID, "reply_count": 2,
	}, mock.MatchedBy(func(b *model.WebsocketBroadcast) bool { return b.ChannelId == channelID })).Return().Once()
	// The bot's own reply counts as any other; it is not a command, so nothing else happens.
	p.MessageHasBeenPosted(nil, &model.Post{Id: model.NewId(), UserId: botID, ChannelId: channelID, RootId: root, Message: "Added"})
	api.AssertExpectations(t)

	replies.Set(root, 1)
	api.On("PublishWebSocketEvent", mattermost.EventRepliesChanged, mock.MatchedBy(func(m map[string]any) bool {
		return m["reply_count"] == 1 && m["todo_id"] == ch.Todo.ID
	}), mock.Anything).Return().Once()
	p.MessageHasBeenDeleted(nil, &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, RootId: root})
	api.AssertExpectations(t)

	p.MessageHasBeenDeleted(nil, &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, RootId: model.NewId()})
	p.MessageHasBeenDeleted(nil, &model.Post{Id: root, UserId: userID, ChannelId: channelID})
	api.AssertExpectations(t)
	require.Len(t, replies.Reads(), 2, "only threads that are a todo's are counted")
}
