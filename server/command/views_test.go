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
		{"mine", fmt.Sprintf("Showing 1–%d of %d", PageSize, 2*n), PageSize + 1},
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
