package command

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// readCounter is a store that counts the todos its reads hand back.
type readCounter struct {
	*todotest.MemStore
	read atomic.Int64
}

func (r *readCounter) List(ctx context.Context, q todo.StoreQuery) ([]todo.Todo, error) {
	todos, err := r.MemStore.List(ctx, q)
	r.read.Add(int64(len(todos)))
	return todos, err
}

func (r *readCounter) Page(ctx context.Context, q todo.StoreQuery) (todo.StorePage, error) {
	p, err := r.MemStore.Page(ctx, q)
	r.read.Add(int64(len(p.Todos)))
	return p, err
}

func (r *readCounter) Mine(ctx context.Context, q todo.MineStoreQuery) ([]todo.Todo, error) {
	todos, err := r.MemStore.Mine(ctx, q)
	r.read.Add(int64(len(todos)))
	return todos, err
}

// TestViewsReadOnlyWhatTheyShow (issue 10.1): list, mine and export read the
// page they show and count the rest, so a long list costs what a short one
// does. Before, each read every todo of the view (up to 10,000) to show 20,
// and export read the list twice; this test failed then (2,500+ todos read).
func TestViewsReadOnlyWhatTheyShow(t *testing.T) {
	w := newWorld(t)
	store := &readCounter{MemStore: todotest.NewMemStore()}
	w.svc = todo.NewService(todo.Deps{Store: store, Authorizer: w.auth, Clock: todotest.NewClock(testNow)}, todo.Config{})
	w.exec.Service = w.svc
	const n = 2500
	ctx := context.Background()
	for i := 1; i <= n; i++ {
		_, err := w.svc.Add(ctx, w.alice, todo.AddInput{Scope: todo.ChannelScope(w.dev), Text: fmt.Sprintf("item %d", i), Assignees: []string{w.alice}})
		require.NoError(t, err)
		_, err = w.svc.Add(ctx, w.alice, todo.AddInput{Scope: todo.PersonalScope(w.alice), Text: fmt.Sprintf("own %d", i)})
		require.NoError(t, err)
	}
	tests := []struct {
		command string
		shows   string
		reads   int64
	}{
		{"list", fmt.Sprintf("Showing 1–%d of %d", PageSize, n), PageSize + 1},
		{"list open 3", fmt.Sprintf("**#%d** item %d", 2*PageSize+1, 2*PageSize+1), PageSize + 1},
		{"list 9999", fmt.Sprintf("**#%d** item %d", n, n), 2 * (PageSize + 1)},
		{"mine", fmt.Sprintf("Showing 1–%d of more than %d", PageSize, todo.MineCountCap), PageSize + 1},
		{"export", fmt.Sprintf("Exported %d todos", n), exportTodos},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			store.read.Store(0)
			out := w.run(t, tt.command)
			require.Contains(t, out.Text, tt.shows)
			require.LessOrEqual(t, store.read.Load(), tt.reads)
		})
	}
	// The numbered page shows what the whole view would show at that place.
	third := w.run(t, "list open 3").Text
	require.Equal(t, PageSize, strings.Count(third, "- [ ]"))
}

// TestMineSaysMoreThanItsCount (issue 10): `mine` counts up to todo.MineCountCap, so a larger
// view says "more than" the cap, in its title and its "more" line; a numbered page beyond the
// cap is counted up to its end, and a page past the end shows the last one, counted exactly.
// Below the cap the count is exact.
func TestMineSaysMoreThanItsCount(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	add := func(n int) {
		for i := 1; i <= n; i++ {
			_, err := w.svc.Add(ctx, w.alice, todo.AddInput{Scope: todo.ChannelScope(w.dev), Text: fmt.Sprintf("item %d", i), Assignees: []string{w.alice}})
			require.NoError(t, err)
		}
	}
	add(30)
	out := w.run(t, "mine").Text
	require.Contains(t, out, "#### 30 todos assigned to you\n")
	require.Contains(t, out, fmt.Sprintf("Showing 1–%d of 30. Next page: `/todo mine open 2`", PageSize))

	add(todo.MineCountCap + 500 - 30)
	total := todo.MineCountCap + 500
	cap := todo.MineCountCap
	tests := []struct {
		command string
		shows   []string
	}{
		{"mine", []string{
			fmt.Sprintf("#### More than %d todos assigned to you\n", cap),
			fmt.Sprintf("Showing 1–%d of more than %d. Next page: `/todo mine open 2`", PageSize, cap),
		}},
		{fmt.Sprintf("mine %d", cap/PageSize), []string{
			fmt.Sprintf("Showing %d–%d of more than %d. Next page: `/todo mine open %d`", cap-PageSize+1, cap, cap, cap/PageSize+1),
		}},
		{fmt.Sprintf("mine %d", cap/PageSize+2), []string{
			fmt.Sprintf("#### More than %d todos assigned to you\n", cap+2*PageSize),
			fmt.Sprintf("Showing %d–%d of more than %d. Next page: `/todo mine open %d`", cap+PageSize+1, cap+2*PageSize, cap+2*PageSize, cap/PageSize+3),
		}},
		{"mine 9999", []string{
			fmt.Sprintf("#### %d todos assigned to you\n", total),
			fmt.Sprintf("**#%d** item", total),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			out := w.run(t, tt.command).Text
			for _, s := range tt.shows {
				require.Contains(t, out, s)
			}
		})
	}
	require.NotContains(t, w.run(t, "mine 9999").Text, "Next page", "the last page has no next")
}
