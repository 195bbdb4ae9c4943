package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// TestLongReplyArrivesWhole: a list of 20 todos with 20 assignees each is longer than the
// 16,383 characters Mattermost stores in a post. Mattermost refuses such a post, and the plugin
// used to fall back to an ephemeral answer. Now the answer arrives as several posts, in the
// thread, each within the limit, with every todo in them.
func TestLongReplyArrivesWhole(t *testing.T) {
	channelID, actorID, botID := model.NewId(), model.NewId(), model.NewId()
	a := &plugintest.API{}
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channelID, Type: "O"})
	auth.AddMember(channelID, actorID)
	a.On("GetUser", actorID).Return(&model.User{Id: actorID, Username: "alice"}, nil)
	var assignees []string
	for i := 0; i < 20; i++ {
		id := model.NewId()
		auth.AddMember(channelID, id)
		a.On("GetUser", id).Return(&model.User{Id: id, Username: fmt.Sprintf("a-rather-long-name-%03d", i)}, nil)
		assignees = append(assignees, id)
	}
	a.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, Type: model.ChannelTypeOpen, Name: "dev"}, nil)
	a.On("GetConfig").Return(&model.Config{})
	var mu sync.Mutex
	var posted []*model.Post
	a.On("CreatePost", mock.Anything).Run(func(args mock.Arguments) {
		mu.Lock()
		defer mu.Unlock()
		post := args.Get(0).(*model.Post)
		if utf8.RuneCountInString(post.Message) > command.MaxPostRunes {
			panic("Mattermost refuses a post this long")
		}
		posted = append(posted, post)
	}).Return(&model.Post{}, nil)

	svc := todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth}, todo.Config{})
	for i := 1; i <= 20; i++ {
		_, err := svc.Add(context.Background(), actorID, todo.AddInput{Scope: todo.ChannelScope(channelID),
			Text: fmt.Sprintf("item %02d %s", i, strings.Repeat("long words and @mentions ", 12)), Assignees: assignees})
		require.NoError(t, err)
	}
	p := &Plugin{service: svc, translations: testTranslations(t)}
	p.SetAPI(a)
	p.setBotID(botID)
	root := model.NewId()

	resp, appErr := p.ExecuteCommand(nil, &model.CommandArgs{UserId: actorID, ChannelId: channelID, RootId: root, Command: "/todo list"})

	require.Nil(t, appErr)
	require.Empty(t, resp.Text, "the answer was posted in the thread, not sent privately")
	a.AssertNotCalled(t, "SendEphemeralPost", mock.Anything, mock.Anything)
	require.GreaterOrEqual(t, len(posted), 2)
	var all strings.Builder
	for _, post := range posted {
		require.Equal(t, root, post.RootId)
		require.Equal(t, botID, post.UserId)
		all.WriteString(post.Message + "\n")
	}
	for i := 1; i <= 20; i++ {
		require.Contains(t, all.String(), fmt.Sprintf("**#%d** item %02d", i, i))
	}
	require.Equal(t, 20*20, strings.Count(all.String(), "a-rather-long-name-"))

	// Outside a thread the answer is private: the parts are whispered, in order, each within
	// the limit, and the command's own response stays empty (it would hold one post only).
	var whispered []*model.Post
	a.On("SendEphemeralPost", actorID, mock.Anything).Run(func(args mock.Arguments) {
		post := args.Get(1).(*model.Post)
		require.LessOrEqual(t, utf8.RuneCountInString(post.Message), command.MaxPostRunes)
		whispered = append(whispered, post)
	}).Return(&model.Post{})
	resp, appErr = p.ExecuteCommand(nil, &model.CommandArgs{UserId: actorID, ChannelId: channelID, Command: "/todo list"})
	require.Nil(t, appErr)
	require.Empty(t, resp.Text)
	require.GreaterOrEqual(t, len(whispered), 2)
	require.Contains(t, whispered[0].Message, "**#1** item 01")
	require.Contains(t, whispered[len(whispered)-1].Message, "**#20** item 20")
}
