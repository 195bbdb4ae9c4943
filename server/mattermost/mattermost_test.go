package mattermost

import (
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/store"
	"github.com/channel-todo/channel-todo/server/todo"
)

var (
	userID    = todo.NewID()
	channelID = todo.NewID()
	teamID    = todo.NewID()
)

func newAuthorizer(api *plugintest.API) *Authorizer {
	return NewAuthorizer(pluginapi.NewClient(api, nil), nil)
}

func TestChannel(t *testing.T) {
	tests := []struct {
		name     string
		channel  *model.Channel
		appErr   *model.AppError
		want     todo.Channel
		notFound bool
		fails    bool
	}{
		{name: "private", channel: &model.Channel{Id: channelID, TeamId: teamID, Type: model.ChannelTypePrivate},
			want: todo.Channel{ID: channelID, TeamID: teamID, Type: "P"}},
		{name: "archived", channel: &model.Channel{Id: channelID, Type: model.ChannelTypeDirect, DeleteAt: 5},
			want: todo.Channel{ID: channelID, Type: "D", Archived: true}},
		{name: "unknown", appErr: model.NewAppError("GetChannel", "not_found", nil, "", http.StatusNotFound), notFound: true},
		{name: "server error", appErr: model.NewAppError("GetChannel", "boom", nil, "", http.StatusInternalServerError), fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &plugintest.API{}
			defer api.AssertExpectations(t)
			api.On("GetChannel", channelID).Return(tt.channel, tt.appErr)
			got, err := newAuthorizer(api).Channel(context.Background(), channelID)
			switch {
			case tt.notFound:
				require.ErrorIs(t, err, todo.ErrNotFound)
			case tt.fails:
				require.Error(t, err)
				require.NotErrorIs(t, err, todo.ErrNotFound)
			default:
				require.NoError(t, err)
				require.Equal(t, tt.want, got)
			}
		})
	}
}

func TestCanRead(t *testing.T) {
	tests := []struct {
		name        string
		member      bool
		channelType model.ChannelType
		teamRead    bool
		want        bool
	}{
		{"member of a private channel", true, model.ChannelTypePrivate, false, true},
		{"non-member of a private channel", false, model.ChannelTypePrivate, true, false},
		{"non-member of a public channel in their team", false, model.ChannelTypeOpen, true, true},
		{"non-member of a public channel elsewhere", false, model.ChannelTypeOpen, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &plugintest.API{}
			api.On("HasPermissionToChannel", userID, channelID, model.PermissionReadChannel).Return(tt.member)
			api.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, TeamId: teamID, Type: tt.channelType}, nil).Maybe()
			api.On("HasPermissionToTeam", userID, teamID, model.PermissionReadPublicChannel).Return(tt.teamRead).Maybe()
			require.Equal(t, tt.want, newAuthorizer(api).CanRead(context.Background(), userID, channelID))
		})
	}
}

func TestCanPostAndUserExists(t *testing.T) {
	api := &plugintest.API{}
	api.On("HasPermissionToChannel", userID, channelID, model.PermissionCreatePost).Return(true).Once()
	api.On("HasPermissionToChannel", userID, channelID, model.PermissionCreatePost).Return(false).Once()
	a := newAuthorizer(api)
	require.True(t, a.CanPost(context.Background(), userID, channelID))
	require.False(t, a.CanPost(context.Background(), userID, channelID))

	gone := todo.NewID()
	api.On("GetUser", userID).Return(&model.User{Id: userID, Username: "alice"}, nil)
	api.On("GetUser", gone).Return(&model.User{Id: gone, DeleteAt: 9}, nil)
	missing := todo.NewID()
	api.On("GetUser", missing).Return(nil, model.NewAppError("GetUser", "nf", nil, "", http.StatusNotFound))
	require.True(t, a.UserExists(context.Background(), userID))
	require.False(t, a.UserExists(context.Background(), gone), "deactivated")
	require.False(t, a.UserExists(context.Background(), missing))
	name, ok := a.Username(context.Background(), userID)
	require.True(t, ok)
	require.Equal(t, "alice", name)
	_, ok = a.Username(context.Background(), missing)
	require.False(t, ok)
}

func TestIsChannelAdmin(t *testing.T) {
	tests := []struct {
		name      string
		sysadmin  bool
		member    *model.ChannelMember
		teamAdmin bool
		want      bool
	}{
		{name: "system admin", sysadmin: true, want: true},
		{name: "scheme channel admin", member: &model.ChannelMember{SchemeAdmin: true}, want: true},
		{name: "channel_admin role", member: &model.ChannelMember{Roles: "channel_user channel_admin"}, want: true},
		{name: "team admin", member: &model.ChannelMember{Roles: "channel_user"}, teamAdmin: true, want: true},
		{name: "plain member", member: &model.ChannelMember{Roles: "channel_user"}, want: false},
		{name: "not a member", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &plugintest.API{}
			api.On("HasPermissionTo", userID, model.PermissionManageSystem).Return(tt.sysadmin)
			if tt.member != nil {
				api.On("GetChannelMember", channelID, userID).Return(tt.member, nil).Maybe()
			} else {
				api.On("GetChannelMember", channelID, userID).Return(nil, model.NewAppError("m", "nf", nil, "", http.StatusNotFound)).Maybe()
			}
			api.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, TeamId: teamID, Type: model.ChannelTypeOpen}, nil).Maybe()
			api.On("HasPermissionToTeam", userID, teamID, model.PermissionManageTeam).Return(tt.teamAdmin).Maybe()
			require.Equal(t, tt.want, newAuthorizer(api).IsChannelAdmin(context.Background(), userID, channelID))
		})
	}
}

func TestPublishTargetsTheListsAudience(t *testing.T) {
	td := todo.Todo{ID: todo.NewID(), Number: 3, Text: "hello @channel", State: todo.StateOpen, Assignees: []string{userID}}
	tests := []struct {
		name  string
		scope todo.Scope
		want  model.WebsocketBroadcast
	}{
		{"channel list goes to channel members", todo.ChannelScope(channelID), model.WebsocketBroadcast{ChannelId: channelID, ReliableClusterSend: true}},
		{"personal list goes to its owner", todo.PersonalScope(userID), model.WebsocketBroadcast{UserId: userID, ReliableClusterSend: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			td := td
			td.Scope, td.ListID = tt.scope, tt.scope.ListID()
			api := &plugintest.API{}
			defer api.AssertExpectations(t)
			var payload map[string]any
			api.On("PublishWebSocketEvent", EventTodoChanged, mock.Anything, &tt.want).Run(func(args mock.Arguments) {
				payload = args.Get(1).(map[string]any)
			}).Once()

			NewPublisher(api).Publish(context.Background(), todo.Event{Action: todo.ActionAdded, Scope: tt.scope, Version: 7, Todo: td})

			require.Equal(t, todo.ActionAdded, payload["action"])
			require.Equal(t, tt.scope.ListID(), payload["list_id"])
			require.Equal(t, int64(7), payload["version"])
			require.Equal(t, td.ID, payload["todo_id"])
			var got todo.Todo
			require.NoError(t, json.Unmarshal([]byte(payload["todo"].(string)), &got))
			require.Equal(t, td, got)

			// The payload must survive the plugin RPC boundary, which uses gob.
			var buf bytes.Buffer
			require.NoError(t, gob.NewEncoder(&buf).Encode(payload))
			var decoded map[string]any
			require.NoError(t, gob.NewDecoder(&buf).Decode(&decoded))
			require.Equal(t, payload, decoded)
		})
	}
}

type fakeFacts []store.ChannelFacts

func (f fakeFacts) Facts(_ context.Context, _ string, ids []string) ([]store.ChannelFacts, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := []store.ChannelFacts{}
	for _, c := range f {
		if want[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// TestReadableAsksOncePerTeam (issue 10.3): Readable gives CanRead's answers
// for many channels with one membership read and at most two permission
// calls per team, however many channels there are.
func TestReadableAsksOncePerTeam(t *testing.T) {
	otherTeam := todo.NewID()
	var facts fakeFacts
	var ids, want []string
	addChannel := func(typ, team string, member, readable bool) {
		id := todo.NewID()
		facts = append(facts, store.ChannelFacts{ID: id, Type: typ, TeamID: team, Member: member})
		ids = append(ids, id)
		if readable {
			want = append(want, id)
		}
	}
	for i := 0; i < 50; i++ {
		addChannel("P", teamID, true, true)      // member: reads
		addChannel("O", teamID, false, true)     // public in a team with read_public_channel
		addChannel("P", teamID, false, false)    // private, left
		addChannel("O", otherTeam, false, false) // public in a team the user is not in
		addChannel("P", otherTeam, true, true)   // archived or not, a member reads
		addChannel("D", "", false, false)        // someone else's direct channel
	}
	gone := todo.NewID() // not in the table any more: asked about on its own
	ids = append(ids, gone)

	api := &plugintest.API{}
	defer api.AssertExpectations(t)
	api.On("HasPermissionToTeam", userID, teamID, model.PermissionReadChannel).Return(false).Once()
	api.On("HasPermissionToTeam", userID, teamID, model.PermissionReadPublicChannel).Return(true).Once()
	api.On("HasPermissionToTeam", userID, otherTeam, model.PermissionReadChannel).Return(false).Once()
	api.On("HasPermissionToTeam", userID, otherTeam, model.PermissionReadPublicChannel).Return(false).Once()
	api.On("HasPermissionTo", userID, model.PermissionReadChannel).Return(false).Once()
	api.On("HasPermissionToChannel", userID, gone, model.PermissionReadChannel).Return(false).Once()
	api.On("GetChannel", gone).Return(nil, model.NewAppError("GetChannel", "not_found", nil, "", http.StatusNotFound)).Once()

	a := NewAuthorizer(pluginapi.NewClient(api, nil), facts)
	got, err := a.Readable(context.Background(), userID, ids)
	require.NoError(t, err)
	require.Equal(t, want, got)
}
