package todotest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// ItemStores keep todos and their checklists.
type ItemStores interface {
	todo.Store
	todo.ItemStore
}

// ItemContract checks the behaviour every todo.ItemStore must have, on the SQL store and on
// MemStore alike. newStore must return an empty store.
func ItemContract(t *testing.T, newStore func(t *testing.T) ItemStores) {
	ctx := context.Background()
	alice := todo.NewID()
	newTodo := func(t *testing.T, s ItemStores, scope todo.Scope) todo.Todo {
		t.Helper()
		ch, err := s.Add(ctx, todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: "Pack", State: todo.StateOpen,
			CreatorID: alice, CreatedAt: 1, UpdatedAt: 1})
		require.NoError(t, err)
		return ch.Todo
	}
	addItem := func(t *testing.T, s ItemStores, td todo.Todo, text string) todo.ItemChange {
		t.Helper()
		ch, err := s.AddItem(ctx, todo.Item{ID: todo.NewID(), TodoID: td.ID, Text: text, CreatorID: alice, CreatedAt: 5, UpdatedAt: 5}, todo.MaxItems)
		require.NoError(t, err)
		return ch
	}
	texts := func(items []todo.Item) []string {
		out := []string{}
		for i, it := range items {
			require.Equal(t, i+1, it.Position, "positions are 1..n without gaps")
			out = append(out, it.Text)
		}
		return out
	}

	t.Run("add, tick, move and remove keep positions dense and counts true", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		td := newTodo(t, s, scope)
		addItem(t, s, td, "socks")
		addItem(t, s, td, "shirt")
		ch := addItem(t, s, td, "hat")
		require.Equal(t, []string{"socks", "shirt", "hat"}, texts(ch.Items))
		require.Equal(t, int64(4), ch.Version, "each write bumps the list's version")
		require.Equal(t, 3, ch.Todo.ItemsTotal)
		require.Equal(t, int64(5), ch.Todo.UpdatedAt)

		shirt := ch.Items[1]
		ch, err := s.UpdateItem(ctx, td.ID, shirt.ID, 7, func(it *todo.Item) error {
			it.Done, it.DoneBy, it.DoneAt = true, alice, 7
			return nil
		})
		require.NoError(t, err)
		require.True(t, ch.Items[1].Done)
		require.Equal(t, alice, ch.Items[1].DoneBy)
		require.Equal(t, 1, ch.Todo.ItemsDone)

		got, err := s.Get(ctx, td.ID)
		require.NoError(t, err)
		require.Equal(t, [2]int{3, 1}, [2]int{got.ItemsTotal, got.ItemsDone}, "a todo is read with its counts")
		page, err := s.Page(ctx, todo.StoreQuery{ListID: scope.ListID(), Limit: 10})
		require.NoError(t, err)
		require.Equal(t, [2]int{3, 1}, [2]int{page.Todos[0].ItemsTotal, page.Todos[0].ItemsDone}, "so is a page's")

		ch, err = s.MoveItem(ctx, td.ID, ch.Items[2].ID, 1, 8)
		require.NoError(t, err)
		require.Equal(t, []string{"hat", "socks", "shirt"}, texts(ch.Items))
		ch, err = s.MoveItem(ctx, td.ID, ch.Items[0].ID, 99, 8)
		require.NoError(t, err)
		require.Equal(t, []string{"socks", "shirt", "hat"}, texts(ch.Items), "a position past the end is the last")
		ch, err = s.MoveItem(ctx, td.ID, ch.Items[0].ID, 2, 8)
		require.NoError(t, err)
		require.Equal(t, []string{"shirt", "socks", "hat"}, texts(ch.Items))
		ch, err = s.MoveItem(ctx, td.ID, ch.Items[1].ID, 2, 8)
		require.NoError(t, err)
		require.Equal(t, []string{"shirt", "socks", "hat"}, texts(ch.Items), "moving to its own place changes nothing")

		ch, err = s.RemoveItem(ctx, td.ID, ch.Items[1].ID, 9)
		require.NoError(t, err)
		require.Equal(t, []string{"shirt", "hat"}, texts(ch.Items))
		require.Equal(t, [2]int{2, 1}, [2]int{ch.Todo.ItemsTotal, ch.Todo.ItemsDone})

		items, version, err := s.Items(ctx, td.ID)
		require.NoError(t, err)
		require.Equal(t, ch.Items, items)
		require.Equal(t, ch.Version, version)
	})

	t.Run("what names no item of the todo changes nothing", func(t *testing.T) {
		s := newStore(t)
		scope := todo.ChannelScope(todo.NewID())
		td, other := newTodo(t, s, scope), newTodo(t, s, scope)
		mine := addItem(t, s, td, "one").Items[0]
		theirs := addItem(t, s, other, "two").Items[0]
		before, err := s.Version(ctx, scope.ListID())
		require.NoError(t, err)

		_, err = s.UpdateItem(ctx, td.ID, theirs.ID, 9, func(it *todo.Item) error { it.Done = true; return nil })
		require.ErrorIs(t, err, todo.ErrNotFound)
		_, err = s.MoveItem(ctx, td.ID, theirs.ID, 1, 9)
		require.ErrorIs(t, err, todo.ErrNotFound)
		_, err = s.RemoveItem(ctx, td.ID, theirs.ID, 9)
		require.ErrorIs(t, err, todo.ErrNotFound)
		_, err = s.AddItem(ctx, todo.Item{ID: todo.NewID(), TodoID: todo.NewID(), Text: "x", CreatorID: alice}, todo.MaxItems)
		require.ErrorIs(t, err, todo.ErrNotFound)
		refused := errors.New("refused")
		_, err = s.UpdateItem(ctx, td.ID, mine.ID, 9, func(it *todo.Item) error { it.Text = "changed"; return refused })
		require.ErrorIs(t, err, refused)

		_, err = s.Update(ctx, td.ID, func(t *todo.Todo) error { t.DeletedAt, t.DeletedBy = 9, alice; return nil })
		require.NoError(t, err)
		_, err = s.AddItem(ctx, todo.Item{ID: todo.NewID(), TodoID: td.ID, Text: "x", CreatorID: alice}, todo.MaxItems)
		require.ErrorIs(t, err, todo.ErrNotFound, "a deleted todo's checklist is not changed")

		after, err := s.Version(ctx, scope.ListID())
		require.NoError(t, err)
		require.Equal(t, before+1, after, "only the delete bumped the version")
		items, _, err := s.Items(ctx, td.ID)
		require.NoError(t, err)
		require.Equal(t, []string{"one"}, texts(items))
		require.False(t, items[0].Done)
	})

	t.Run("a full checklist takes no more", func(t *testing.T) {
		s := newStore(t)
		td := newTodo(t, s, todo.PersonalScope(alice))
		for i := 0; i < 2; i++ {
			_, err := s.AddItem(ctx, todo.Item{ID: todo.NewID(), TodoID: td.ID, Text: "x", CreatorID: alice}, 2)
			require.NoError(t, err)
		}
		_, err := s.AddItem(ctx, todo.Item{ID: todo.NewID(), TodoID: td.ID, Text: "x", CreatorID: alice}, 2)
		require.ErrorIs(t, err, todo.ErrItemsFull)
		items, _, err := s.Items(ctx, td.ID)
		require.NoError(t, err)
		require.Len(t, items, 2)
		mine, err := s.Mine(ctx, todo.MineStoreQuery{UserID: alice, Limit: 10})
		require.NoError(t, err)
		require.Len(t, mine, 1)
		require.Equal(t, 2, mine[0].ItemsTotal, "a page of mine carries the counts too")
	})

	t.Run("concurrent adds, moves and removes lose and duplicate nothing", func(t *testing.T) {
		s := newStore(t)
		td := newTodo(t, s, todo.ChannelScope(todo.NewID()))
		seed := []todo.Item{}
		for i := 0; i < 6; i++ {
			seed = addItem(t, s, td, fmt.Sprintf("seed %d", i)).Items
		}
		const adders = 12
		var wg sync.WaitGroup
		errs := make(chan error, 3*adders)
		for i := 0; i < adders; i++ {
			wg.Add(3)
			go func(i int) {
				defer wg.Done()
				_, err := s.AddItem(ctx, todo.Item{ID: todo.NewID(), TodoID: td.ID, Text: fmt.Sprintf("new %d", i), CreatorID: alice}, todo.MaxItems)
				errs <- err
			}(i)
			go func(i int) {
				defer wg.Done()
				_, err := s.MoveItem(ctx, td.ID, seed[i%3].ID, 1+(i*7)%10, 9)
				errs <- err
			}(i)
			go func(i int) {
				defer wg.Done()
				_, err := s.UpdateItem(ctx, td.ID, seed[3+i%3].ID, 9, func(it *todo.Item) error { it.Done = !it.Done; return nil })
				errs <- err
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		_, err := s.RemoveItem(ctx, td.ID, seed[0].ID, 10)
		require.NoError(t, err)
		items, _, err := s.Items(ctx, td.ID)
		require.NoError(t, err)
		seen := map[string]bool{}
		for i, it := range items {
			require.Equal(t, i+1, it.Position)
			require.False(t, seen[it.ID], "no item twice")
			seen[it.ID] = true
		}
		require.Len(t, items, 6+adders-1)
		for _, it := range seed[1:] {
			require.True(t, seen[it.ID], "no item lost")
		}
		got, err := s.Get(ctx, td.ID)
		require.NoError(t, err)
		require.Equal(t, len(items), got.ItemsTotal)
	})
}
