package main

import (
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// TestSlashAddCostsFivePluginAPICalls (issue 10.2): once the server's settings and the
// channel's kind are known, `/todo add` makes exactly these plugin-API calls, each an RPC to
// the server: the actor (language, time zone), the channel (once, for the permission check
// and the answer's channel name), read and post permission, and the live event. Before, the
// answer looked the channel up a second time; this test failed then. The database side is
// pinned by the store's TestAddIsOneStatement.
func TestSlashAddCostsFivePluginAPICalls(t *testing.T) {
	channelID, actorID, botID, teamID := model.NewId(), model.NewId(), model.NewId(), model.NewId()
	a := &plugintest.API{}
	a.On("GetUser", actorID).Return(&model.User{Id: actorID, Username: "alice"}, nil)
	a.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, TeamId: teamID, Type: model.ChannelTypeOpen, Name: "dev"}, nil)
	a.On("GetConfig").Return(&model.Config{})
	a.On("HasPermissionToChannel", actorID, channelID, model.PermissionReadChannel).Return(true)
	a.On("HasPermissionToChannel", actorID, channelID, model.PermissionCreatePost).Return(true)
	a.On("PublishWebSocketEvent", mock.Anything, mock.Anything, mock.Anything).Return()
	auth := mattermost.NewAuthorizer(pluginapi.NewClient(a, nil), nil)
	svc := todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth, Directory: auth,
		Publisher: mattermost.NewPublisher(a)}, todo.Config{})
	p := &Plugin{service: svc, translations: testTranslations(t)}
	p.SetAPI(a)
	p.setBotID(botID)
	add := func(text string) {
		t.Helper()
		resp, appErr := p.ExecuteCommand(nil, &model.CommandArgs{UserId: actorID, ChannelId: channelID, Command: "/todo add " + text})
		require.Nil(t, appErr)
		require.Contains(t, resp.Text, "to ~dev: "+text)
	}
	add("warm up") // reads the server's settings and whether the channel is the bot's DM
	a.Calls = nil
	add("buy milk")
	calls := map[string]int{}
	for _, c := range a.Calls {
		calls[c.Method]++
	}
	require.Equal(t, map[string]int{"GetUser": 1, "GetChannel": 1, "HasPermissionToChannel": 2, "PublishWebSocketEvent": 1}, calls)
}
