package mattermost

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestPost(t *testing.T) {
	postID, rootID := todo.NewID(), todo.NewID()
	tests := []struct {
		name     string
		post     *model.Post
		appErr   *model.AppError
		want     todo.Post
		notFound bool
		fails    bool
	}{
		{name: "a reply", post: &model.Post{Id: postID, ChannelId: channelID, RootId: rootID},
			want: todo.Post{ID: postID, ChannelID: channelID, RootID: rootID}},
		{name: "deleted", post: &model.Post{Id: postID, ChannelId: channelID, DeleteAt: 7}, notFound: true},
		{name: "unknown", appErr: model.NewAppError("GetPost", "not_found", nil, "", http.StatusNotFound), notFound: true},
		{name: "server error", appErr: model.NewAppError("GetPost", "boom", nil, "", http.StatusInternalServerError), fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &plugintest.API{}
			api.On("GetPost", postID).Return(tt.post, tt.appErr)
			got, err := NewPosts(pluginapi.NewClient(api, nil)).Post(context.Background(), postID)
			switch {
			case tt.notFound:
				require.True(t, errors.Is(err, todo.ErrNotFound), "%v", err)
			case tt.fails:
				require.Error(t, err)
				require.False(t, errors.Is(err, todo.ErrNotFound))
			default:
				require.NoError(t, err)
				require.Equal(t, tt.want, got)
			}
		})
	}
}
