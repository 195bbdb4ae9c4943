package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"
)

func TestConfigurationDefaultsAndValidation(t *testing.T) {
	tests := []struct {
		name     string
		username string
		want     string
		wantErr  bool
	}{
		{name: "empty gets the default", username: "", want: "todo"},
		{name: "trimmed and lower-cased", username: "  Tasks ", want: "tasks"},
		{name: "dots, dashes and underscores", username: "team.todo-bot_1", want: "team.todo-bot_1"},
		{name: "too short", username: "ab", wantErr: true},
		{name: "too long", username: "abcdefghijklmnopqrstuvw", wantErr: true},
		{name: "spaces inside", username: "to do", wantErr: true},
		{name: "starts with a digit", username: "1todo", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &configuration{BotUsername: tc.username}
			c.SetDefaults()
			err := c.IsValid()
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, c.BotUsername)
		})
	}
}

func TestConfigurationCloneIsIndependent(t *testing.T) {
	original := &configuration{BotUsername: "todo"}
	clone := original.Clone()
	clone.BotUsername = "other"
	require.Equal(t, "todo", original.BotUsername)
}

func TestConfigurationWillBeSavedRejectsInvalidSettings(t *testing.T) {
	p := &Plugin{}
	cfg := &model.Config{}
	cfg.PluginSettings.Plugins = map[string]map[string]any{manifestID: {"botusername": "no spaces allowed"}}
	_, err := p.ConfigurationWillBeSaved(cfg)
	require.Error(t, err)

	cfg.PluginSettings.Plugins[manifestID]["botusername"] = "todo"
	_, err = p.ConfigurationWillBeSaved(cfg)
	require.NoError(t, err)
}

// The server refuses a bundle whose executable answers to another id, so the Go constant and
// plugin.json must agree; every declared executable platform must be built by the Makefile.
func TestManifestMatchesServerConstants(t *testing.T) {
	raw, err := os.ReadFile("../plugin.json")
	require.NoError(t, err)
	var manifest model.Manifest
	require.NoError(t, json.Unmarshal(raw, &manifest))
	require.Equal(t, manifestID, manifest.Id)
	require.NoError(t, manifest.IsValid())
	require.ElementsMatch(t,
		[]string{"linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"},
		keys(manifest.Server.Executables))
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestConfigurationFromSettings(t *testing.T) {
	c, err := configurationFromSettings(map[string]any{
		"botusername":          "tasks",
		"triggerwords":         " todo: , !todo ,,",
		"bridgetimeoutseconds": "45",
		"bridgemaxconcurrent":  float64(2),
		"unknownkey":           "ignored",
	})
	require.NoError(t, err)
	require.Equal(t, "tasks", c.BotUsername)
	require.Equal(t, []string{"todo:", "!todo"}, c.triggerWords())
	require.Equal(t, 45, c.BridgeTimeoutSeconds)
	require.Equal(t, 2, c.BridgeMaxConcurrent)

	_, err = configurationFromSettings(map[string]any{"bridgetimeoutseconds": "soon"})
	require.ErrorContains(t, err, "BridgeTimeoutSeconds")
	_, err = configurationFromSettings(map[string]any{"bridgemaxconcurrent": 1.5})
	require.Error(t, err)
	_, err = configurationFromSettings(map[string]any{"botusername": 7.0})
	require.ErrorContains(t, err, "BotUsername")
}

func TestConfigurationBridgeSettings(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(c *configuration)
		wantErr string
	}{
		{name: "built-in needs no tool", edit: func(*configuration) {}},
		{name: "tool without a path", edit: func(c *configuration) { c.BridgeBackend = backendCLI; c.BridgeDataRoot = "/var/lib/todo" }, wantErr: "Executable path is empty"},
		{name: "tool with a relative path", edit: func(c *configuration) {
			c.BridgeBackend = backendCLI
			c.BridgeExecutable = "todo-txt"
			c.BridgeDataRoot = "/var/lib/todo"
		}, wantErr: "not absolute"},
		{name: "tool fully set", edit: func(c *configuration) {
			c.BridgeBackend = backendCLI
			c.BridgePreset = "todo.txt"
			c.BridgeExecutable = "/usr/bin/todo-txt"
			c.BridgeDataRoot = "/var/lib/todo"
		}},
		{name: "timeout out of range", edit: func(c *configuration) {
			c.BridgeBackend = backendCLI
			c.BridgeExecutable = "/usr/bin/todo-txt"
			c.BridgeDataRoot = "/var/lib/todo"
			c.BridgeTimeoutSeconds = 100000
		}, wantErr: "Timeout"},
		{name: "unknown backend", edit: func(c *configuration) { c.BridgeBackend = "cloud" }, wantErr: "backend"},
		{name: "unknown reply visibility", edit: func(c *configuration) { c.ReplyVisibility = "everyone" }, wantErr: "reply visibility"},
		{name: "trigger word with a space", edit: func(c *configuration) { c.TriggerWords = "to do, todo:" }, wantErr: "trigger word"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &configuration{}
			tc.edit(c)
			c.SetDefaults()
			err := c.IsValid()
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}
