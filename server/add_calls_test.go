package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

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
// and the answer's channel name), read and post permission (once each, although the door
// starts the checks early and the service asks again), and the live event. Before, the
// answer looked the channel up a second time; this test failed then. The database side is
// pinned by the store's TestAddIsOneStatement; that the four lookups are asked at once, by
// TestSlashAddAsksItsLookupsAtOnce.
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

// addFixture is a plugin whose plugin API is a mock that knows the actor and an open channel.
// While gate holds a rendezvous, the actor, the channel and the permission calls wait in it.
type addFixture struct {
	p                   *Plugin
	a                   *plugintest.API
	store               *todotest.MemStore
	events              *mattermost.EventQueue
	actorID, channelID  string
	gate                atomic.Pointer[todotest.Rendezvous]
	mayRead, mayPost    bool
	readAsked, postAsks atomic.Int32
}

func newAddFixture(t *testing.T, mayRead, mayPost bool) *addFixture {
	f := &addFixture{actorID: model.NewId(), channelID: model.NewId(), mayRead: mayRead, mayPost: mayPost}
	teamID := model.NewId()
	a := &plugintest.API{}
	wait := func(name string) func(mock.Arguments) {
		return func(mock.Arguments) {
			if r := f.gate.Load(); r != nil {
				r.Arrive(name)
			}
		}
	}
	a.On("GetUser", f.actorID).Return(&model.User{Id: f.actorID, Username: "alice"}, nil).Run(wait("GetUser"))
	a.On("GetChannel", f.channelID).Return(&model.Channel{Id: f.channelID, TeamId: teamID, Type: model.ChannelTypeOpen, Name: "dev"}, nil).Run(wait("GetChannel"))
	a.On("GetConfig").Return(&model.Config{})
	a.On("HasPermissionToChannel", f.actorID, f.channelID, model.PermissionReadChannel).Return(mayRead).Run(wait("HasPermissionToChannel read_channel"))
	a.On("HasPermissionToChannel", f.actorID, f.channelID, model.PermissionCreatePost).Return(mayPost).Run(wait("HasPermissionToChannel create_post"))
	a.On("HasPermissionToTeam", f.actorID, teamID, model.PermissionReadPublicChannel).Return(false)
	a.On("PublishWebSocketEvent", mock.Anything, mock.Anything, mock.Anything).Return()
	f.a = a
	f.store = todotest.NewMemStore()
	f.events = mattermost.NewEventQueue(a, 16)
	auth := mattermost.NewAuthorizer(pluginapi.NewClient(a, nil), nil)
	svc := todo.NewService(todo.Deps{Store: f.store, Authorizer: auth, Directory: auth,
		Publisher: mattermost.NewPublisher(f.events)}, todo.Config{})
	f.p = &Plugin{service: svc, translations: testTranslations(t), events: f.events}
	f.p.SetAPI(a)
	f.p.setBotID(model.NewId())
	return f
}

func (f *addFixture) add(t *testing.T, text string) *model.CommandResponse {
	t.Helper()
	resp, appErr := f.p.ExecuteCommand(nil, &model.CommandArgs{UserId: f.actorID, ChannelId: f.channelID, Command: "/todo add " + text})
	require.Nil(t, appErr)
	return resp
}

// TestSlashAddAsksItsLookupsAtOnce (issue 10): the actor (for the language and time zone the
// command's text is read in), the channel, and read and post permission do not depend on one
// another's answers, so `/todo add` asks Mattermost all four at once and waits about one round
// trip instead of four. Here each of them waits until all four have been asked: asked in turn,
// the first waits alone and the test fails.
func TestSlashAddAsksItsLookupsAtOnce(t *testing.T) {
	f := newAddFixture(t, true, true)
	require.Contains(t, f.add(t, "warm up").Text, "to ~dev: warm up") // the server's settings, the channel's kind
	f.gate.Store(todotest.NewRendezvous(t, 4))
	require.Contains(t, f.add(t, "buy milk").Text, "to ~dev: buy milk")
	require.True(t, f.events.Close(5*time.Second))
	f.a.AssertNumberOfCalls(t, "PublishWebSocketEvent", 2)
}

// TestSlashAddStillChecksEachPermission: starting the checks early changes when they are asked,
// not what they decide. A person who may read but not post, or not read, adds nothing, and
// nothing is published; one who may do both adds.
func TestSlashAddStillChecksEachPermission(t *testing.T) {
	for _, c := range []struct {
		read, post bool
		want       string
	}{
		{true, false, "You don't have permission to change ~dev."},
		{false, true, "You don't have permission to change ~dev."},
		{false, false, "You don't have permission to change ~dev."},
		{true, true, "to ~dev: buy milk"},
	} {
		t.Run(fmt.Sprintf("read=%v post=%v", c.read, c.post), func(t *testing.T) {
			f := newAddFixture(t, c.read, c.post)
			resp := f.add(t, "buy milk")
			require.Contains(t, resp.Text, c.want)
			require.True(t, f.events.Close(5*time.Second))
			page, err := f.store.List(context.Background(), todo.StoreQuery{ListID: todo.ChannelScope(f.channelID).ListID(), Limit: 10})
			require.NoError(t, err)
			if c.read && c.post {
				require.Len(t, page, 1)
				f.a.AssertNumberOfCalls(t, "PublishWebSocketEvent", 1)
			} else {
				require.Empty(t, page)
				f.a.AssertNumberOfCalls(t, "PublishWebSocketEvent", 0)
			}
		})
	}
}
