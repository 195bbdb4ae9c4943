package dialog

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

type cardViews struct{ people }

func (cardViews) Card(_ context.Context, _ i18n.Localizer, t todo.Todo) (string, string) {
	return "card of " + t.Text, ""
}

func TestDoorOpensTheAddFormOnlyWithATrigger(t *testing.T) {
	f := newFixture(t)
	api := &plugintest.API{}
	door := &Door{Form: f.form, API: api, BotID: func() string { return "bot" }, Views: cardViews{f.form.People.(people)}, Timeout: time.Second}

	require.False(t, door.OpenAdd(&model.CommandArgs{ChannelId: f.channel}, "en"), "no trigger id, no form")
	var none *Door
	require.False(t, none.OpenAdd(&model.CommandArgs{TriggerId: "t", ChannelId: f.channel}, "en"), "no door, no form")

	api.On("OpenInteractiveDialog", mock.MatchedBy(func(r model.OpenDialogRequest) bool {
		return r.TriggerId == "ok" && r.Dialog.CallbackId == CallbackAdd
	})).Return(nil).Once()
	require.True(t, door.OpenAdd(&model.CommandArgs{TriggerId: "ok", ChannelId: f.channel, UserId: f.member}, "en"))

	api.On("OpenInteractiveDialog", mock.Anything).Return(model.NewAppError("OpenInteractiveDialog", "x", nil, "", http.StatusBadRequest)).Once()
	api.On("LogWarn", "Opening the add dialog failed", "user_id", f.member, "error", mock.Anything).Once()
	require.False(t, door.OpenAdd(&model.CommandArgs{TriggerId: "stale", ChannelId: f.channel, UserId: f.member}, "en"),
		"a refused form is answered as before")
	api.AssertExpectations(t)
}

func TestDoorTellsTheEditorAlone(t *testing.T) {
	f := newFixture(t)
	api := &plugintest.API{}
	door := &Door{Form: f.form, API: api, BotID: func() string { return "bot" }, Views: cardViews{f.form.People.(people)}, Timeout: time.Second}
	var sent *model.Post
	api.On("SendEphemeralPost", f.member, mock.Anything).Run(func(args mock.Arguments) { sent = args.Get(1).(*model.Post) }).Return(&model.Post{}).Once()
	door.Edited(f.member, f.channel, "en", todo.Todo{Number: 3, Text: "Renew @all passports"})
	api.AssertExpectations(t)
	require.Equal(t, "bot", sent.UserId)
	require.Equal(t, f.channel, sent.ChannelId)
	require.Contains(t, sent.Message, "#3")
	require.Equal(t, true, sent.GetProp("disable_group_highlight"))

	// Without buttons there is no card to show: nothing is sent.
	door.Added(f.member, f.channel, "en", todo.Todo{Number: 4, Text: "x"})
	api.AssertExpectations(t)
}
