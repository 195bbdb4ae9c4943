package mattermost

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestToolChangedTargetsTheListsAudience(t *testing.T) {
	tests := []struct {
		name    string
		scope   todo.Scope
		want    model.WebsocketBroadcast
		payload map[string]any
	}{
		{"channel list goes to channel members", todo.ChannelScope(channelID),
			model.WebsocketBroadcast{ChannelId: channelID, ReliableClusterSend: true},
			map[string]any{"list_id": "c_" + channelID, "channel_id": channelID, "verb": "add"}},
		{"personal list goes to its owner", todo.PersonalScope(userID),
			model.WebsocketBroadcast{UserId: userID, ReliableClusterSend: true},
			map[string]any{"list_id": "u_" + userID, "user_id": userID, "verb": "add"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &plugintest.API{}
			defer api.AssertExpectations(t)
			var payload map[string]any
			api.On("PublishWebSocketEvent", EventToolChanged, mock.Anything, &tt.want).Run(func(args mock.Arguments) {
				payload = args.Get(1).(map[string]any)
			}).Once()

			NewPublisher(api).ToolChanged(tt.scope, "add")

			require.Equal(t, tt.payload, payload)
			// The payload must survive the plugin RPC boundary, which uses gob.
			var buf bytes.Buffer
			require.NoError(t, gob.NewEncoder(&buf).Encode(payload))
			var decoded map[string]any
			require.NoError(t, gob.NewDecoder(&buf).Decode(&decoded))
			require.Equal(t, payload, decoded)
		})
	}
}
