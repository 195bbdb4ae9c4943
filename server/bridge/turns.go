package bridge

import (
	"context"
	"sync"
)

// turns gives each list one command at a time (the tools do not lock their
// files) and bounds how many commands run at once across lists. Waiting
// honours the context, and a list's entry is dropped once nobody holds or
// waits for it, so the map does not grow with every list ever used.
type turns struct {
	global chan struct{}
	lists  *listTurns
}

// listTurns is the per-list half, shareable between runners.
type listTurns struct {
	mu    sync.Mutex
	lists map[string]*listTurn
}

type listTurn struct {
	slot  chan struct{}
	users int // holders plus waiters; guarded by listTurns.mu
}

func newListTurns() *listTurns { return &listTurns{lists: map[string]*listTurn{}} }

func newTurns(limit int, lists *listTurns) *turns {
	return &turns{global: make(chan struct{}, limit), lists: lists}
}

// acquire waits for key's turn and then a global slot. The list's turn is
// taken first so that commands queued behind a busy list do not occupy
// global slots while they wait.
func (t *turns) acquire(ctx context.Context, key string) (release func(), err error) {
	leaveList, err := t.acquireList(ctx, key)
	if err != nil {
		return nil, err
	}
	leaveSlot, err := t.acquireSlot(ctx)
	if err != nil {
		leaveList()
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			leaveSlot()
			leaveList()
		})
	}, nil
}

// acquireList waits for key's turn on this server.
func (t *turns) acquireList(ctx context.Context, key string) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l := t.lists
	l.mu.Lock()
	lt := l.lists[key]
	if lt == nil {
		lt = &listTurn{slot: make(chan struct{}, 1)}
		l.lists[key] = lt
	}
	lt.users++
	l.mu.Unlock()

	leave := func() {
		l.mu.Lock()
		lt.users--
		if lt.users == 0 {
			delete(l.lists, key)
		}
		l.mu.Unlock()
	}

	select {
	case lt.slot <- struct{}{}:
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
	return func() {
		<-lt.slot
		leave()
	}, nil
}

// acquireSlot waits for one of the global slots.
func (t *turns) acquireSlot(ctx context.Context) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case t.global <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return func() { <-t.global }, nil
}

// size reports how many lists have holders or waiters (for tests).
func (t *turns) size() int {
	t.lists.mu.Lock()
	defer t.lists.mu.Unlock()
	return len(t.lists.lists)
}
