package buttons

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/todo"
)

func TestForAnswer(t *testing.T) {
	f := newFixture(t)
	l := f.h.Views.Localizer("en")
	td := f.add(t, "Buy milk")
	added := command.Outcome{Text: "Added", Added: &td}
	listed := command.Outcome{Text: "1. Buy milk", Scope: todo.ChannelScope(f.channel),
		Listed: &command.Listed{State: command.StateOpen, Page: 1, Todos: []todo.Todo{td}}}

	b, ok := f.builder.ForAnswer(l, added, "en", true, false)
	require.True(t, ok)
	require.Equal(t, ViewCard, b.Marks[PropView])

	b, ok = f.builder.ForAnswer(l, listed, "en", false, true)
	require.True(t, ok, "a list page posted in a thread gets Done per todo")
	require.Equal(t, ViewList, b.Marks[PropView])

	for name, tc := range map[string]struct {
		out                 command.Outcome
		ephemeral, inThread bool
	}{
		"a list page outside a thread":    {out: listed},
		"a list page only its asker sees": {out: listed, ephemeral: true, inThread: true},
		"a failure":                       {out: command.Outcome{Text: "no", Failed: true, Added: &td}},
		"an answer of several posts":      {out: command.Outcome{Parts: []string{"a", "b"}, Added: &td}},
		"an answer with nothing to press": {out: command.Outcome{Text: "Help"}},
	} {
		_, ok := f.builder.ForAnswer(l, tc.out, "en", tc.ephemeral, tc.inThread)
		require.False(t, ok, name)
	}
	var none *Builder
	_, ok = none.ForAnswer(l, added, "en", true, false)
	require.False(t, ok, "no builder, no buttons")
}
