package command

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func TestExecuteFind(t *testing.T) {
	w := newWorld(t)
	store := todotest.NewMemStore()
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: w.auth, Search: store, Clock: todotest.NewClock(testNow)}, todo.Config{})
	w.exec.Service = svc
	store.SetMember(w.dev, w.alice, true)
	store.SetMember(w.news, w.bob, true)
	ctx := context.Background()
	for _, in := range []struct {
		actor string
		scope todo.Scope
		text  string
	}{
		{w.alice, todo.ChannelScope(w.dev), "Order @channel milk"},
		{w.alice, todo.PersonalScope(w.alice), "Buy oat milk"},
		{w.bob, todo.PersonalScope(w.bob), "Bob's milk"},
		{w.alice, todo.ChannelScope(w.dev), "Bread"},
	} {
		_, err := svc.Add(ctx, in.actor, todo.AddInput{Scope: in.scope, Text: in.text})
		require.NoError(t, err)
	}

	out := w.run(t, "find MILK")
	require.False(t, out.Failed)
	require.Equal(t, todo.Scope{}, out.Scope, "the answer spans lists, so it is the actor's alone")
	require.Contains(t, out.Text, "Todos matching “MILK”")
	require.Contains(t, out.Text, "Buy oat milk")
	require.Contains(t, out.Text, "Order @\u2060channel milk")
	require.NotContains(t, out.Text, "Bob's")
	require.NotContains(t, out.Text, "Bread")

	require.Contains(t, w.run(t, "search nothing-like-it").Text, "No todo you can see matches “nothing-like-it”.")
	require.Contains(t, w.run(t, "find").Text, "Tell me what to look for")
	require.Contains(t, w.run(t, "find &&&").Text, "Type at least one word")
}
