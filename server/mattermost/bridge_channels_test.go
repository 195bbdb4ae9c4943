package mattermost

import (
	"net/http"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
)

func TestResolveBridgeChannels(t *testing.T) {
	ops, dev, other, missingID := model.NewId(), model.NewId(), model.NewId(), model.NewId()
	a := &plugintest.API{}
	notFound := model.NewAppError("GetChannel", "app.channel.get.existing.app_error", nil, "", http.StatusNotFound)
	a.On("GetChannelByNameForTeamName", "eng", "ops", false).Return(&model.Channel{Id: ops, Name: "ops"}, nil).Maybe()
	a.On("GetChannelByNameForTeamName", "eng", "dev", false).Return(&model.Channel{Id: dev, Name: "dev"}, nil).Maybe()
	a.On("GetChannelByNameForTeamName", mock.Anything, mock.Anything, false).Return(nil, notFound).Maybe()
	a.On("GetChannel", other).Return(&model.Channel{Id: other}, nil).Maybe()
	a.On("GetChannel", mock.Anything).Return(nil, notFound).Maybe()
	tests := []struct {
		name    string
		entries []string
		ids     []string
		unknown []string
	}{
		{name: "nothing listed", entries: nil, ids: nil},
		{name: "team/channel names", entries: []string{"eng/ops", " eng / dev "}, ids: []string{ops, dev}},
		{name: "a channel id", entries: []string{other}, ids: []string{other}},
		{name: "unknown entries are reported, known ones kept", entries: []string{"eng/ops", "eng/nope", "sales/ops", missingID, "not-an-id"}, ids: []string{ops}, unknown: []string{"eng/nope", "sales/ops", missingID, "not-an-id"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids, unknown := ResolveBridgeChannels(a, tc.entries)
			want := map[string]bool{}
			for _, id := range tc.ids {
				want[id] = true
			}
			require.Equal(t, want, ids)
			require.Equal(t, tc.unknown, unknown)
		})
	}
}
