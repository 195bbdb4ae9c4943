package main

import (
	"bytes"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/buttons"
	"github.com/channel-todo/channel-todo/server/reactions"
	"github.com/channel-todo/channel-todo/server/todo"
)

func testButtons(t *testing.T) *buttons.Builder {
	t.Helper()
	signer, err := buttons.NewSigner(bytes.Repeat([]byte{7}, 32))
	require.NoError(t, err)
	return buttons.NewBuilder(signer, manifestID)
}

// TestReactionsThatDoNothing checks that reactions which are no door end before the plugin
// changes anything: the API mock fails the test on any call it was not told to expect, so
// neither the service (which would ask for permissions) nor a post update can happen.
func TestReactionsThatDoNothing(t *testing.T) {
	botID, userID, channelID, otherChannel := model.NewId(), model.NewId(), model.NewId(), model.NewId()
	person := &model.User{Id: userID, Username: "ann"}
	personPost := &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, Message: "ship it"}
	card := &model.Post{Id: model.NewId(), UserId: botID, ChannelId: channelID, Message: "Added **#1**"}
	card.AddProp(buttons.PropView, buttons.ViewCard)
	card.AddProp(buttons.PropTodoID, todo.NewID())
	card.AddProp(buttons.PropListID, todo.ChannelScope(otherChannel).ListID())
	botListPost := &model.Post{Id: model.NewId(), UserId: botID, ChannelId: channelID, Message: "#### 1 open todo"}
	botListPost.AddProp(buttons.PropView, buttons.ViewList)

	tests := []struct {
		name     string
		reaction *model.Reaction
		user     *model.User
		post     *model.Post
		settings *configuration
	}{
		{name: "the bot's own reaction", reaction: &model.Reaction{UserId: botID, PostId: card.Id, ChannelId: channelID, EmojiName: reactions.CompleteEmoji}},
		{name: "an emoji that is no door", reaction: &model.Reaction{UserId: userID, PostId: personPost.Id, ChannelId: channelID, EmojiName: "tada"}},
		{name: "the add emoji while adding by reaction is off",
			reaction: &model.Reaction{UserId: userID, PostId: personPost.Id, ChannelId: channelID, EmojiName: "memo"},
			settings: &configuration{ReactionAdds: reactionsOff}},
		{name: "another bot's reaction", reaction: &model.Reaction{UserId: userID, PostId: card.Id, ChannelId: channelID, EmojiName: reactions.CompleteEmoji},
			user: &model.User{Id: userID, IsBot: true}},
		{name: "a deactivated user's reaction", reaction: &model.Reaction{UserId: userID, PostId: card.Id, ChannelId: channelID, EmojiName: reactions.CompleteEmoji},
			user: &model.User{Id: userID, DeleteAt: 5}},
		{name: "✅ on a person's post", reaction: &model.Reaction{UserId: userID, PostId: personPost.Id, ChannelId: channelID, EmojiName: reactions.CompleteEmoji},
			user: person, post: personPost},
		{name: "✅ on the bot's list", reaction: &model.Reaction{UserId: userID, PostId: botListPost.Id, ChannelId: channelID, EmojiName: reactions.CompleteEmoji},
			user: person, post: botListPost},
		{name: "✅ on a card naming another channel's list", reaction: &model.Reaction{UserId: userID, PostId: card.Id, ChannelId: channelID, EmojiName: reactions.CompleteEmoji},
			user: person, post: card},
		{name: "a reaction reported in another channel than its post's", reaction: &model.Reaction{UserId: userID, PostId: personPost.Id, ChannelId: otherChannel, EmojiName: "memo"},
			user: person, post: personPost},
		{name: "the add emoji on the bot's own post", reaction: &model.Reaction{UserId: userID, PostId: card.Id, ChannelId: channelID, EmojiName: "memo"},
			user: person, post: card},
		{name: "remove of the add emoji", reaction: &model.Reaction{UserId: userID, PostId: personPost.Id, ChannelId: channelID, EmojiName: "memo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &plugintest.API{}
			if tt.user != nil {
				api.On("GetUser", tt.user.Id).Return(tt.user, nil).Once()
			}
			if tt.post != nil {
				api.On("GetPost", tt.post.Id).Return(tt.post, nil).Once()
				api.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, Type: model.ChannelTypeOpen, Name: "dev"}, nil).Maybe()
			}
			p := &Plugin{service: newTestService(), translations: testTranslations(t), buttons: testButtons(t)}
			p.setBotID(botID)
			p.SetAPI(api)
			cfg := tt.settings
			if cfg == nil {
				cfg = &configuration{}
			}
			cfg.SetDefaults()
			p.setConfiguration(cfg)
			if tt.name == "remove of the add emoji" {
				p.ReactionHasBeenRemoved(nil, tt.reaction)
			} else {
				p.ReactionHasBeenAdded(nil, tt.reaction)
			}
			api.AssertExpectations(t)
		})
	}
}

func TestReactionSettings(t *testing.T) {
	tests := []struct {
		name      string
		adds      string
		emoji     string
		wantEmoji string
		invalid   bool
	}{
		{name: "defaults", wantEmoji: "memo"},
		{name: "colons and case are forgiven", emoji: " :PushPin: ", wantEmoji: "pushpin"},
		{name: "off", adds: "off", emoji: "memo", wantEmoji: ""},
		{name: "a custom emoji", emoji: "todo-later_2", wantEmoji: "todo-later_2"},
		{name: "spaces inside", emoji: "two words", invalid: true},
		{name: "the emoji that completes", emoji: "white_check_mark", invalid: true},
		{name: "an unknown switch", adds: "sometimes", invalid: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &configuration{ReactionAdds: tt.adds, ReactionAddEmoji: tt.emoji}
			c.SetDefaults()
			err := c.IsValid()
			if tt.invalid {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.wantEmoji, c.addEmoji())
		})
	}
}
