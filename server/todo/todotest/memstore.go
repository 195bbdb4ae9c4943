package todotest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/channel-todo/channel-todo/server/todo"
)

// MemStore is an in-memory todo.Store with the same observable behaviour as
// the SQL store: per-list numbers and versions, soft deletes, keyset pages.
type MemStore struct {
	mu    sync.Mutex
	lists map[string]*memList
	todos map[string]todo.Todo
	// members stands in for Mattermost's ChannelMembers ("channel|user").
	members map[string]bool
	// imports are the import records, "source|id" -> todo id.
	imports map[string]string
	// items are the todos' checklists in order (memitems.go).
	items map[string][]todo.Item
}

type memList struct {
	next, lastPos, version int64
}

var _ todo.Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{lists: map[string]*memList{}, todos: map[string]todo.Todo{}, members: map[string]bool{}}
}

// SetMember records (or, with member false, removes) the user's membership
// of the channel, as Mattermost's ChannelMembers table would hold it.
func (m *MemStore) SetMember(channelID, userID string, member bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if member {
		m.members[channelID+"|"+userID] = true
	} else {
		delete(m.members, channelID+"|"+userID)
	}
}

func clone(t todo.Todo) todo.Todo {
	t.Assignees = append([]string{}, t.Assignees...)
	if t.Due != nil {
		d := *t.Due
		t.Due = &d
	}
	return t
}

func notFound(what string) error { return fmt.Errorf("%s: %w", what, todo.ErrNotFound) }

// Add implements todo.Store.
func (m *MemStore) Add(_ context.Context, t todo.Todo) (todo.Change, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.addLocked(t), nil
}

func (m *MemStore) addLocked(t todo.Todo) todo.Change {
	l := m.lists[t.ListID]
	if l == nil {
		l = &memList{next: 1}
		m.lists[t.ListID] = l
	}
	t.Number = l.next
	l.next++
	l.lastPos += 1024
	t.Position = l.lastPos
	l.version++
	t = clone(t)
	m.todos[t.ID] = t
	return todo.Change{Todo: clone(t), Version: l.version}
}

// Get implements todo.Store.
func (m *MemStore) Get(_ context.Context, id string) (todo.Todo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.todos[id]
	if !ok {
		return todo.Todo{}, notFound("todo")
	}
	return clone(t), nil
}

// GetByNumber implements todo.Store.
func (m *MemStore) GetByNumber(_ context.Context, listID string, number int64) (todo.Todo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range m.todos {
		if t.ListID == listID && t.Number == number {
			return clone(t), nil
		}
	}
	return todo.Todo{}, notFound("todo")
}

// Update implements todo.Store.
func (m *MemStore) Update(ctx context.Context, id string, mutate func(*todo.Todo) error) (todo.Change, error) {
	ch, _, err := m.UpdateAndAdd(ctx, id, mutate, nil)
	return ch, err
}

// UpdateAndAdd implements todo.Store.
func (m *MemStore) UpdateAndAdd(_ context.Context, id string, mutate func(*todo.Todo) error, next func(todo.Todo) *todo.Todo) (todo.Change, *todo.Change, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.todos[id]
	if !ok {
		return todo.Change{}, nil, notFound("todo")
	}
	t = clone(t)
	if err := mutate(&t); err != nil {
		return todo.Change{}, nil, err
	}
	var n *todo.Todo
	if next != nil {
		n = next(clone(t))
	}
	if n != nil {
		if _, taken := m.todos[n.ID]; taken {
			// As the SQL store's primary key would: nothing of the update is kept either.
			return todo.Change{}, nil, fmt.Errorf("adding todo %s: duplicate id", n.ID)
		}
	}
	l := m.lists[t.ListID]
	l.version++
	m.todos[id] = clone(t)
	ch := todo.Change{Todo: clone(t), Version: l.version}
	if n == nil {
		return ch, nil, nil
	}
	added := m.addLocked(*n)
	return ch, &added, nil
}

func (m *MemStore) ordered(listID string) []todo.Todo {
	var out []todo.Todo
	for _, t := range m.todos {
		if t.ListID == listID {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Position != out[j].Position {
			return out[i].Position < out[j].Position
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Move implements todo.Store. It renumbers the whole list on every move,
// which is simple and keeps the same order the SQL store produces.
func (m *MemStore) Move(_ context.Context, id, afterID string, updatedAt int64) (todo.Change, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.todos[id]
	if !ok {
		return todo.Change{}, notFound("todo")
	}
	if afterID != "" {
		if a, ok := m.todos[afterID]; !ok || a.ListID != t.ListID {
			return todo.Change{}, notFound("todo to move after")
		}
	}
	var order []todo.Todo
	if afterID == "" {
		order = append(order, t)
	}
	for _, x := range m.ordered(t.ListID) {
		if x.ID == id {
			continue
		}
		order = append(order, x)
		if x.ID == afterID {
			order = append(order, t)
		}
	}
	for i, x := range order {
		x.Position = int64(i+1) * 1024
		if x.ID == id {
			x.UpdatedAt = updatedAt
		}
		m.todos[x.ID] = x
	}
	l := m.lists[t.ListID]
	l.lastPos = int64(len(order)) * 1024
	l.version++
	return todo.Change{Todo: clone(m.todos[id]), Version: l.version}, nil
}

// MoveToEnd implements todo.Store.
func (m *MemStore) MoveToEnd(_ context.Context, id string, updatedAt int64) (todo.Change, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.todos[id]
	if !ok {
		return todo.Change{}, notFound("todo")
	}
	l := m.lists[t.ListID]
	l.lastPos += 1024
	l.version++
	t.Position, t.UpdatedAt = l.lastPos, updatedAt
	m.todos[id] = t
	return todo.Change{Todo: clone(t), Version: l.version}, nil
}

func matches(t todo.Todo, q todo.StoreQuery) bool {
	switch {
	case t.ListID != q.ListID || t.Deleted():
		return false
	case q.State != "" && t.State != q.State:
		return false
	case q.Assignee != "" && !t.IsAssigned(q.Assignee):
		return false
	case q.CompletedBy != "" && t.CompletedBy != q.CompletedBy:
		return false
	case q.DueBefore != "" && (t.Due == nil || t.Due.Date > q.DueBefore):
		return false
	case q.HasDue != nil && *q.HasDue != (t.Due != nil):
		return false
	case q.Priority != nil && t.Priority != *q.Priority:
		return false
	}
	return true
}

// page sorts, applies the keyset cursor, the skip and the limit.
func page(todos []todo.Todo, order todo.Order, after *todo.Cursor, skip, limit int) []todo.Todo {
	less := func(a, b todo.Todo) bool { return todo.Less(a, b, order) }
	sort.Slice(todos, func(i, j int) bool { return less(todos[i], todos[j]) })
	out := []todo.Todo{}
	for _, t := range todos {
		if after != nil && !less(todo.CursorTodo(*after, order), t) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(out) == limit {
			break
		}
		out = append(out, clone(t))
	}
	return out
}

// List implements todo.Store.
func (m *MemStore) List(_ context.Context, q todo.StoreQuery) ([]todo.Todo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var hits []todo.Todo
	for _, t := range m.todos {
		if matches(t, q) {
			hits = append(hits, t)
		}
	}
	return page(hits, q.Order, q.After, q.Skip, q.Limit), nil
}

// Page implements todo.Store.
func (m *MemStore) Page(ctx context.Context, q todo.StoreQuery) (todo.StorePage, error) {
	// The lock is taken by each read; the fake has no concurrent writers in tests that
	// compare versions to pages.
	todos, _ := m.List(ctx, q)
	version, _ := m.Version(ctx, q.ListID)
	open, _ := m.Count(ctx, q.ListID, todo.StateOpen)
	done, _ := m.Count(ctx, q.ListID, todo.StateDone)
	p := todo.StorePage{Todos: todos, Version: version, Open: open, Done: done}
	if scope, ok := todo.ScopeFromListID(q.ListID); ok && q.Reader != "" && scope.Kind == todo.ScopeChannel {
		m.mu.Lock()
		p.Member = m.members[scope.ChannelID+"|"+q.Reader]
		m.mu.Unlock()
	}
	return p, nil
}

// Count implements todo.Store.
func (m *MemStore) Count(_ context.Context, listID string, state todo.State) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, t := range m.todos {
		if matches(t, todo.StoreQuery{ListID: listID, State: state}) {
			n++
		}
	}
	return n, nil
}

// Version implements todo.Store.
func (m *MemStore) Version(_ context.Context, listID string) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if l := m.lists[listID]; l != nil {
		return l.version, nil
	}
	return 0, nil
}

// AssignedChannels implements todo.Store.
func (m *MemStore) AssignedChannels(_ context.Context, userID string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, t := range m.todos {
		if t.Scope.Kind == todo.ScopeChannel && !t.Deleted() && t.IsAssigned(userID) && !seen[t.Scope.ChannelID] {
			seen[t.Scope.ChannelID] = true
			out = append(out, t.Scope.ChannelID)
		}
	}
	sort.Strings(out)
	return out, nil
}

// AssignedOutsideMemberships implements todo.Store.
func (m *MemStore) AssignedOutsideMemberships(ctx context.Context, userID string) ([]string, error) {
	all, err := m.AssignedChannels(ctx, userID)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []string{}
	for _, c := range all {
		if !m.members[c+"|"+userID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// Mine implements todo.Store.
func (m *MemStore) Mine(_ context.Context, q todo.MineStoreQuery) ([]todo.Todo, error) {
	hits := m.mine(q)
	return page(hits, q.MineOrder(), q.After, q.Skip, q.Limit), nil
}

// CountMine implements todo.Store.
func (m *MemStore) CountMine(_ context.Context, q todo.MineStoreQuery) (int, error) {
	return len(m.mine(q)), nil
}

// MinePage implements todo.Store.
func (m *MemStore) MinePage(ctx context.Context, q todo.MineStoreQuery, upTo int) (todo.MinePage, error) {
	q.Members = true
	outside, err := m.AssignedOutsideMemberships(ctx, q.UserID)
	if err != nil {
		return todo.MinePage{}, err
	}
	p := todo.MinePage{Outside: outside, Total: -1}
	if p.Todos, err = m.Mine(ctx, q); err != nil {
		return todo.MinePage{}, err
	}
	if upTo > 0 {
		p.Total = min(len(m.mine(q)), upTo+1)
	}
	return p, nil
}

func (m *MemStore) mine(q todo.MineStoreQuery) []todo.Todo {
	m.mu.Lock()
	defer m.mu.Unlock()
	channels := map[string]bool{}
	for _, c := range q.ChannelIDs {
		channels[c] = true
	}
	personal := todo.PersonalScope(q.UserID).ListID()
	var hits []todo.Todo
	for _, t := range m.todos {
		if !matches(t, q.Filter(t.ListID)) {
			continue
		}
		in := channels[t.Scope.ChannelID] || (q.Members && m.members[t.Scope.ChannelID+"|"+q.UserID])
		if t.ListID == personal || (in && t.IsAssigned(q.UserID)) {
			hits = append(hits, t)
		}
	}
	return hits
}

var _ todo.ImportStore = (*MemStore)(nil)

// AddImported implements todo.ImportStore.
func (m *MemStore) AddImported(ctx context.Context, t todo.Todo, source string, sourceIDs []string) (todo.Change, bool, error) {
	m.mu.Lock()
	if m.imports == nil {
		m.imports = map[string]string{}
	}
	for _, id := range sourceIDs {
		if _, ok := m.imports[source+"|"+id]; ok {
			m.mu.Unlock()
			return todo.Change{}, false, nil
		}
	}
	for _, id := range sourceIDs {
		m.imports[source+"|"+id] = t.ID
	}
	m.mu.Unlock()
	ch, err := m.Add(ctx, t)
	return ch, err == nil, err
}

// Imported implements todo.ImportStore.
func (m *MemStore) Imported(_ context.Context, source string, sourceIDs []string) (map[string]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]string{}
	for _, id := range sourceIDs {
		if t, ok := m.imports[source+"|"+id]; ok {
			out[id] = t
		}
	}
	return out, nil
}

var _ todo.SearchStore = (*MemStore)(nil)

// Search implements todo.SearchStore: every term begins a word of the text (words are runs of
// letters and digits, as PostgreSQL's 'simple' configuration mostly splits them).
func (m *MemStore) Search(_ context.Context, q todo.SearchStoreQuery) ([]todo.Todo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	personal := todo.PersonalScope(q.UserID).ListID()
	var hits []todo.Todo
	for _, t := range m.todos {
		if t.Deleted() || (q.State != "" && t.State != q.State) {
			continue
		}
		if t.ListID != personal && !(t.Scope.ChannelID != "" && m.members[t.Scope.ChannelID+"|"+q.UserID]) {
			continue
		}
		if q.After != nil && (t.CreatedAt > q.After.Key || (t.CreatedAt == q.After.Key && t.ID >= q.After.ID)) {
			continue
		}
		if hasEveryPrefix(t.Text, q.Terms) {
			hits = append(hits, clone(t))
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].CreatedAt != hits[j].CreatedAt {
			return hits[i].CreatedAt > hits[j].CreatedAt
		}
		return hits[i].ID > hits[j].ID
	})
	if len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits, nil
}

func hasEveryPrefix(text string, terms []string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, term := range terms {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, term) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// SetThread implements todo.Store.
func (m *MemStore) SetThread(_ context.Context, id, postID string) (todo.Todo, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.todos[id]
	if !ok {
		return todo.Todo{}, false, notFound("todo")
	}
	if t.PostID != "" || t.RootID != "" {
		return clone(t), false, nil
	}
	t.PostID = postID
	m.todos[id] = t
	return clone(t), true, nil
}

var _ todo.ThreadIndex = (*MemStore)(nil)

// TodosInThread implements todo.ThreadIndex.
func (m *MemStore) TodosInThread(_ context.Context, rootID string) ([]todo.Todo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []todo.Todo{}
	for _, t := range m.todos {
		if !t.Deleted() && rootID != "" && t.ThreadRoot() == rootID {
			out = append(out, clone(t))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
