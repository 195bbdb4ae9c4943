package mattermost

import (
	"context"
	"fmt"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/remind"
)

// UsersAPI is the part of the plugin API that RemindPeople uses.
type UsersAPI interface {
	GetUser(userID string) (*model.User, *model.AppError)
}

// RemindPeople is remind.People: who a person is over the plugin API, and what they may read
// from the service's rules.
type RemindPeople struct {
	remind.ServiceAccess
	API UsersAPI
	// DefaultLocale is the server's language, for people who chose none.
	DefaultLocale func() string
}

var _ remind.People = RemindPeople{}

// Person returns an active person (not deactivated, not a bot); false for anyone else.
func (r RemindPeople) Person(_ context.Context, userID string) (remind.Person, bool) {
	u, appErr := r.API.GetUser(userID)
	if appErr != nil || u == nil || u.DeleteAt != 0 || u.IsBot {
		return remind.Person{}, false
	}
	locale := u.Locale
	if locale == "" {
		locale = r.DefaultLocale()
	}
	return remind.Person{ID: u.Id, Location: u.GetTimezoneLocation(), Locale: locale}, true
}

// Zones is todo.Zones: a user's Mattermost time zone.
type Zones struct{ API UsersAPI }

// Zone returns the user's preferred time zone's name; "" when the user is unknown.
func (z Zones) Zone(_ context.Context, userID string) string {
	if u, appErr := z.API.GetUser(userID); appErr == nil && u != nil {
		return model.GetPreferredTimezone(u.Timezone)
	}
	return ""
}

// Location returns the user's time zone; UTC when the user is unknown.
func (z Zones) Location(userID string) *time.Location {
	if u, appErr := z.API.GetUser(userID); appErr == nil && u != nil {
		return u.GetTimezoneLocation()
	}
	return time.UTC
}

// DirectAPI is the part of the plugin API that DirectMessage uses.
type DirectAPI interface {
	GetDirectChannel(userID1, userID2 string) (*model.Channel, *model.AppError)
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
}

// DirectMessage posts as the bot in its direct channel with the user.
func DirectMessage(api DirectAPI, botID, userID string, post *model.Post) error {
	ch, appErr := api.GetDirectChannel(userID, botID)
	if appErr != nil {
		return fmt.Errorf("opening the direct channel with %s: %w", userID, appErr)
	}
	post.UserId, post.ChannelId = botID, ch.Id
	post.AddProp("disable_group_highlight", true)
	if _, appErr := api.CreatePost(post); appErr != nil {
		return fmt.Errorf("posting to %s: %w", userID, appErr)
	}
	return nil
}
