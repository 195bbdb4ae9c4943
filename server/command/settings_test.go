package command

import (
	"context"
	"testing"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func TestParseSettings(t *testing.T) {
	tests := []struct {
		text    string
		setting string
		on      bool
		time    string
		usage   bool
		isAdd   bool
	}{
		{text: "settings"},
		{text: "settings digest on 09:00", setting: "digest", on: true, time: "09:00"},
		{text: "SETTINGS Digest 7:30", setting: "digest", on: true, time: "07:30"},
		{text: "settings digest off", setting: "digest"},
		{text: "settings completion on", setting: "completion", on: true},
		{text: "settings completion off", setting: "completion"},
		{text: "settings digest on", usage: true},
		{text: "settings digest at noon", usage: true},
		{text: "settings digest on 25:00", usage: true},
		{text: "settings completion maybe", usage: true},
		{text: "settings for the projector", isAdd: true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			req, err := Parse(tt.text, testNow, testZone)
			if tt.usage {
				var ue *UsageError
				require.ErrorAs(t, err, &ue)
				require.Equal(t, i18n.MsgSettingsUsage, ue.ID)
				return
			}
			require.NoError(t, err)
			if tt.isAdd {
				require.Equal(t, VerbAdd, req.Verb)
				return
			}
			require.Equal(t, VerbSettings, req.Verb)
			require.Equal(t, tt.setting, req.Setting)
			require.Equal(t, tt.on, req.On)
			require.Equal(t, tt.time, req.Time)
		})
	}
}

// UserPrefs are a person's settings as the service keeps them.
type UserPrefs = todo.UserSettings

type memPrefs struct {
	prefs map[string]UserPrefs
}

func (m *memPrefs) UserSettings(_ context.Context, id string) (UserPrefs, error) {
	return m.prefs[id], nil
}
func (m *memPrefs) SetUserSettings(_ context.Context, id string, p UserPrefs) error {
	m.prefs[id] = p
	return nil
}

func TestSettingsAreTheActorsOwnAndPrivate(t *testing.T) {
	tr := loadTestTranslations(t)
	prefs := &memPrefs{prefs: map[string]UserPrefs{}}
	svc := todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: todotest.NewAuthorizer(), Settings: prefs}, todo.Config{})
	e := &Executor{Service: svc, Translations: tr}
	run := func(text string) Outcome {
		return e.Execute(context.Background(), Call{UserID: "ann", ChannelID: "chan", Locale: "en", Text: text})
	}
	out := run("settings digest on 08:15")
	require.True(t, out.Private)
	require.Contains(t, out.Text, "08:15")
	require.Equal(t, UserPrefs{DigestTime: "08:15"}, prefs.prefs["ann"])
	run("settings completion on")
	require.Equal(t, UserPrefs{DigestTime: "08:15", NotifyCompletion: true}, prefs.prefs["ann"])
	require.Contains(t, run("settings").Text, "daily digest 08:15; completion notices on")
	run("settings digest off")
	require.Equal(t, UserPrefs{NotifyCompletion: true}, prefs.prefs["ann"])

	svc.SetConfig(todo.Config{DigestsOff: true})
	out = run("settings digest on 09:00")
	require.True(t, out.Failed)
	require.Contains(t, out.Text, "turned daily digests off")
	require.Equal(t, "", prefs.prefs["ann"].DigestTime)
}
