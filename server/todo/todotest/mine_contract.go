package todotest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// mineSortsAndFilters checks that Mine narrows and sorts as a list's page
// does, across the personal list and the assigned channels, with ties oldest
// first, and that its keyset pages neither skip nor repeat a todo.
func mineSortsAndFilters(t *testing.T, s todo.Store) {
	ctx := context.Background()
	alice, bob := todo.NewID(), todo.NewID()
	channel, other := todo.ChannelScope(todo.NewID()), todo.ChannelScope(todo.NewID())
	type spec struct {
		scope     todo.Scope
		priority  todo.Priority
		due       string
		assignees []string
	}
	specs := []spec{
		{todo.PersonalScope(bob), todo.PriorityLow, "2026-03-01", nil},     // 0
		{channel, todo.PriorityHigh, "", []string{bob}},                    // 1
		{todo.PersonalScope(bob), todo.PriorityHigh, "2026-01-05", nil},    // 2
		{channel, todo.PriorityNone, "2026-01-05", []string{bob, alice}},   // 3
		{channel, todo.PriorityHigh, "2026-02-01", []string{alice}},        // 4: not bob's
		{other, todo.PriorityMedium, "", []string{bob}},                    // 5: a channel not asked for
		{todo.PersonalScope(alice), todo.PriorityHigh, "2026-01-01", nil},  // 6: someone else's
		{channel, todo.PriorityMedium, "2026-01-05", []string{alice, bob}}, // 7
		{todo.PersonalScope(bob), todo.PriorityNone, "", nil},              // 8: completed below
	}
	var all []todo.Todo
	for i, sp := range specs {
		td := todo.Todo{ID: todo.NewID(), ListID: sp.scope.ListID(), Scope: sp.scope, Text: "x", State: todo.StateOpen,
			CreatorID: alice, CreatedAt: int64(10 + i), UpdatedAt: int64(10 + i), Assignees: sp.assignees, Priority: sp.priority}
		if sp.due != "" {
			td.Due = &todo.Due{Date: sp.due}
		}
		ch, err := s.Add(ctx, td)
		require.NoError(t, err)
		all = append(all, ch.Todo)
	}
	_, err := s.Update(ctx, all[8].ID, func(x *todo.Todo) error {
		x.State, x.CompletedBy, x.CompletedAt = todo.StateDone, alice, 50
		return nil
	})
	require.NoError(t, err)
	pick := func(n ...int) []string {
		out := []string{}
		for _, i := range n {
			out = append(out, all[i].ID)
		}
		return out
	}
	ids := func(todos []todo.Todo) []string {
		out := []string{}
		for _, td := range todos {
			out = append(out, td.ID)
		}
		return out
	}
	high, none := todo.PriorityHigh, todo.PriorityNone
	yes, no := true, false

	// read reads the whole answer at once, then again two by two with
	// cursors, and checks that both agree and that MinePage and CountMine
	// see the same todos.
	read := func(q todo.MineStoreQuery) []string {
		t.Helper()
		q.UserID, q.ChannelIDs = bob, []string{channel.ChannelID}
		whole := q
		whole.Limit = 100
		got, err := s.Mine(ctx, whole)
		require.NoError(t, err)
		n, err := s.CountMine(ctx, whole)
		require.NoError(t, err)
		require.Equal(t, len(got), n)
		p, err := s.MinePage(ctx, whole, 1000)
		require.NoError(t, err)
		require.Equal(t, ids(got), ids(p.Todos), "MinePage reads what Mine reads")
		require.Equal(t, len(got), p.Total)
		p, err = s.MinePage(ctx, whole, 2)
		require.NoError(t, err)
		require.Equal(t, ids(got), ids(p.Todos))
		require.Equal(t, min(len(got), 3), p.Total, "counted up to 2, the count stops at 3: more than 2")

		var paged []todo.Todo
		step := q
		step.Limit = 2
		for range 10 {
			page, err := s.Mine(ctx, step)
			require.NoError(t, err)
			paged = append(paged, page...)
			if len(page) < 2 {
				break
			}
			c := todo.CursorOf(page[len(page)-1], q.MineOrder())
			step.After = &c
		}
		require.Equal(t, ids(got), ids(paged), "keyset pages neither skip nor repeat")
		if len(got) > 1 {
			step = q
			step.Skip, step.Limit = 1, 100
			skipped, err := s.Mine(ctx, step)
			require.NoError(t, err)
			require.Equal(t, ids(got)[1:], ids(skipped), "a numbered page skips in the same order")
		}
		return ids(got)
	}

	// Oldest first; the filters are a list's.
	require.Equal(t, pick(0, 1, 2, 3, 7, 8), read(todo.MineStoreQuery{}))
	require.Equal(t, pick(0, 1, 2, 3, 7), read(todo.MineStoreQuery{State: todo.StateOpen}))
	require.Equal(t, pick(1, 2), read(todo.MineStoreQuery{Priority: &high}))
	require.Equal(t, pick(3, 8), read(todo.MineStoreQuery{Priority: &none}))
	require.Equal(t, pick(3, 7), read(todo.MineStoreQuery{Assignee: alice}), "todos assigned to bob and alice")
	require.Equal(t, pick(0, 2, 3, 7), read(todo.MineStoreQuery{HasDue: &yes}))
	require.Equal(t, pick(1, 8), read(todo.MineStoreQuery{HasDue: &no}))
	require.Equal(t, pick(2, 3, 7), read(todo.MineStoreQuery{DueBefore: "2026-02-01"}))
	require.Equal(t, pick(8), read(todo.MineStoreQuery{CompletedBy: alice}))

	// Most urgent first, then oldest first.
	require.Equal(t, pick(1, 2, 7, 0, 3, 8), read(todo.MineStoreQuery{Order: todo.OrderPriorityCreated}))
	require.Equal(t, pick(7, 3), read(todo.MineStoreQuery{Order: todo.OrderPriorityCreated, Assignee: alice}))
	// Earliest due first, undated last, then oldest first.
	require.Equal(t, pick(2, 3, 7, 0, 1, 8), read(todo.MineStoreQuery{Order: todo.OrderDueCreated}))
	require.Equal(t, pick(2, 3, 7, 0, 1), read(todo.MineStoreQuery{Order: todo.OrderDueCreated, State: todo.StateOpen}))
	require.Equal(t, pick(1), read(todo.MineStoreQuery{Order: todo.OrderDueCreated, Priority: &high, HasDue: &no}))
}
