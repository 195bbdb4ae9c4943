package mattermost

import (
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/command"
)

// CallersAPI is the part of the plugin API that Callers uses.
type CallersAPI interface {
	GetUser(userID string) (*model.User, *model.AppError)
	GetChannel(channelID string) (*model.Channel, *model.AppError)
}

// Callers starts the command calls of people in channels: their language, their time zone,
// and whether the channel is their direct channel with the bot.
type Callers struct {
	API   CallersAPI
	BotID string
	// DefaultLocale is the server's language, for people who chose none.
	DefaultLocale func() string
	// BotDMs remembers which channels are direct channels with the bot.
	BotDMs *BotDMCache
}

// CallFor starts a command.Call for the actor in a channel.
func (c Callers) CallFor(userID, channelID string) command.Call {
	user, appErr := c.API.GetUser(userID)
	if appErr != nil {
		user = nil
	}
	return c.CallForUser(userID, user, channelID)
}

// CallForUser is CallFor for a caller who already has the user (nil when unknown).
func (c Callers) CallForUser(userID string, user *model.User, channelID string) command.Call {
	call := command.Call{UserID: userID, ChannelID: channelID, Locale: c.DefaultLocale(), Location: time.UTC}
	if user != nil {
		if user.Locale != "" {
			call.Locale = user.Locale
		}
		call.Location = user.GetTimezoneLocation()
	}
	call.BotDM = c.IsBotDM(channelID)
	return call
}

// IsBotDM reports whether channelID is a direct channel with the bot. The answer is needed for
// every post on the server, and most are in channels seen recently, so recent answers are
// remembered (a bounded number of them, see BotDMCache).
func (c Callers) IsBotDM(channelID string) bool {
	if known, ok := c.BotDMs.Get(channelID); ok {
		return known
	}
	ch, appErr := c.API.GetChannel(channelID)
	if appErr != nil || ch == nil {
		return false // not cached: the lookup may work next time
	}
	dm := ch.Type == model.ChannelTypeDirect && c.BotID != "" && strings.Contains(ch.Name, c.BotID)
	c.BotDMs.Put(channelID, dm)
	return dm
}
