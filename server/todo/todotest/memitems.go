package todotest

import (
	"context"

	"github.com/channel-todo/channel-todo/server/todo"
)

var _ todo.ItemStore = (*MemStore)(nil)

// Items implements todo.ItemStore.
func (m *MemStore) Items(_ context.Context, todoID string) ([]todo.Item, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.todos[todoID]
	if !ok {
		return []todo.Item{}, 0, nil
	}
	return m.itemsLocked(todoID), m.lists[t.ListID].version, nil
}

func (m *MemStore) itemsLocked(todoID string) []todo.Item {
	out := append([]todo.Item{}, m.items[todoID]...)
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// changeItems is the MemStore's transaction of a checklist write: op changes the todo's
// items (a copy, kept only when op succeeds), then the counts, the todo's time and the
// list's version follow.
func (m *MemStore) changeItems(todoID string, at int64, op func([]todo.Item) ([]todo.Item, error)) (todo.ItemChange, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.todos[todoID]
	if !ok || t.Deleted() {
		return todo.ItemChange{}, notFound("todo")
	}
	items, err := op(append([]todo.Item{}, m.items[todoID]...))
	if err != nil {
		return todo.ItemChange{}, err
	}
	if m.items == nil {
		m.items = map[string][]todo.Item{}
	}
	m.items[todoID] = items
	t.ItemsTotal, t.ItemsDone = len(items), 0
	for _, it := range items {
		if it.Done {
			t.ItemsDone++
		}
	}
	t.UpdatedAt = at
	m.todos[todoID] = t
	l := m.lists[t.ListID]
	l.version++
	return todo.ItemChange{Change: todo.Change{Todo: clone(t), Version: l.version}, Items: m.itemsLocked(todoID)}, nil
}

func indexOf(items []todo.Item, id string) int {
	for i, it := range items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

// AddItem implements todo.ItemStore.
func (m *MemStore) AddItem(_ context.Context, it todo.Item, max int) (todo.ItemChange, error) {
	return m.changeItems(it.TodoID, it.UpdatedAt, func(items []todo.Item) ([]todo.Item, error) {
		if len(items) >= max {
			return nil, todo.ErrItemsFull
		}
		return append(items, it), nil
	})
}

// UpdateItem implements todo.ItemStore.
func (m *MemStore) UpdateItem(_ context.Context, todoID, itemID string, at int64, mutate func(*todo.Item) error) (todo.ItemChange, error) {
	return m.changeItems(todoID, at, func(items []todo.Item) ([]todo.Item, error) {
		i := indexOf(items, itemID)
		if i < 0 {
			return nil, notFound("item")
		}
		it := items[i]
		if err := mutate(&it); err != nil {
			return nil, err
		}
		it.UpdatedAt = at
		items[i] = it
		return items, nil
	})
}

// MoveItem implements todo.ItemStore.
func (m *MemStore) MoveItem(_ context.Context, todoID, itemID string, position int, at int64) (todo.ItemChange, error) {
	return m.changeItems(todoID, at, func(items []todo.Item) ([]todo.Item, error) {
		i := indexOf(items, itemID)
		if i < 0 {
			return nil, notFound("item")
		}
		it := items[i]
		it.UpdatedAt = at
		rest := append(append([]todo.Item{}, items[:i]...), items[i+1:]...)
		dest := min(max(position, 1), len(items)) - 1
		return append(rest[:dest], append([]todo.Item{it}, rest[dest:]...)...), nil
	})
}

// RemoveItem implements todo.ItemStore.
func (m *MemStore) RemoveItem(_ context.Context, todoID, itemID string, at int64) (todo.ItemChange, error) {
	return m.changeItems(todoID, at, func(items []todo.Item) ([]todo.Item, error) {
		i := indexOf(items, itemID)
		if i < 0 {
			return nil, notFound("item")
		}
		return append(items[:i], items[i+1:]...), nil
	})
}
