package main

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
)

// botAPI is a plugin API on which Mattermost's EnsureBot answers with ensured (the id it hands
// back) and the users in accounts exist. Any call not listed fails the test, so a person's
// account that the plugin touched (a picture, a post) shows up as an unexpected call.
func botAPI(t *testing.T, ensured string, accounts ...*model.User) *plugintest.API {
	t.Helper()
	api := &plugintest.API{}
	api.On("GetServerVersion").Return("11.4.0").Maybe()
	api.On("GetConfig").Return(&model.Config{}).Maybe()
	api.On("KVSetWithOptions", mock.Anything, mock.Anything, mock.Anything).Return(true, nil).Maybe()
	api.On("EnsureBotUser", mock.Anything).Return(ensured, nil).Maybe()
	api.On("LogError", mock.Anything, mock.Anything, mock.Anything).Maybe()
	api.On("GetBundlePath").Return(bundleWithPicture(t), nil).Maybe()
	for _, u := range accounts {
		api.On("GetUser", u.Id).Return(u, nil).Maybe()
		api.On("GetUserByUsername", u.Username).Return(u, nil).Maybe()
	}
	api.On("GetUserByUsername", mock.Anything).Return(nil, model.NewAppError("GetUserByUsername", "store.sql_user.missing_account.const", nil, "", http.StatusNotFound)).Maybe()
	return api
}

func bundleWithPicture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "assets"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "assets", "profile.png"), []byte("png"), 0o644))
	return dir
}

// TestEnsureBotNeverActsAsAPerson: when a person has the bot's username, Mattermost's EnsureBot
// hands back that person's id. The plugin must refuse, say why, and leave the person alone (no
// new picture), whether the person had the name before the check or took it just after.
func TestEnsureBotNeverActsAsAPerson(t *testing.T) {
	person := &model.User{Id: model.NewId(), Username: "alice"}
	bot := &model.User{Id: model.NewId(), Username: "alice", IsBot: true}
	tests := []struct {
		name     string
		ensured  string
		accounts []*model.User
		lookup   *model.User // what GetUserByUsername finds, when it differs from accounts
		wantErr  string
	}{
		{name: "a person has the name", ensured: person.Id, accounts: []*model.User{person}, wantErr: `bot username "alice" belongs to a person's account (@alice)`},
		{name: "a person took the name after the check", ensured: person.Id, lookup: &model.User{}, accounts: []*model.User{person}, wantErr: "belongs to a person's account"},
		{name: "a free name makes the bot", ensured: bot.Id, accounts: []*model.User{bot}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			api := &plugintest.API{}
			if tc.lookup != nil {
				// The username lookup misses; the account appears only when EnsureBot runs.
				api.On("GetUserByUsername", "alice").Return(nil, model.NewAppError("GetUserByUsername", "missing", nil, "", http.StatusNotFound))
			}
			base := botAPI(t, tc.ensured, tc.accounts...)
			api.ExpectedCalls = append(api.ExpectedCalls, base.ExpectedCalls...)
			if tc.wantErr == "" {
				api.On("SetProfileImage", bot.Id, []byte("png")).Return(nil).Once()
			}
			p := &Plugin{}
			p.SetAPI(api)
			p.client = pluginapi.NewClient(api, nil)

			err := p.ensureBot("alice")

			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				require.Empty(t, p.getBotID())
				api.AssertNotCalled(t, "SetProfileImage", mock.Anything, mock.Anything)
				return
			}
			require.NoError(t, err)
			require.Equal(t, bot.Id, p.getBotID())
			api.AssertExpectations(t)
		})
	}
}

// TestRenameNeverAdoptsAPerson: an admin renames the bot to a person's username (through the
// config file or an API that skips ConfigurationWillBeSaved). The rename is refused, the
// person keeps their picture, and the plugin keeps answering to the old name, so mentions of
// the person are not taken as commands.
func TestRenameNeverAdoptsAPerson(t *testing.T) {
	botID := model.NewId()
	person := &model.User{Id: model.NewId(), Username: "alice"}
	api := botAPI(t, person.Id, person)
	api.On("GetPluginConfig").Return(map[string]any{"botusername": "alice"})
	p := &Plugin{}
	p.SetAPI(api)
	p.client = pluginapi.NewClient(api, nil)
	p.setBotID(botID)
	previous := &configuration{}
	previous.SetDefaults()
	p.setConfiguration(previous)

	err := p.OnConfigurationChange()

	require.ErrorContains(t, err, `bot username "alice" belongs to a person's account`)
	require.Equal(t, "todo", p.getConfiguration().BotUsername)
	require.Equal(t, botID, p.getBotID())
	api.AssertNotCalled(t, "SetProfileImage", mock.Anything, mock.Anything)
}

// TestConfigurationWillBeSavedRefusesAPersonsUsername: the System Console refuses to save a
// bot username that a person has, with a message that says what to do; a bot's or a free
// name saves.
func TestConfigurationWillBeSavedRefusesAPersonsUsername(t *testing.T) {
	person := &model.User{Id: model.NewId(), Username: "alice"}
	bot := &model.User{Id: model.NewId(), Username: "todo", IsBot: true}
	tests := []struct {
		username string
		wantErr  string
	}{
		{username: "alice", wantErr: `Channel Todo: bot username "alice" belongs to a person's account (@alice): choose another bot username, or rename that account first`},
		{username: "todo"},
		{username: "tasks"},
	}
	for _, tc := range tests {
		t.Run(tc.username, func(t *testing.T) {
			api := botAPI(t, "", person, bot)
			p := &Plugin{}
			p.SetAPI(api)
			cfg := &model.Config{}
			cfg.PluginSettings.Plugins = map[string]map[string]any{manifestID: {"botusername": tc.username}}

			_, err := p.ConfigurationWillBeSaved(cfg)

			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			var appErr *model.AppError
			require.ErrorAs(t, err, &appErr)
			require.Contains(t, appErr.Message, tc.wantErr)
		})
	}
}
