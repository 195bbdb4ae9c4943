package mattermost

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// ChannelFinder is the part of the plugin API that resolves the BridgeChannels setting.
type ChannelFinder interface {
	GetChannel(channelID string) (*model.Channel, *model.AppError)
	GetChannelByNameForTeamName(teamName, channelName string, includeDeleted bool) (*model.Channel, *model.AppError)
}

// ResolveBridgeChannels turns `team-name/channel-name` entries and channel ids into a set of
// channel ids, and returns the entries that name no channel.
func ResolveBridgeChannels(api ChannelFinder, entries []string) (map[string]bool, []string) {
	ids := make(map[string]bool, len(entries))
	var unknown []string
	for _, entry := range entries {
		if team, name, ok := strings.Cut(entry, "/"); ok {
			ch, appErr := api.GetChannelByNameForTeamName(strings.TrimSpace(team), strings.TrimSpace(name), false)
			if appErr != nil || ch == nil {
				unknown = append(unknown, entry)
				continue
			}
			ids[ch.Id] = true
			continue
		}
		if !model.IsValidId(entry) {
			unknown = append(unknown, entry)
			continue
		}
		if ch, appErr := api.GetChannel(entry); appErr != nil || ch == nil {
			unknown = append(unknown, entry)
			continue
		}
		ids[entry] = true
	}
	return ids, unknown
}
