package store

import (
	"context"
	"errors"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

var (
	alice   = todo.NewID()
	bob     = todo.NewID()
	channel = todo.NewID()
)

func newTodo(scope todo.Scope, text string, created int64, assignees ...string) todo.Todo {
	return todo.Todo{
		ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: text, State: todo.StateOpen,
		CreatorID: alice, CreatedAt: created, UpdatedAt: created, Assignees: assignees,
	}
}

func add(t *testing.T, s *Store, td todo.Todo) todo.Todo {
	t.Helper()
	ch, err := s.Add(context.Background(), td)
	require.NoError(t, err)
	return ch.Todo
}

func TestAddAllocatesNumbersPositionsAndVersions(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	scope := todo.ChannelScope(channel)
	other := todo.ChannelScope(todo.NewID())

	var versions []int64
	for i, text := range []string{"one", "two", "three"} {
		ch, err := s.Add(ctx, newTodo(scope, text, int64(i+1), bob))
		require.NoError(t, err)
		require.Equal(t, int64(i+1), ch.Todo.Number)
		require.Equal(t, []string{bob}, ch.Todo.Assignees)
		versions = append(versions, ch.Version)
	}
	require.Equal(t, []int64{1, 2, 3}, versions)

	// Another list numbers from 1 on its own.
	first := add(t, s, newTodo(other, "elsewhere", 1))
	require.Equal(t, int64(1), first.Number)

	got, err := s.GetByNumber(ctx, scope.ListID(), 2)
	require.NoError(t, err)
	require.Equal(t, "two", got.Text)
	require.Equal(t, scope, got.Scope)
	require.Equal(t, []string{bob}, got.Assignees)

	_, err = s.Get(ctx, todo.NewID())
	require.True(t, errors.Is(err, todo.ErrNotFound))
	_, err = s.GetByNumber(ctx, scope.ListID(), 99)
	require.True(t, errors.Is(err, todo.ErrNotFound))

	v, err := s.Version(ctx, scope.ListID())
	require.NoError(t, err)
	require.Equal(t, int64(3), v)
	v, err = s.Version(ctx, todo.ChannelScope(todo.NewID()).ListID())
	require.NoError(t, err)
	require.Zero(t, v)
}

func TestUpdateWritesEveryMutableFieldAtomically(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	td := add(t, s, newTodo(todo.ChannelScope(channel), "draft", 1, alice))

	ch, err := s.Update(ctx, td.ID, func(x *todo.Todo) error {
		x.Text = "final"
		x.State = todo.StateDone
		x.CompletedBy = bob
		x.CompletedAt = 50
		x.Due = &todo.Due{Date: "2026-12-31", Time: "09:30"}
		x.Assignees = []string{bob}
		x.UpdatedAt = 50
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, int64(2), ch.Version)

	got, err := s.Get(ctx, td.ID)
	require.NoError(t, err)
	require.Equal(t, "final", got.Text)
	require.Equal(t, todo.StateDone, got.State)
	require.Equal(t, bob, got.CompletedBy)
	require.Equal(t, int64(50), got.CompletedAt)
	require.Equal(t, &todo.Due{Date: "2026-12-31", Time: "09:30"}, got.Due)
	require.Equal(t, []string{bob}, got.Assignees)
	require.Equal(t, int64(1), got.Number, "number never changes")

	// A failing mutation writes nothing and spends no version.
	boom := errors.New("boom")
	_, err = s.Update(ctx, td.ID, func(x *todo.Todo) error {
		x.Text = "lost"
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, err = s.Get(ctx, td.ID)
	require.NoError(t, err)
	require.Equal(t, "final", got.Text)
	v, err := s.Version(ctx, td.ListID)
	require.NoError(t, err)
	require.Equal(t, int64(2), v)

	_, err = s.Update(ctx, todo.NewID(), func(*todo.Todo) error { return nil })
	require.ErrorIs(t, err, todo.ErrNotFound)
}

func TestSoftDeletedTodosKeepTheirNumbers(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	scope := todo.ChannelScope(channel)
	a := add(t, s, newTodo(scope, "a", 1))
	b := add(t, s, newTodo(scope, "b", 2))

	_, err := s.Update(ctx, a.ID, func(x *todo.Todo) error { x.DeletedAt = 9; x.DeletedBy = bob; return nil })
	require.NoError(t, err)

	page, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 10})
	require.NoError(t, err)
	require.Equal(t, []string{b.ID}, ids(page))

	c := add(t, s, newTodo(scope, "c", 3))
	require.Equal(t, int64(3), c.Number, "a deleted todo's number is not reused")

	_, err = s.Update(ctx, a.ID, func(x *todo.Todo) error { x.DeletedAt = 0; x.DeletedBy = ""; return nil })
	require.NoError(t, err)
	page, err = s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 10})
	require.NoError(t, err)
	require.Equal(t, []string{a.ID, b.ID, c.ID}, ids(page), "restored in its old place")
}

func ids(todos []todo.Todo) []string {
	out := make([]string, len(todos))
	for i, t := range todos {
		out[i] = t.ID
	}
	return out
}

func TestListFiltersAndPages(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	scope := todo.ChannelScope(channel)
	var all []todo.Todo
	for i := 0; i < 7; i++ {
		td := newTodo(scope, "t", int64(i+1))
		if i%2 == 0 {
			td.Assignees = []string{bob}
		}
		if i < 3 {
			td.Due = &todo.Due{Date: []string{"2026-01-01", "2026-02-01", "2026-03-01"}[i]}
		}
		all = append(all, add(t, s, td))
	}
	// Complete #2, #4 and #6 at times 30, 10, 20.
	for i, at := range map[int]int64{1: 30, 3: 10, 5: 20} {
		_, err := s.Update(ctx, all[i].ID, func(x *todo.Todo) error {
			x.State, x.CompletedBy, x.CompletedAt = todo.StateDone, alice, at
			return nil
		})
		require.NoError(t, err)
	}
	yes, no := true, false
	tests := []struct {
		name string
		q    todo.StoreQuery
		want []int // indexes into all
	}{
		{"all in order", todo.StoreQuery{}, []int{0, 1, 2, 3, 4, 5, 6}},
		{"open", todo.StoreQuery{State: todo.StateOpen}, []int{0, 2, 4, 6}},
		{"done, latest first", todo.StoreQuery{State: todo.StateDone, Order: todo.OrderCompleted}, []int{1, 5, 3}},
		{"assigned to bob", todo.StoreQuery{Assignee: bob}, []int{0, 2, 4, 6}},
		{"due by february", todo.StoreQuery{DueBefore: "2026-02-01"}, []int{0, 1}},
		{"has due", todo.StoreQuery{HasDue: &yes}, []int{0, 1, 2}},
		{"no due", todo.StoreQuery{HasDue: &no}, []int{3, 4, 5, 6}},
		{"completed by alice", todo.StoreQuery{CompletedBy: alice, Order: todo.OrderCompleted}, []int{1, 5, 3}},
		{"completed by bob", todo.StoreQuery{CompletedBy: bob}, []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := make([]string, len(tt.want))
			for i, w := range tt.want {
				want[i] = all[w].ID
			}
			// Walk the pages two at a time to exercise the keyset cursor.
			var got []string
			q := tt.q
			q.ListID, q.Limit = scope.ListID(), 2
			for {
				page, err := s.List(ctx, q)
				require.NoError(t, err)
				got = append(got, ids(page)...)
				if len(page) < 2 {
					break
				}
				last := page[len(page)-1]
				q.After = &todo.Cursor{Key: todo.SortKey(last, q.Order), ID: last.ID}
			}
			if got == nil {
				got = []string{}
			}
			require.Equal(t, want, got)
		})
	}
}

func TestMineCoversPersonalAndAssignedInGivenChannels(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	readable, hidden := todo.NewID(), todo.NewID()
	p := add(t, s, newTodo(todo.PersonalScope(bob), "mine", 1))
	add(t, s, newTodo(todo.PersonalScope(alice), "alice's", 2))
	r := add(t, s, newTodo(todo.ChannelScope(readable), "assigned", 3, bob, alice))
	add(t, s, newTodo(todo.ChannelScope(readable), "not assigned", 4, alice))
	add(t, s, newTodo(todo.ChannelScope(hidden), "hidden", 5, bob))
	gone := add(t, s, newTodo(todo.ChannelScope(readable), "deleted", 6, bob))
	_, err := s.Update(ctx, gone.ID, func(x *todo.Todo) error { x.DeletedAt = 1; return nil })
	require.NoError(t, err)

	chans, err := s.AssignedChannels(ctx, bob)
	require.NoError(t, err)
	want := []string{readable, hidden}
	sort.Strings(want)
	require.Equal(t, want, chans)

	mine, err := s.Mine(ctx, todo.MineStoreQuery{UserID: bob, ChannelIDs: []string{readable}, Limit: 10})
	require.NoError(t, err)
	require.Equal(t, []string{p.ID, r.ID}, ids(mine))

	mine, err = s.Mine(ctx, todo.MineStoreQuery{UserID: bob, ChannelIDs: nil, Limit: 10})
	require.NoError(t, err)
	require.Equal(t, []string{p.ID}, ids(mine))

	mine, err = s.Mine(ctx, todo.MineStoreQuery{UserID: bob, ChannelIDs: []string{readable}, Limit: 1,
		After: &todo.Cursor{Key: p.CreatedAt, ID: p.ID}})
	require.NoError(t, err)
	require.Equal(t, []string{r.ID}, ids(mine))
}

func TestMinePagesInterleaveBothHalves(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	c := todo.NewID()
	var want []string
	for i := 0; i < 10; i++ {
		var td todo.Todo
		if i%2 == 0 {
			td = add(t, s, newTodo(todo.PersonalScope(bob), "personal", int64(i%3)))
		} else {
			td = add(t, s, newTodo(todo.ChannelScope(c), "assigned", int64(i%3), bob))
		}
		if i == 4 {
			_, err := s.Update(ctx, td.ID, func(x *todo.Todo) error { x.State = todo.StateDone; return nil })
			require.NoError(t, err)
			continue
		}
		want = append(want, td.ID)
	}
	// Expected order: created_at, then id.
	all, err := s.Mine(ctx, todo.MineStoreQuery{UserID: bob, ChannelIDs: []string{c}, State: todo.StateOpen, Limit: 100})
	require.NoError(t, err)
	require.ElementsMatch(t, want, ids(all))
	for i := 1; i < len(all); i++ {
		prev, cur := all[i-1], all[i]
		require.True(t, prev.CreatedAt < cur.CreatedAt || (prev.CreatedAt == cur.CreatedAt && prev.ID < cur.ID))
	}
	var paged []string
	var after *todo.Cursor
	for {
		page, err := s.Mine(ctx, todo.MineStoreQuery{UserID: bob, ChannelIDs: []string{c}, State: todo.StateOpen, Limit: 3, After: after})
		require.NoError(t, err)
		paged = append(paged, ids(page)...)
		if len(page) < 3 {
			break
		}
		last := page[len(page)-1]
		after = &todo.Cursor{Key: last.CreatedAt, ID: last.ID}
	}
	require.Equal(t, ids(all), paged)
}

func TestMovePlacesTodosAndRenumbersWhenOutOfGaps(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	scope := todo.ChannelScope(channel)
	var td []todo.Todo
	for i := 0; i < 4; i++ {
		td = append(td, add(t, s, newTodo(scope, "t", int64(i))))
	}
	order := func() []string {
		page, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 100})
		require.NoError(t, err)
		return ids(page)
	}
	a, b, c, d := td[0].ID, td[1].ID, td[2].ID, td[3].ID

	_, err := s.Move(ctx, d, "", 1)
	require.NoError(t, err)
	require.Equal(t, []string{d, a, b, c}, order())

	_, err = s.Move(ctx, d, c, 1)
	require.NoError(t, err)
	require.Equal(t, []string{a, b, c, d}, order())

	// Repeatedly moving into the same slot halves the gap until a renumber
	// is needed; the order must stay right throughout.
	for i := 0; i < 25; i++ {
		mover, after := c, a
		if i%2 == 1 {
			mover, after = b, a
		}
		ch, err := s.Move(ctx, mover, after, 1)
		require.NoError(t, err)
		require.Equal(t, mover, ch.Todo.ID)
		got := order()
		require.Equal(t, a, got[0])
		require.Equal(t, mover, got[1])
	}
	// Appending still lands at the end after renumbering.
	e := add(t, s, newTodo(scope, "e", 9))
	got := order()
	require.Equal(t, e.ID, got[len(got)-1])

	_, err = s.Move(ctx, todo.NewID(), "", 1)
	require.ErrorIs(t, err, todo.ErrNotFound)
	_, err = s.Move(ctx, a, todo.NewID(), 1)
	require.ErrorIs(t, err, todo.ErrNotFound)
}

func TestConcurrentAddsNumberExactlyOneToN(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	scope := todo.ChannelScope(channel)
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Add(ctx, newTodo(scope, "concurrent", int64(i)))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	var numbers []int64
	positions := map[int64]bool{}
	q := todo.StoreQuery{ListID: scope.ListID(), Limit: 1000}
	page, err := s.List(ctx, q)
	require.NoError(t, err)
	for _, td := range page {
		numbers = append(numbers, td.Number)
		positions[td.Position] = true
	}
	sort.Slice(numbers, func(i, j int) bool { return numbers[i] < numbers[j] })
	require.Len(t, numbers, n)
	for i, num := range numbers {
		require.Equal(t, int64(i+1), num)
	}
	require.Len(t, positions, n, "positions are distinct")
	v, err := s.Version(ctx, scope.ListID())
	require.NoError(t, err)
	require.Equal(t, int64(n), v)
}

func TestConcurrentMovesAndCompletesLoseNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	scope := todo.ChannelScope(channel)
	var all []todo.Todo
	for i := 0; i < 40; i++ {
		all = append(all, add(t, s, newTodo(scope, "t", int64(i))))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(all))
	for i, td := range all {
		wg.Add(2)
		go func() {
			defer wg.Done()
			after := ""
			if i%3 != 0 {
				after = all[(i*7+1)%len(all)].ID
				if after == td.ID {
					after = ""
				}
			}
			_, err := s.Move(ctx, td.ID, after, 1)
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := s.Update(ctx, td.ID, func(x *todo.Todo) error {
				x.State, x.CompletedBy, x.CompletedAt = todo.StateDone, bob, int64(i+1)
				return nil
			})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	page, err := s.List(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 1000})
	require.NoError(t, err)
	require.Len(t, page, len(all))
	seen := map[string]bool{}
	for _, td := range page {
		require.False(t, seen[td.ID], "duplicate %s", td.ID)
		seen[td.ID] = true
		require.Equal(t, todo.StateDone, td.State, "a move must not undo a completion")
	}
	v, err := s.Version(ctx, scope.ListID())
	require.NoError(t, err)
	require.Equal(t, int64(3*len(all)), v, "every change got its own version")
}

func TestTextArrayQuotes(t *testing.T) {
	require.Equal(t, `{}`, textArray(nil))
	require.Equal(t, `{"a","b\"c","d\\e"}`, textArray([]string{"a", `b"c`, `d\e`}))
}

func TestStoreKeepsTheStoreContract(t *testing.T) {
	todotest.StoreContract(t, func(t *testing.T) todo.Store {
		s, _ := newTestStore(t)
		return s
	})
}

func TestStoreKeepsTheItemContract(t *testing.T) {
	todotest.ItemContract(t, func(t *testing.T) todotest.ItemStores {
		s, _ := newTestStore(t)
		return s
	})
}
