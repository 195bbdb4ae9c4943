package todo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func TestThreadChangedTellsEachTodoOfTheThreadItsReplyCount(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	replies, events := &todotest.Replies{}, &todotest.ReplyEvents{}
	f.svc = todo.NewService(todo.Deps{Store: f.store, Authorizer: f.auth, Publisher: f.pub,
		Replies: replies, ThreadIndex: f.store, ReplyEvents: events}, todo.Config{})
	root, quiet := todo.NewID(), todo.NewID()
	put := func(scope todo.Scope, postID, rootID string) todo.Todo {
		ch, err := f.store.Add(ctx, todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: "x",
			State: todo.StateOpen, CreatorID: f.creator, PostID: postID, RootID: rootID})
		require.NoError(t, err)
		return ch.Todo
	}
	inChannel := put(f.scope(), root, "")
	personal := put(todo.PersonalScope(f.member), todo.NewID(), root)
	put(f.scope(), quiet, "")
	replies.Set(root, 3)
	before := len(f.pub.Events())

	require.NoError(t, f.svc.ThreadChanged(ctx, root))
	got := map[string]int{}
	for _, e := range events.Events() {
		got[e.Todo.ID] = e.Replies
	}
	require.Equal(t, map[string]int{inChannel.ID: 3, personal.ID: 3}, got)
	require.Len(t, f.pub.Events(), before, "no list changed: no todo_changed event, no version moved")
	require.Equal(t, []bool{true}, replies.Reads(), "the count is read from the primary, where the reply was just saved")

	// A thread that is no todo's, or not a post id at all, tells nobody and counts nothing.
	require.NoError(t, f.svc.ThreadChanged(ctx, todo.NewID()))
	require.NoError(t, f.svc.ThreadChanged(ctx, ""))
	require.NoError(t, f.svc.ThreadChanged(ctx, "not an id"))
	require.Len(t, events.Events(), 2)
	require.Len(t, replies.Reads(), 1)

	// The last reply deleted: the count goes back to 0, and is told.
	replies.Set(root, 0)
	require.NoError(t, f.svc.ThreadChanged(ctx, root))
	require.Len(t, events.Events(), 4)
	require.Zero(t, events.Events()[3].Replies)

	// A deleted todo is nobody's thread any more.
	_, err := f.store.Update(ctx, inChannel.ID, func(x *todo.Todo) error { x.DeletedAt = 1; return nil })
	require.NoError(t, err)
	require.NoError(t, f.svc.ThreadChanged(ctx, root))
	require.Equal(t, personal.ID, events.Events()[4].Todo.ID)
	require.Len(t, events.Events(), 5)
}
