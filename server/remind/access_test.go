package remind

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// TestWhoIsRemindedOfAChannelsTodo checks the channel rule of reminders and notices: people
// who can read the channel, but nobody once it is archived.
func TestWhoIsRemindedOfAChannelsTodo(t *testing.T) {
	auth := todotest.NewAuthorizer()
	channel, member, reader, gone := todo.NewID(), todo.NewID(), todo.NewID(), todo.NewID()
	auth.AddChannel(todo.Channel{ID: channel, Type: "P"})
	auth.AddMember(channel, member)
	auth.Grant(channel, reader, true, false, false)
	auth.AddUser(gone)
	people := ServiceAccess{Service: todo.NewService(todo.Deps{Store: todotest.NewMemStore(), Authorizer: auth}, todo.Config{})}
	ctx := context.Background()

	require.True(t, people.CanRead(ctx, member, channel))
	require.True(t, people.CanRead(ctx, reader, channel), "an assignee who may only read is still reminded")
	require.False(t, people.CanRead(ctx, gone, channel), "someone who lost access gets nothing")

	auth.SetArchived(channel, true)
	require.False(t, people.CanRead(ctx, member, channel), "an archived channel's list is read-only: no reminders")
	require.False(t, people.CanRead(ctx, reader, channel))
}
