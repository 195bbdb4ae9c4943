package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/store/storetest"
	"github.com/channel-todo/channel-todo/server/todo"
)

// TestReadsThatMayBeStaleGoToTheReplica (issue 10.4): pages, counts, versions
// and "mine" read from the replica handle; with todo.WithFreshReads (a
// person reading right after their own write) they read from the master, as
// do writes and the reads writes depend on.
func TestReadsThatMayBeStaleGoToTheReplica(t *testing.T) {
	plain := storetest.NewDB(t)
	_, err := Migrate(context.Background(), plain)
	require.NoError(t, err)
	master, onMaster := storetest.CountingHandle(t, plain)
	replica, onReplica := storetest.CountingHandle(t, plain)
	s := New(master).WithReplica(replica)
	scope := todo.ChannelScope(todo.NewID())
	user := todo.NewID()
	ch, err := s.Add(context.Background(), newTodo(scope, "x", 1, user))
	require.NoError(t, err)

	reads := map[string]func(ctx context.Context) error{
		"list": func(ctx context.Context) error {
			_, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 10})
			return err
		},
		"page": func(ctx context.Context) error {
			_, err := s.Page(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 10})
			return err
		},
		"count": func(ctx context.Context) error {
			_, err := s.Count(ctx, scope.ListID(), "")
			return err
		},
		"version": func(ctx context.Context) error {
			_, err := s.Version(ctx, scope.ListID())
			return err
		},
		"assigned channels": func(ctx context.Context) error {
			_, err := s.AssignedChannels(ctx, user)
			return err
		},
		"mine": func(ctx context.Context) error {
			_, err := s.Mine(ctx, todo.MineStoreQuery{UserID: user, ChannelIDs: []string{scope.ChannelID}, Limit: 10})
			return err
		},
		"count mine": func(ctx context.Context) error {
			_, err := s.CountMine(ctx, todo.MineStoreQuery{UserID: user, ChannelIDs: []string{scope.ChannelID}})
			return err
		},
	}
	for name, read := range reads {
		t.Run(name, func(t *testing.T) {
			onMaster.Reset()
			onReplica.Reset()
			require.NoError(t, read(context.Background()))
			require.Zero(t, onMaster.RoundTrips())
			require.NotZero(t, onReplica.RoundTrips())

			onReplica.Reset()
			require.NoError(t, read(todo.WithFreshReads(context.Background())))
			require.NotZero(t, onMaster.RoundTrips())
			require.Zero(t, onReplica.RoundTrips())
		})
	}
	onReplica.Reset()
	_, err = s.Get(context.Background(), ch.Todo.ID)
	require.NoError(t, err)
	_, err = s.Update(context.Background(), ch.Todo.ID, func(x *todo.Todo) error { x.Text = "y"; return nil })
	require.NoError(t, err)
	require.Zero(t, onReplica.RoundTrips(), "writes and the reads they depend on use the master")

	// Mine joined with memberships decides access: it must not lag a person
	// leaving a channel, so it reads the master, like ChannelAccess.
	withMembershipTables(t, plain)(scope.ChannelID, user, true)
	onMaster.Reset()
	onReplica.Reset()
	q := todo.MineStoreQuery{UserID: user, Members: true, Limit: 10}
	mine, err := s.Mine(context.Background(), q)
	require.NoError(t, err)
	require.Len(t, mine, 1)
	_, err = s.CountMine(context.Background(), q)
	require.NoError(t, err)
	_, err = s.AssignedOutsideMemberships(context.Background(), user)
	require.NoError(t, err)
	require.Zero(t, onReplica.RoundTrips(), "mine over memberships uses the master")
	require.NotZero(t, onMaster.RoundTrips())
}
