package command

import (
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// TestDeliver: the one decision of where a chat answer goes, for the slash command (in a
// thread or not, with changes shown to the channel or not) and for mentions (always in a
// thread).
func TestDeliver(t *testing.T) {
	channel := todo.ChannelScope(model.NewId())
	personal := todo.PersonalScope(model.NewId())
	tests := []struct {
		name             string
		out              Outcome
		call             Call
		inThread, toChan bool
		want             Delivery
	}{
		{name: "a channel's list in a thread is for the channel", out: Outcome{Scope: channel}, inThread: true, want: ToChannel},
		{name: "a channel's list outside a thread is for the actor", out: Outcome{Scope: channel}, want: ToActor},
		{name: "a change outside a thread, shown to the channel", out: Outcome{Scope: channel, Changed: true}, toChan: true, want: ToChannel},
		{name: "a change outside a thread, kept private", out: Outcome{Scope: channel, Changed: true}, want: ToActor},
		{name: "a listing outside a thread stays private even when changes are shown", out: Outcome{Scope: channel}, toChan: true, want: ToActor},
		{name: "a personal list is its owner's, even in a thread", out: Outcome{Scope: personal}, inThread: true, want: ToActor},
		{name: "help and mine have no list and stay private", out: Outcome{}, inThread: true, want: ToActor},
		{name: "in the bot's DM the bot answers with a post", out: Outcome{Scope: personal}, call: Call{BotDM: true}, want: ToChannel},
		{name: "the tool check is private everywhere", out: Outcome{Private: true, Scope: channel}, call: Call{BotDM: true}, inThread: true, toChan: true, want: ToActor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, Deliver(tt.out, tt.call, tt.inThread, tt.toChan))
		})
	}
}
