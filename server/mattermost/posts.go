package mattermost

import (
	"context"
	"errors"
	"fmt"

	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Posts finds the posts todos link to, for the service's check that the actor may read them.
type Posts struct {
	client *pluginapi.Client
}

var _ todo.Posts = (*Posts)(nil)

// NewPosts returns Posts over the plugin's pluginapi client.
func NewPosts(client *pluginapi.Client) *Posts {
	return &Posts{client: client}
}

// Post returns the post's channel and thread; a deleted or unknown post is not found.
func (p *Posts) Post(_ context.Context, postID string) (todo.Post, error) {
	post, err := p.client.Post.GetPost(postID)
	if errors.Is(err, pluginapi.ErrNotFound) || (err == nil && (post == nil || post.DeleteAt != 0)) {
		return todo.Post{}, fmt.Errorf("post %s: %w", postID, todo.ErrNotFound)
	}
	if err != nil {
		return todo.Post{}, fmt.Errorf("getting post %s: %w", postID, err)
	}
	return todo.Post{ID: post.Id, ChannelID: post.ChannelId, RootID: post.RootId}, nil
}
