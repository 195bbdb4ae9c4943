package todotest

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// StoreContract checks the behaviour every todo.Store must have. The SQL
// store and MemStore both run it, so the fake cannot drift from the real
// thing. newStore must return an empty store.
func StoreContract(t *testing.T, newStore func(t *testing.T) todo.Store) {
	ctx := context.Background()
	alice, bob := todo.NewID(), todo.NewID()
	mk := func(scope todo.Scope, text string, created int64, assignees ...string) todo.Todo {
		return todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: text, State: todo.StateOpen,
			CreatorID: alice, CreatedAt: created, UpdatedAt: created, Assignees: assignees}
	}
	add := func(t *testing.T, s todo.Store, td todo.Todo) todo.Todo {
		t.Helper()
		ch, err := s.Add(ctx, td)
		require.NoError(t, err)
		return ch.Todo
	}
	ids := func(todos []todo.Todo) []string {
		out := []string{}
		for _, td := range todos {
			out = append(out, td.ID)
		}
		return out
	}

	t.Run("numbers and versions per list", func(t *testing.T) {
		s := newStore(t)
		a, b := todo.ChannelScope(todo.NewID()), todo.ChannelScope(todo.NewID())
		for i := int64(1); i <= 3; i++ {
			ch, err := s.Add(ctx, mk(a, "x", i))
			require.NoError(t, err)
			require.Equal(t, i, ch.Todo.Number)
			require.Equal(t, i, ch.Version)
		}
		require.Equal(t, int64(1), add(t, s, mk(b, "y", 1)).Number)
		v, err := s.Version(ctx, a.ListID())
		require.NoError(t, err)
		require.Equal(t, int64(3), v)
		v, err = s.Version(ctx, todo.PersonalScope(bob).ListID())
		require.NoError(t, err)
		require.Zero(t, v)
	})

	t.Run("get, update and not found", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		td := add(t, s, mk(scope, "draft", 1, bob))
		got, err := s.GetByNumber(ctx, scope.ListID(), 1)
		require.NoError(t, err)
		require.Equal(t, td, got)

		ch, err := s.Update(ctx, td.ID, func(x *todo.Todo) error {
			x.Text, x.State, x.CompletedBy, x.CompletedAt = "done", todo.StateDone, bob, 5
			x.Due = &todo.Due{Date: "2026-01-02", Time: "17:30", Zone: "America/New_York"}
			x.Assignees = []string{alice}
			return nil
		})
		require.NoError(t, err)
		require.Equal(t, int64(2), ch.Version)
		got, err = s.Get(ctx, td.ID)
		require.NoError(t, err)
		require.Equal(t, ch.Todo, got)
		require.Equal(t, []string{alice}, got.Assignees)
		require.Equal(t, &todo.Due{Date: "2026-01-02", Time: "17:30", Zone: "America/New_York"}, got.Due, "the zone is kept with the time")

		boom := errors.New("boom")
		_, err = s.Update(ctx, td.ID, func(x *todo.Todo) error { x.Text = "lost"; return boom })
		require.ErrorIs(t, err, boom)
		got, err = s.Get(ctx, td.ID)
		require.NoError(t, err)
		require.Equal(t, "done", got.Text)

		_, err = s.Get(ctx, todo.NewID())
		require.ErrorIs(t, err, todo.ErrNotFound)
		_, err = s.GetByNumber(ctx, scope.ListID(), 7)
		require.ErrorIs(t, err, todo.ErrNotFound)
		_, err = s.Update(ctx, todo.NewID(), func(*todo.Todo) error { return nil })
		require.ErrorIs(t, err, todo.ErrNotFound)
		_, err = s.Move(ctx, todo.NewID(), "", 1)
		require.ErrorIs(t, err, todo.ErrNotFound)
	})

	t.Run("lists hide deleted todos and page by cursor", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		var all []todo.Todo
		for i := 0; i < 6; i++ {
			all = append(all, add(t, s, mk(scope, "x", int64(i+1))))
		}
		_, err := s.Update(ctx, all[2].ID, func(x *todo.Todo) error { x.DeletedAt = 1; return nil })
		require.NoError(t, err)
		for i, at := range map[int]int64{1: 20, 4: 10} {
			_, err := s.Update(ctx, all[i].ID, func(x *todo.Todo) error {
				x.State, x.CompletedAt = todo.StateDone, at
				return nil
			})
			require.NoError(t, err)
		}
		walk := func(q todo.StoreQuery) []string {
			q.ListID, q.Limit = scope.ListID(), 2
			var got []string
			for {
				page, err := s.List(ctx, q)
				require.NoError(t, err)
				got = append(got, ids(page)...)
				if len(page) < q.Limit {
					return got
				}
				last := page[len(page)-1]
				q.After = &todo.Cursor{Key: todo.SortKey(last, q.Order), ID: last.ID}
			}
		}
		require.Equal(t, []string{all[0].ID, all[1].ID, all[3].ID, all[4].ID, all[5].ID}, walk(todo.StoreQuery{}))
		require.Equal(t, []string{all[0].ID, all[3].ID, all[5].ID}, walk(todo.StoreQuery{State: todo.StateOpen}))
		require.Equal(t, []string{all[1].ID, all[4].ID}, walk(todo.StoreQuery{State: todo.StateDone, Order: todo.OrderCompleted}))
	})

	t.Run("sorted by priority or due date and filtered by priority, page by cursor and by skip", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		type spec struct {
			p         todo.Priority
			date, clk string
		}
		specs := []spec{
			{todo.PriorityHigh, "2026-05-02", ""}, {todo.PriorityNone, "", ""}, {todo.PriorityLow, "2026-05-01", "10:00"},
			{todo.PriorityHigh, "", ""}, {todo.PriorityMedium, "2026-05-01", ""}, {todo.PriorityNone, "2026-05-01", "09:00"},
			{todo.PriorityHigh, "2026-05-01", ""}, {todo.PriorityLow, "", ""},
		}
		var all []todo.Todo
		for i, sp := range specs {
			td := mk(scope, "x", int64(i+1))
			td.Priority = sp.p
			if sp.date != "" {
				td.Due = &todo.Due{Date: sp.date, Time: sp.clk}
			}
			all = append(all, add(t, s, td))
		}
		// Priorities survive an update, and a deleted todo is never listed.
		ch, err := s.Update(ctx, all[7].ID, func(x *todo.Todo) error { x.Priority = todo.PriorityLow; x.Text = "y"; return nil })
		require.NoError(t, err)
		require.Equal(t, todo.PriorityLow, ch.Todo.Priority)
		gone := add(t, s, mk(scope, "gone", 99))
		_, err = s.Update(ctx, gone.ID, func(x *todo.Todo) error { x.Priority, x.DeletedAt = todo.PriorityHigh, 1; return nil })
		require.NoError(t, err)
		got, err := s.Get(ctx, all[0].ID)
		require.NoError(t, err)
		require.Equal(t, todo.PriorityHigh, got.Priority)

		want := func(idx ...int) []string {
			out := []string{}
			for _, i := range idx {
				out = append(out, all[i].ID)
			}
			return out
		}
		for _, limit := range []int{1, 2, 3, 100} {
			walk := func(q todo.StoreQuery) []string {
				q.ListID, q.Limit, q.State = scope.ListID(), limit, todo.StateOpen
				var got []string
				for {
					page, err := s.List(ctx, q)
					require.NoError(t, err)
					got = append(got, ids(page)...)
					if len(page) < q.Limit {
						return got
					}
					c := todo.CursorOf(page[len(page)-1], q.Order)
					q.After = &c
				}
			}
			high := todo.PriorityHigh
			require.Equal(t, want(0, 3, 6, 4, 2, 7, 1, 5), walk(todo.StoreQuery{Order: todo.OrderPriority}), "by priority, %d a page", limit)
			require.Equal(t, want(4, 6, 5, 2, 0, 1, 3, 7), walk(todo.StoreQuery{Order: todo.OrderDue}), "by due date, %d a page", limit)
			require.Equal(t, want(0, 3, 6), walk(todo.StoreQuery{Priority: &high}), "high only, %d a page", limit)
			require.Equal(t, want(6, 0, 3), walk(todo.StoreQuery{Priority: &high, Order: todo.OrderDue}), "high by due date, %d a page", limit)
		}
		page, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Order: todo.OrderPriority, Skip: 3, Limit: 2})
		require.NoError(t, err)
		require.Equal(t, want(4, 2), ids(page), "numbered pages skip in the sorted order")
		page, err = s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Order: todo.OrderDue, Skip: 6, Limit: 5})
		require.NoError(t, err)
		require.Equal(t, want(3, 7), ids(page))
	})

	t.Run("update and add in one transaction, once under concurrent updates", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		a := add(t, s, mk(scope, "a", 1))
		next := mk(scope, "next", 2)
		next.Recur = "monday"
		ch, added, err := s.UpdateAndAdd(ctx, a.ID, func(x *todo.Todo) error {
			x.State, x.NextID, x.Recur = todo.StateDone, next.ID, "monday"
			return nil
		}, func(x todo.Todo) *todo.Todo {
			require.Equal(t, next.ID, x.NextID, "next sees the todo as mutate left it")
			return &next
		})
		require.NoError(t, err)
		require.NotNil(t, added)
		require.Equal(t, int64(2), ch.Version)
		require.Equal(t, int64(3), added.Version)
		require.Equal(t, int64(2), added.Todo.Number)
		got, err := s.Get(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, next.ID, got.NextID)
		require.Equal(t, "monday", got.Recur)
		got, err = s.Get(ctx, next.ID)
		require.NoError(t, err)
		require.Equal(t, "monday", got.Recur)

		// An add that fails takes the update with it.
		_, _, err = s.UpdateAndAdd(ctx, a.ID, func(x *todo.Todo) error { x.Text = "lost"; return nil },
			func(todo.Todo) *todo.Todo { dup := next; return &dup })
		require.Error(t, err)
		got, err = s.Get(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, "a", got.Text)

		// Concurrent updates that each add when the todo is still open: one add.
		b := add(t, s, mk(scope, "b", 3))
		errDone := errors.New("already done")
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n := mk(scope, "after b", 4)
				_, _, err := s.UpdateAndAdd(ctx, b.ID, func(x *todo.Todo) error {
					if x.State == todo.StateDone {
						return errDone
					}
					x.State, x.NextID = todo.StateDone, n.ID
					return nil
				}, func(todo.Todo) *todo.Todo { return &n })
				if err != nil && !errors.Is(err, errDone) {
					t.Errorf("update and add: %v", err)
				}
			}()
		}
		wg.Wait()
		page, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 100})
		require.NoError(t, err)
		texts := []string{}
		for _, td := range page {
			texts = append(texts, td.Text)
		}
		require.Equal(t, []string{"a", "next", "b", "after b"}, texts)
	})

	t.Run("set thread is a compare-and-set", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		td := add(t, s, mk(scope, "talk about it", 1))
		posts := make([]string, 8)
		won := make([]bool, len(posts))
		var wg sync.WaitGroup
		for i := range posts {
			posts[i] = todo.NewID()
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				got, ok, err := s.SetThread(ctx, td.ID, posts[i])
				assert.NoError(t, err)
				assert.NotEmpty(t, got.PostID)
				won[i] = ok
			}(i)
		}
		wg.Wait()
		var winners []string
		for i, ok := range won {
			if ok {
				winners = append(winners, posts[i])
			}
		}
		require.Len(t, winners, 1, "exactly one concurrent caller records its post")
		got, err := s.Get(ctx, td.ID)
		require.NoError(t, err)
		require.Equal(t, winners[0], got.PostID)

		linked := mk(scope, "from a reply", 2)
		linked.PostID, linked.RootID = todo.NewID(), todo.NewID()
		linked = add(t, s, linked)
		got, ok, err := s.SetThread(ctx, linked.ID, todo.NewID())
		require.NoError(t, err)
		require.False(t, ok, "a todo that already links to a post keeps it")
		require.Equal(t, linked.PostID, got.PostID)
		_, _, err = s.SetThread(ctx, todo.NewID(), todo.NewID())
		require.ErrorIs(t, err, todo.ErrNotFound)
	})

	t.Run("move", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		a, b, c := add(t, s, mk(scope, "a", 1)), add(t, s, mk(scope, "b", 2)), add(t, s, mk(scope, "c", 3))
		order := func() []string {
			page, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 10})
			require.NoError(t, err)
			return ids(page)
		}
		_, err := s.Move(ctx, c.ID, "", 9)
		require.NoError(t, err)
		require.Equal(t, []string{c.ID, a.ID, b.ID}, order())
		ch, err := s.Move(ctx, c.ID, a.ID, 9)
		require.NoError(t, err)
		require.Equal(t, int64(9), ch.Todo.UpdatedAt)
		require.Equal(t, []string{a.ID, c.ID, b.ID}, order())
		_, err = s.Move(ctx, a.ID, b.ID, 9)
		require.NoError(t, err)
		require.Equal(t, []string{c.ID, b.ID, a.ID}, order())
		d := add(t, s, mk(scope, "d", 4))
		require.Equal(t, []string{c.ID, b.ID, a.ID, d.ID}, order())
		ch, err = s.MoveToEnd(ctx, b.ID, 10)
		require.NoError(t, err)
		require.Equal(t, int64(10), ch.Todo.UpdatedAt)
		require.Equal(t, []string{c.ID, a.ID, d.ID, b.ID}, order())
		e := add(t, s, mk(scope, "e", 5))
		require.Equal(t, []string{c.ID, a.ID, d.ID, b.ID, e.ID}, order())
		_, err = s.MoveToEnd(ctx, todo.NewID(), 1)
		require.ErrorIs(t, err, todo.ErrNotFound)
	})

	t.Run("mine", func(t *testing.T) {
		s := newStore(t)
		readable, hidden := todo.NewID(), todo.NewID()
		p := add(t, s, mk(todo.PersonalScope(bob), "mine", 1))
		add(t, s, mk(todo.PersonalScope(alice), "not mine", 2))
		r := add(t, s, mk(todo.ChannelScope(readable), "assigned", 3, bob))
		add(t, s, mk(todo.ChannelScope(readable), "someone else's", 4, alice))
		add(t, s, mk(todo.ChannelScope(hidden), "hidden", 5, bob))
		chans, err := s.AssignedChannels(ctx, bob)
		require.NoError(t, err)
		require.ElementsMatch(t, []string{readable, hidden}, chans)
		mine, err := s.Mine(ctx, todo.MineStoreQuery{UserID: bob, ChannelIDs: []string{readable}, Limit: 10})
		require.NoError(t, err)
		require.Equal(t, []string{p.ID, r.ID}, ids(mine))
		mine, err = s.Mine(ctx, todo.MineStoreQuery{UserID: bob, ChannelIDs: []string{readable}, Limit: 10,
			After: &todo.Cursor{Key: p.CreatedAt, ID: p.ID}})
		require.NoError(t, err)
		require.Equal(t, []string{r.ID}, ids(mine))
	})

	t.Run("todos in a thread", func(t *testing.T) {
		s := newStore(t)
		index, ok := s.(todo.ThreadIndex)
		if !ok {
			t.Skip("this store keeps no thread index")
		}
		scope := todo.ChannelScope(todo.NewID())
		root, reply, other := todo.NewID(), todo.NewID(), todo.NewID()
		fromRoot := mk(scope, "from the root post", 1)
		fromRoot.PostID = root
		fromReply := mk(scope, "from a reply", 2)
		fromReply.PostID, fromReply.RootID = reply, root
		personal := mk(todo.PersonalScope(bob), "mine, from the root post", 3)
		personal.PostID = root
		gone := mk(scope, "deleted", 4)
		gone.PostID = root
		elsewhere := mk(scope, "another thread", 5)
		elsewhere.PostID = other
		var want []string
		for _, td := range []todo.Todo{fromRoot, fromReply, personal, gone, elsewhere, mk(scope, "no thread", 6)} {
			added := add(t, s, td)
			if td.ThreadRoot() == root && td.Text != "deleted" {
				want = append(want, added.ID)
			}
			if td.Text == "deleted" {
				_, err := s.Update(ctx, added.ID, func(x *todo.Todo) error { x.DeletedAt = 9; return nil })
				require.NoError(t, err)
			}
		}
		got, err := index.TodosInThread(ctx, root)
		require.NoError(t, err)
		require.ElementsMatch(t, want, ids(got))
		got, err = index.TodosInThread(ctx, reply)
		require.NoError(t, err)
		require.Empty(t, got, "a reply that a todo came from is not the todo's thread root")
		got, err = index.TodosInThread(ctx, todo.NewID())
		require.NoError(t, err)
		require.Empty(t, got)
	})

	t.Run("counts follow every change, and numbered pages skip", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		count := func(state todo.State) int {
			n, err := s.Count(ctx, scope.ListID(), state)
			require.NoError(t, err)
			return n
		}
		require.Zero(t, count(""))
		var all []todo.Todo
		for i := 0; i < 7; i++ {
			all = append(all, add(t, s, mk(scope, "x", int64(i+1), bob)))
		}
		update := func(id string, f func(*todo.Todo)) {
			_, err := s.Update(ctx, id, func(x *todo.Todo) error { f(x); return nil })
			require.NoError(t, err)
		}
		update(all[1].ID, func(x *todo.Todo) { x.State, x.CompletedAt = todo.StateDone, 5 })
		update(all[2].ID, func(x *todo.Todo) { x.State, x.CompletedAt = todo.StateDone, 6 })
		update(all[3].ID, func(x *todo.Todo) { x.DeletedAt = 9 })
		update(all[2].ID, func(x *todo.Todo) { x.DeletedAt = 9 })
		update(all[2].ID, func(x *todo.Todo) { x.DeletedAt = 0 })
		update(all[4].ID, func(x *todo.Todo) { x.Text = "edited" })
		_, err := s.Move(ctx, all[5].ID, "", 10)
		require.NoError(t, err)
		require.Equal(t, 4, count(todo.StateOpen))
		require.Equal(t, 2, count(todo.StateDone))
		require.Equal(t, 6, count(""))
		n, err := s.Count(ctx, todo.ChannelScope(todo.NewID()).ListID(), "")
		require.NoError(t, err)
		require.Zero(t, n)

		page, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), State: todo.StateOpen, Skip: 2, Limit: 10})
		require.NoError(t, err)
		require.Equal(t, []string{all[4].ID, all[6].ID}, ids(page))
		sp, err := s.Page(ctx, todo.StoreQuery{ListID: scope.ListID(), State: todo.StateOpen, Skip: 2, Limit: 10})
		require.NoError(t, err)
		require.Equal(t, page, sp.Todos)
		v, err := s.Version(ctx, scope.ListID())
		require.NoError(t, err)
		require.Equal(t, todo.StorePage{Todos: page, Version: v, Open: 4, Done: 2}, sp)
		sp, err = s.Page(ctx, todo.StoreQuery{ListID: todo.ChannelScope(todo.NewID()).ListID(), Limit: 10})
		require.NoError(t, err)
		require.Equal(t, todo.StorePage{Todos: []todo.Todo{}}, sp)

		p := add(t, s, mk(todo.PersonalScope(bob), "own", 20))
		mq := todo.MineStoreQuery{UserID: bob, ChannelIDs: []string{scope.ChannelID}, Limit: 10}
		mine, err := s.Mine(ctx, mq)
		require.NoError(t, err)
		require.Equal(t, []string{all[0].ID, all[1].ID, all[2].ID, all[4].ID, all[5].ID, all[6].ID, p.ID}, ids(mine))
		total, err := s.CountMine(ctx, mq)
		require.NoError(t, err)
		require.Equal(t, 7, total)
		mq.State = todo.StateOpen
		total, err = s.CountMine(ctx, mq)
		require.NoError(t, err)
		require.Equal(t, 5, total)
		mq.Skip, mq.Limit = 3, 2
		mine, err = s.Mine(ctx, mq)
		require.NoError(t, err)
		require.Equal(t, []string{all[6].ID, p.ID}, ids(mine))
	})
}

// MembershipContract checks Mine's join of the user's channel memberships
// (MineStoreQuery.Members, AssignedOutsideMemberships). newStore returns an
// empty store and a way to add or remove a membership, as Mattermost's
// ChannelMembers table would record it.
func MembershipContract(t *testing.T, newStore func(t *testing.T) (todo.Store, func(channelID, userID string, member bool))) {
	ctx := context.Background()
	alice, bob := todo.NewID(), todo.NewID()
	s, setMember := newStore(t)
	add := func(channelID, assignee string, created int64) todo.Todo {
		scope := todo.ChannelScope(channelID)
		ch, err := s.Add(ctx, todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: "x", State: todo.StateOpen,
			CreatorID: alice, CreatedAt: created, UpdatedAt: created, Assignees: []string{assignee}})
		require.NoError(t, err)
		return ch.Todo
	}
	ids := func(todos []todo.Todo) []string {
		out := []string{}
		for _, td := range todos {
			out = append(out, td.ID)
		}
		return out
	}
	member, other, outside := todo.NewID(), todo.NewID(), todo.NewID()
	setMember(member, bob, true)
	setMember(other, bob, true)
	setMember(outside, alice, true)
	m := add(member, bob, 1)
	add(member, alice, 2)
	o := add(other, bob, 3)
	x := add(outside, bob, 4)

	mine := func(q todo.MineStoreQuery) []string {
		t.Helper()
		q.UserID, q.Members, q.Limit = bob, true, 10
		got, err := s.Mine(ctx, q)
		require.NoError(t, err)
		if q.After == nil {
			n, err := s.CountMine(ctx, q)
			require.NoError(t, err)
			require.Equal(t, len(got), n)
		}
		// MinePage reads the same page, the channels outside the
		// memberships and the count at once.
		outside, err := s.AssignedOutsideMemberships(ctx, bob)
		require.NoError(t, err)
		// A count up to 1 stops at 2: more than 1.
		for _, upTo := range []int{0, 1, 1000} {
			p, err := s.MinePage(ctx, q, upTo)
			require.NoError(t, err)
			require.Equal(t, ids(got), ids(p.Todos))
			require.ElementsMatch(t, outside, p.Outside)
			switch {
			case upTo == 0:
				require.Equal(t, -1, p.Total)
			case q.After == nil:
				require.Equal(t, min(len(got), upTo+1), p.Total)
			}
		}
		return ids(got)
	}
	outsideOf := func() []string {
		t.Helper()
		got, err := s.AssignedOutsideMemberships(ctx, bob)
		require.NoError(t, err)
		return got
	}
	require.Equal(t, []string{outside}, outsideOf())
	require.Equal(t, []string{m.ID, o.ID}, mine(todo.MineStoreQuery{}))
	require.Equal(t, []string{m.ID, o.ID, x.ID}, mine(todo.MineStoreQuery{ChannelIDs: []string{outside}}))
	require.Equal(t, []string{o.ID}, mine(todo.MineStoreQuery{After: &todo.Cursor{Key: m.CreatedAt, ID: m.ID}}))

	setMember(other, bob, false)
	require.ElementsMatch(t, []string{outside, other}, outsideOf())
	require.Equal(t, []string{m.ID}, mine(todo.MineStoreQuery{}))
	got, err := s.Mine(ctx, todo.MineStoreQuery{UserID: bob, Limit: 10})
	require.NoError(t, err)
	require.Empty(t, got, "without Members only the given channels count")

	t.Run("mine sorts and filters", func(t *testing.T) {
		mineSortsAndFilters(t, s)
	})
}
