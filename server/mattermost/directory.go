package mattermost

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Directory is what replies show of Mattermost (command.Directory): names and links. Make one
// per command: it remembers what it looked up, since a list names the same people and channels
// many times.
type Directory struct {
	client   *pluginapi.Client
	siteURL  string
	users    map[string]*model.User
	channels map[string]*model.Channel
	teams    map[string]string
}

var _ command.Directory = (*Directory)(nil)

// NewDirectory returns a Directory over the plugin's pluginapi client; siteURL (without a
// trailing slash, "" when unknown) makes permalinks.
func NewDirectory(client *pluginapi.Client, siteURL string) *Directory {
	return &Directory{client: client, siteURL: siteURL, users: map[string]*model.User{}, channels: map[string]*model.Channel{}, teams: map[string]string{}}
}

func (d *Directory) user(id string) *model.User {
	if u, ok := d.users[id]; ok {
		return u
	}
	u, err := d.client.User.Get(id)
	if err != nil {
		u = nil
	}
	d.users[id] = u
	return u
}

// channel looks the channel up once per answer, sharing the lookup the permission check made
// in the same request (see WithChannelMemo).
func (d *Directory) channel(ctx context.Context, id string) *model.Channel {
	if ch, ok := d.channels[id]; ok {
		return ch
	}
	ch, err := MemoChannel(ctx, id, func() (*model.Channel, error) { return d.client.Channel.Get(id) })
	if err != nil {
		ch = nil
	}
	d.channels[id] = ch
	return ch
}

// UserIDByUsername implements command.Directory; deactivated users are not found.
func (d *Directory) UserIDByUsername(_ context.Context, username string) (string, bool) {
	u, err := d.client.User.GetByUsername(username)
	if err != nil || u == nil || u.DeleteAt != 0 {
		return "", false
	}
	d.users[u.Id] = u
	return u.Id, true
}

// Username implements command.Directory.
func (d *Directory) Username(_ context.Context, userID string) (string, bool) {
	if u := d.user(userID); u != nil {
		return u.Username, true
	}
	return "", false
}

// ChannelName implements command.Directory: the channel's handle, or for a direct or group
// message the people in it.
func (d *Directory) ChannelName(ctx context.Context, channelID string) string {
	ch := d.channel(ctx, channelID)
	switch {
	case ch == nil:
		return channelID
	case ch.Type == model.ChannelTypeDirect:
		var names []string
		for _, id := range strings.Split(ch.Name, "__") {
			if u := d.user(id); u != nil {
				names = append(names, u.Username)
			}
		}
		return strings.Join(names, ", ")
	case ch.Type == model.ChannelTypeGroup && ch.DisplayName != "":
		return ch.DisplayName
	}
	return ch.Name
}

// Permalink implements command.Directory: the team's permalink when the post is in a team's
// channel, else Mattermost's redirect, which finds the team itself.
func (d *Directory) Permalink(ctx context.Context, channelID, postID string) string {
	if d.siteURL == "" {
		return ""
	}
	if channelID == "" {
		if post, err := d.client.Post.GetPost(postID); err == nil && post != nil {
			channelID = post.ChannelId
		}
	}
	team := ""
	if channelID != "" {
		if ch := d.channel(ctx, channelID); ch != nil && ch.TeamId != "" {
			team = d.teamName(ch.TeamId)
		}
	}
	if team == "" {
		return d.siteURL + "/_redirect/pl/" + postID
	}
	return d.siteURL + "/" + team + "/pl/" + postID
}

func (d *Directory) teamName(id string) string {
	if name, ok := d.teams[id]; ok {
		return name
	}
	name := ""
	if t, err := d.client.Team.Get(id); err == nil && t != nil {
		name = t.Name
	}
	d.teams[id] = name
	return name
}

// PostMessage implements command.Directory.
func (d *Directory) PostMessage(_ context.Context, postID string) (string, error) {
	post, err := d.client.Post.GetPost(postID)
	if errors.Is(err, pluginapi.ErrNotFound) {
		return "", fmt.Errorf("post %s: %w", postID, todo.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("reading post %s: %w", postID, err)
	}
	return post.Message, nil
}
