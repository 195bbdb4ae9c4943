// Package mattermost adapts the Mattermost plugin API to the interfaces the
// todo service depends on.
package mattermost

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/pluginapi"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Authorizer answers the service's permission questions with Mattermost's
// own permission system. It also implements todo.Directory.
type Authorizer struct {
	client *pluginapi.Client
}

var (
	_ todo.Authorizer = (*Authorizer)(nil)
	_ todo.Directory  = (*Authorizer)(nil)
)

// NewAuthorizer returns an Authorizer over the plugin's pluginapi client.
func NewAuthorizer(client *pluginapi.Client) *Authorizer {
	return &Authorizer{client: client}
}

// Channel returns the channel's type, team and whether it is archived.
func (a *Authorizer) Channel(_ context.Context, channelID string) (todo.Channel, error) {
	ch, err := a.client.Channel.Get(channelID)
	if errors.Is(err, pluginapi.ErrNotFound) {
		return todo.Channel{}, fmt.Errorf("channel %s: %w", channelID, todo.ErrNotFound)
	}
	if err != nil {
		return todo.Channel{}, fmt.Errorf("getting channel %s: %w", channelID, err)
	}
	return todo.Channel{ID: ch.Id, TeamID: ch.TeamId, Type: string(ch.Type), Archived: ch.DeleteAt != 0}, nil
}

// CanRead: members (by their channel roles) may read a channel; a public
// channel can also be read by whoever may read the team's public channels,
// as in Mattermost itself.
func (a *Authorizer) CanRead(ctx context.Context, userID, channelID string) bool {
	if a.client.User.HasPermissionToChannel(userID, channelID, model.PermissionReadChannel) {
		return true
	}
	ch, err := a.Channel(ctx, channelID)
	if err != nil || ch.Type != string(model.ChannelTypeOpen) || ch.TeamID == "" {
		return false
	}
	return a.client.User.HasPermissionToTeam(userID, ch.TeamID, model.PermissionReadPublicChannel)
}

// CanPost reports whether the user may create posts in the channel.
func (a *Authorizer) CanPost(_ context.Context, userID, channelID string) bool {
	return a.client.User.HasPermissionToChannel(userID, channelID, model.PermissionCreatePost)
}

// IsChannelAdmin is true for system admins, the channel's admins and the
// admins of the channel's team.
func (a *Authorizer) IsChannelAdmin(ctx context.Context, userID, channelID string) bool {
	if a.client.User.HasPermissionTo(userID, model.PermissionManageSystem) {
		return true
	}
	member, err := a.client.Channel.GetMember(channelID, userID)
	if err == nil && (member.SchemeAdmin || hasRole(member.Roles, model.ChannelAdminRoleId)) {
		return true
	}
	ch, err := a.Channel(ctx, channelID)
	if err != nil || ch.TeamID == "" {
		return false
	}
	return a.client.User.HasPermissionToTeam(userID, ch.TeamID, model.PermissionManageTeam)
}

func hasRole(roles, role string) bool {
	for _, r := range strings.Fields(roles) {
		if r == role {
			return true
		}
	}
	return false
}

// UserExists reports whether the id names an active (not deactivated) user.
func (a *Authorizer) UserExists(_ context.Context, userID string) bool {
	u, err := a.client.User.Get(userID)
	return err == nil && u != nil && u.DeleteAt == 0
}

// Username implements todo.Directory for exports.
func (a *Authorizer) Username(_ context.Context, userID string) (string, bool) {
	u, err := a.client.User.Get(userID)
	if err != nil || u == nil {
		return "", false
	}
	return u.Username, true
}
