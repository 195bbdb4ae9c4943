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

	"github.com/channel-todo/channel-todo/server/store"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Authorizer answers the service's permission questions with Mattermost's
// own permission system. It also implements todo.Directory.
type Authorizer struct {
	client   *pluginapi.Client
	channels ChannelFacts
}

// ChannelFacts reads which of many channels a user is a member of, with
// their type and team, in one statement (store.ChannelAccess).
type ChannelFacts interface {
	Facts(ctx context.Context, userID string, channelIDs []string) ([]store.ChannelFacts, error)
}

var (
	_ todo.Authorizer = (*Authorizer)(nil)
	_ todo.Directory  = (*Authorizer)(nil)
)

// NewAuthorizer returns an Authorizer over the plugin's pluginapi client.
// channels answers Readable in bulk; nil makes Readable ask CanRead for each
// channel.
func NewAuthorizer(client *pluginapi.Client, channels ChannelFacts) *Authorizer {
	return &Authorizer{client: client, channels: channels}
}

// Channel returns the channel's type, team and whether it is archived.
func (a *Authorizer) Channel(ctx context.Context, channelID string) (todo.Channel, error) {
	ch, err := MemoChannel(ctx, channelID, func() (*model.Channel, error) { return a.client.Channel.Get(channelID) })
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
	if a.hasPermissionToChannel(ctx, userID, channelID, model.PermissionReadChannel) {
		return true
	}
	ch, err := a.Channel(ctx, channelID)
	if err != nil || ch.Type != string(model.ChannelTypeOpen) || ch.TeamID == "" {
		return false
	}
	return a.client.User.HasPermissionToTeam(userID, ch.TeamID, model.PermissionReadPublicChannel)
}

// Readable answers CanRead for many channels at once, with the same rules,
// in one statement plus at most two plugin-API calls per team involved:
//   - a member of a channel (archived ones included) reads it: the channel
//     roles every member has (channel user, guest, admin) grant
//     read_channel, which Mattermost does not let a scheme remove;
//   - for a non-member, Mattermost's HasPermissionToChannel falls back to
//     the team's roles (or, outside teams, the system's), and CanRead adds
//     read_public_channel on the team for public channels; both depend on
//     the team alone, so they are asked once per team;
//   - a channel missing from the table is asked about on its own, as before.
func (a *Authorizer) Readable(ctx context.Context, userID string, channelIDs []string) ([]string, error) {
	out := []string{}
	if a.channels == nil {
		for _, c := range channelIDs {
			if a.CanRead(ctx, userID, c) {
				out = append(out, c)
			}
		}
		return out, nil
	}
	facts, err := a.channels.Facts(ctx, userID, channelIDs)
	if err != nil {
		return nil, err
	}
	known := make(map[string]store.ChannelFacts, len(facts))
	for _, f := range facts {
		known[f.ID] = f
	}
	teamRead := map[string]bool{}   // read_channel through team (or system) roles
	publicRead := map[string]bool{} // read_public_channel on the team
	ask := func(memo map[string]bool, key string, check func() bool) bool {
		if v, ok := memo[key]; ok {
			return v
		}
		v := check()
		memo[key] = v
		return v
	}
	for _, id := range channelIDs {
		f, ok := known[id]
		switch {
		case !ok:
			if a.CanRead(ctx, userID, id) {
				out = append(out, id)
			}
		case f.Member:
			out = append(out, id)
		case ask(teamRead, f.TeamID, func() bool {
			if f.TeamID == "" {
				return a.client.User.HasPermissionTo(userID, model.PermissionReadChannel)
			}
			return a.client.User.HasPermissionToTeam(userID, f.TeamID, model.PermissionReadChannel)
		}):
			out = append(out, id)
		case f.Type == string(model.ChannelTypeOpen) && f.TeamID != "" && ask(publicRead, f.TeamID, func() bool {
			return a.client.User.HasPermissionToTeam(userID, f.TeamID, model.PermissionReadPublicChannel)
		}):
			out = append(out, id)
		}
	}
	return out, nil
}

// CanPost reports whether the user may create posts in the channel.
func (a *Authorizer) CanPost(ctx context.Context, userID, channelID string) bool {
	return a.hasPermissionToChannel(ctx, userID, channelID, model.PermissionCreatePost)
}

// hasPermissionToChannel asks Mattermost, once per request whose context has a memo
// (WithChannelMemo): the service may ask while a door's early check is still waiting for the
// same answer.
func (a *Authorizer) hasPermissionToChannel(ctx context.Context, userID, channelID string, permission *model.Permission) bool {
	return memoAllowed(ctx, permissionKey{userID, channelID, permission.Id}, func() bool {
		return a.client.User.HasPermissionToChannel(userID, channelID, permission)
	})
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

// IsSystemAdmin is true for those who may manage the whole system.
func (a *Authorizer) IsSystemAdmin(_ context.Context, userID string) bool {
	return a.client.User.HasPermissionTo(userID, model.PermissionManageSystem)
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
