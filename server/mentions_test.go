package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func testTranslations(t *testing.T) *i18n.Translations {
	t.Helper()
	tr, err := i18n.LoadTranslations(os.DirFS(filepath.Join("..", "assets", "i18n")))
	require.NoError(t, err)
	return tr
}

// TestMessageHasBeenPostedIgnores checks that posts the bot must not answer end before the
// plugin does anything: the API mock fails the test on any call it was not told to expect.
func TestMessageHasBeenPostedIgnores(t *testing.T) {
	botID, userID, channelID := model.NewId(), model.NewId(), model.NewId()
	otherBot := &model.User{Id: userID, Username: "helper", IsBot: true}
	withProp := func(key string, value any) *model.Post {
		p := &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, Message: "@todo add x"}
		p.AddProp(key, value)
		return p
	}
	tests := []struct {
		name    string
		post    *model.Post
		user    *model.User
		channel *model.Channel
	}{
		{name: "the bot's own post", post: &model.Post{UserId: botID, ChannelId: channelID, Message: "@todo add x"}},
		{name: "the bot's own post starting with a trigger word", post: &model.Post{UserId: botID, ChannelId: channelID, Message: "Added **#1**"}},
		{name: "a system message", post: &model.Post{UserId: userID, ChannelId: channelID, Type: model.PostTypeJoinChannel, Message: "@todo joined"}},
		{name: "a webhook", post: withProp(model.PostPropsFromWebhook, "true")},
		{name: "a bot's post by its props", post: withProp(model.PostPropsFromBot, "true")},
		{name: "another plugin", post: withProp(model.PostPropsFromPlugin, true)},
		{name: "an OAuth app", post: withProp(model.PostPropsFromOAuthApp, "true")},
		{name: "another bot account", post: &model.Post{UserId: userID, ChannelId: channelID, Message: "@todo add x"}, user: otherBot},
		{name: "a post not addressed to the bot", post: &model.Post{UserId: userID, ChannelId: channelID, Message: "todo: later"},
			channel: &model.Channel{Id: channelID, Type: model.ChannelTypeOpen, Name: "town-square"}},
		{name: "a direct message between people", post: &model.Post{UserId: userID, ChannelId: channelID, Message: "lunch?"},
			channel: &model.Channel{Id: channelID, Type: model.ChannelTypeDirect, Name: model.GetDMNameFromIds(userID, model.NewId())}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &plugintest.API{}
			if tt.user != nil {
				api.On("GetUser", tt.user.Id).Return(tt.user, nil).Once()
			}
			if tt.channel != nil {
				api.On("GetChannel", tt.channel.Id).Return(tt.channel, nil).Once()
			}
			p := &Plugin{service: newTestService(), translations: testTranslations(t)}
			p.setBotID(botID)
			p.SetAPI(api)
			p.MessageHasBeenPosted(nil, tt.post)
			api.AssertExpectations(t)
		})
	}
}

// TestMentionInTheMiddleGetsAHint checks that a post mentioning the bot elsewhere than at
// its start is answered, privately, with how to give a command.
func TestMentionInTheMiddleGetsAHint(t *testing.T) {
	botID, userID, channelID := model.NewId(), model.NewId(), model.NewId()
	post := &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, Message: "thanks @todo!"}
	api := &plugintest.API{}
	api.On("GetUser", userID).Return(&model.User{Id: userID, Locale: "zh-CN"}, nil)
	api.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, Type: model.ChannelTypeOpen, Name: "dev"}, nil)
	api.On("GetConfig").Return(&model.Config{})
	var sent *model.Post
	api.On("SendEphemeralPost", userID, mock.AnythingOfType("*model.Post")).Run(func(args mock.Arguments) {
		sent = args.Get(1).(*model.Post)
	}).Return(nil).Once()
	p := &Plugin{service: newTestService(), translations: testTranslations(t)}
	p.setBotID(botID)
	p.SetAPI(api)
	p.MessageHasBeenPosted(nil, post)
	api.AssertExpectations(t)
	require.NotNil(t, sent)
	require.Equal(t, botID, sent.UserId)
	require.Equal(t, post.Id, sent.RootId)
	require.Contains(t, sent.Message, "`@todo`")
	require.Contains(t, sent.Message, "要给我下命令")
}

func newTestService() *todo.Service {
	return todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: todotest.NewAuthorizer()}, todo.Config{})
}

// TestBotDMLookupIsRemembered checks that ordinary posts cost one channel lookup per channel,
// not one per post: every post on the server passes through MessageHasBeenPosted.
func TestBotDMLookupIsRemembered(t *testing.T) {
	botID, userID, channelID := model.NewId(), model.NewId(), model.NewId()
	api := &plugintest.API{}
	api.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, Type: model.ChannelTypeOpen, Name: "dev"}, nil).Once()
	p := &Plugin{service: newTestService(), translations: testTranslations(t)}
	p.setBotID(botID)
	p.SetAPI(api)
	for _, message := range []string{"good morning", "lunch at noon?", "see you"} {
		p.MessageHasBeenPosted(nil, &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, Message: message})
	}
	api.AssertExpectations(t)
}

// TestCommandsReadTheServerConfigOnlyOnChange (issue 9.10): a command used to copy the
// whole server configuration over RPC twice (language, then site URL). The plugin reads it
// when it changes; commands read none. This test failed before (GetConfig called 6 times).
func TestCommandsReadTheServerConfigOnlyOnChange(t *testing.T) {
	userID, channelID := model.NewId(), model.NewId()
	api := &plugintest.API{}
	locale, site := "de", "https://chat.example.com/"
	api.On("GetConfig").Return(&model.Config{
		LocalizationSettings: model.LocalizationSettings{DefaultClientLocale: &locale},
		ServiceSettings:      model.ServiceSettings{SiteURL: &site},
	}).Once()
	api.On("GetPluginConfig").Return(map[string]any{})
	api.On("GetUser", userID).Return(&model.User{Id: userID}, nil)
	api.On("GetChannel", channelID).Return(&model.Channel{Id: channelID, Type: model.ChannelTypeOpen, Name: "dev"}, nil)
	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channelID, Type: "O"})
	auth.AddMember(channelID, userID)
	p := &Plugin{
		service:      todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth}, todo.Config{}),
		translations: testTranslations(t),
	}
	p.SetAPI(api)
	require.NoError(t, p.OnConfigurationChange())
	for _, text := range []string{"/todo add eins", "/todo list", "/todo add zwei"} {
		resp, appErr := p.ExecuteCommand(nil, &model.CommandArgs{UserId: userID, ChannelId: channelID, Command: text})
		require.Nil(t, appErr)
		require.NotEmpty(t, resp.Text)
	}
	api.AssertExpectations(t)
	api.AssertNumberOfCalls(t, "GetConfig", 1)
	require.Equal(t, serverSettings{locale: "de", siteURL: "https://chat.example.com"}, p.settings())
}

// TestBotDMCacheIsBounded: the answers remembered for "is this a direct channel with the bot"
// stay within the limit however many channels post, the least recently used going first; a
// forgotten channel is looked up again.
func TestBotDMCacheIsBounded(t *testing.T) {
	botID, userID := model.NewId(), model.NewId()
	channels := make([]string, 5)
	api := &plugintest.API{}
	for i := range channels {
		channels[i] = model.NewId()
		api.On("GetChannel", channels[i]).Return(&model.Channel{Id: channels[i], Type: model.ChannelTypeOpen, Name: "c"}, nil)
	}
	p := &Plugin{service: newTestService(), translations: testTranslations(t)}
	p.setBotID(botID)
	p.botDMChannels.Limit = 3
	p.SetAPI(api)
	post := func(channelID string) {
		p.MessageHasBeenPosted(nil, &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, Message: "hello"})
	}

	for _, ch := range channels {
		post(ch)
		require.LessOrEqual(t, p.botDMChannels.Len(), 3)
	}
	require.Equal(t, 3, p.botDMChannels.Len())
	post(channels[4]) // remembered: no second lookup
	api.AssertNumberOfCalls(t, "GetChannel", 5)
	post(channels[0]) // forgotten: looked up again
	api.AssertNumberOfCalls(t, "GetChannel", 6)

	// The default limit applies when none is set.
	var c mattermost.BotDMCache
	for i := 0; i < mattermost.BotDMCacheSize+10; i++ {
		c.Put(model.NewId(), false)
	}
	require.Equal(t, mattermost.BotDMCacheSize, c.Len())
}

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
