package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// TestHooksTakeConcurrentCalls drives the hooks Mattermost calls from many goroutines at once
// (ServeHTTP, OnConfigurationChange, MessageHasBeenPosted, ExecuteCommand) against one plugin,
// while the settings flip between two edit policies, trigger words and bot usernames (a rename
// replaces the bot's id). Run under -race (make test does), it fails on any unguarded shared
// state; without -race it still checks that every todo asked for was added exactly once.
func TestHooksTakeConcurrentCalls(t *testing.T) {
	const rounds = 25
	channelID, userID, botID := model.NewId(), model.NewId(), model.NewId()
	user := &model.User{Id: userID, Username: "alice", Locale: "en"}
	bot := &model.User{Id: botID, Username: "todo", IsBot: true}
	channel := &model.Channel{Id: channelID, TeamId: model.NewId(), Type: model.ChannelTypeOpen, Name: "dev"}

	a := &plugintest.API{}
	var configs atomic.Int64
	a.On("GetPluginConfig").Return(func() map[string]any {
		if configs.Add(1)%2 == 0 {
			return map[string]any{"editpolicy": "creator_and_admins", "triggerwords": "!todo, todo:", "botusername": "tasks"}
		}
		return map[string]any{"editpolicy": "anyone", "triggerwords": "!todo", "botusername": "todo"}
	})
	a.On("GetUser", userID).Return(user, nil)
	a.On("GetUser", botID).Return(bot, nil)
	a.On("GetChannel", channelID).Return(channel, nil)
	a.On("GetTeam", mock.Anything).Return(&model.Team{Name: "eng"}, nil)
	a.On("GetConfig").Return(&model.Config{})
	a.On("GetUserByUsername", mock.Anything).Return(nil, model.NewAppError("GetUserByUsername", "missing", nil, "", http.StatusNotFound))
	a.On("GetServerVersion").Return("11.4.0")
	a.On("KVSetWithOptions", mock.Anything, mock.Anything, mock.Anything).Return(true, nil)
	a.On("EnsureBotUser", mock.Anything).Return(botID, nil)
	a.On("GetBundlePath").Return(bundleWithPicture(t), nil)
	a.On("SetProfileImage", botID, mock.Anything).Return(nil)
	var posted atomic.Int64
	a.On("CreatePost", mock.Anything).Run(func(args mock.Arguments) { posted.Add(1) }).Return(&model.Post{}, nil)
	a.On("SendEphemeralPost", mock.Anything, mock.Anything).Return(&model.Post{})
	for _, level := range []string{"LogError", "LogWarn", "LogInfo", "LogDebug"} {
		a.On(level, mock.Anything).Maybe()
		a.On(level, mock.Anything, mock.Anything, mock.Anything).Maybe()
		a.On(level, mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).Maybe()
	}

	auth := todotest.NewAuthorizer()
	auth.AddChannel(todo.Channel{ID: channelID, Type: "O"})
	auth.AddMember(channelID, userID)
	posts := todotest.NewPosts()
	svc := todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth, Posts: posts, Publisher: &todotest.Publisher{}}, todo.Config{})
	p := &Plugin{service: svc, translations: testTranslations(t)}
	p.SetAPI(a)
	p.client = pluginapi.NewClient(a, nil)
	p.setBotID(botID)
	require.NoError(t, p.OnConfigurationChange())
	p.router = newRouter(api.NewRouter(svc, &p.client.Log), p.suggestions())

	var wg sync.WaitGroup
	run := func(fn func(i int)) {
		for i := 0; i < rounds; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fn(i)
			}()
		}
	}
	run(func(int) {
		// Errors are expected here (a rename may meet the other flip); races are not.
		_ = p.OnConfigurationChange()
	})
	run(func(i int) {
		body := fmt.Sprintf(`{"text": "rest %d"}`, i)
		req := httptest.NewRequest(http.MethodPost, "/api/v1/channels/"+channelID+"/todos", strings.NewReader(body))
		req.Header.Set("Mattermost-User-ID", userID)
		rec := httptest.NewRecorder()
		p.ServeHTTP(nil, rec, req)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		list := httptest.NewRequest(http.MethodGet, "/api/v1/channels/"+channelID+"/todos", nil)
		list.Header.Set("Mattermost-User-ID", userID)
		p.ServeHTTP(nil, httptest.NewRecorder(), list)
	})
	run(func(i int) {
		resp, appErr := p.ExecuteCommand(nil, &model.CommandArgs{UserId: userID, ChannelId: channelID, Command: fmt.Sprintf("/todo add slash %d", i)})
		require.Nil(t, appErr)
		require.Contains(t, resp.Text, "Added")
	})
	run(func(i int) {
		// "!todo" is a trigger word under both settings, so every one of these is a command.
		post := &model.Post{Id: model.NewId(), UserId: userID, ChannelId: channelID, Message: fmt.Sprintf("!todo add mention %d", i)}
		posts.Add(todo.Post{ID: post.Id, ChannelID: channelID})
		p.MessageHasBeenPosted(nil, post)
	})
	wg.Wait()

	page, err := svc.List(t.Context(), userID, todo.ListQuery{Scope: todo.ChannelScope(channelID), Filter: todo.Filter{State: "all", Limit: todo.MaxPageSize}})
	require.NoError(t, err)
	counts := map[string]int{}
	for _, td := range page.Todos {
		counts[td.Text]++
	}
	for i := 0; i < rounds; i++ {
		for _, door := range []string{"rest", "slash", "mention"} {
			require.Equal(t, 1, counts[fmt.Sprintf("%s %d", door, i)], "%s %d", door, i)
		}
	}
	require.Len(t, page.Todos, 3*rounds)
	require.Equal(t, int64(rounds), posted.Load(), "each mention was answered in its thread")
}
