package main

import (
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"

	"github.com/channel-todo/channel-todo/server/mattermost"
)

// TestReplyInATodoThreadInTheBotDMIsNotACommand: in the bot's direct channel every post is a
// command, except a reply in a thread the bot started for a todo's comments. The API mock
// fails the test on any call it was not told to expect (an answer would be CreatePost).
func TestReplyInATodoThreadInTheBotDMIsNotACommand(t *testing.T) {
	botID, userID, channelID, rootID := model.NewId(), model.NewId(), model.NewId(), model.NewId()
	api := &plugintest.API{}
	api.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, Type: model.ChannelTypeDirect, Name: model.GetDMNameFromIds(userID, botID)}, nil)
	api.On("GetUser", userID).Return(&model.User{Id: userID, Username: "ann"}, nil)
	api.On("GetConfig").Return(&model.Config{}).Maybe()
	api.On("GetPreferenceForUser", userID, mock.Anything, mock.Anything).Return(model.Preference{}, nil).Maybe()
	root := &model.Post{Id: rootID, UserId: botID, ChannelId: channelID, Message: "📝 #1 Renew the passport"}
	root.AddProp(mattermost.ThreadProp, true)
	api.On("GetPost", rootID).Return(root, nil).Once()
	p := &Plugin{service: newTestService(), translations: testTranslations(t)}
	p.setBotID(botID)
	p.SetAPI(api)
	p.MessageHasBeenPosted(nil, &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, RootId: rootID, Message: "add photos"})
	api.AssertExpectations(t)
}
