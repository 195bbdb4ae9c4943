package todotest

import (
	"context"
	"sync"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Replies is a todo.ReplyCounter over counts a test sets.
type Replies struct {
	mu     sync.Mutex
	counts map[string]int
	// Fresh records whether each read asked for the primary's data.
	fresh []bool
}

var _ todo.ReplyCounter = (*Replies)(nil)

// Set makes rootID's thread have n replies.
func (r *Replies) Set(rootID string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.counts == nil {
		r.counts = map[string]int{}
	}
	r.counts[rootID] = n
}

// ReplyCounts implements todo.ReplyCounter.
func (r *Replies) ReplyCounts(ctx context.Context, rootIDs []string) (map[string]int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fresh = append(r.fresh, todo.FreshReads(ctx))
	out := map[string]int{}
	for _, id := range rootIDs {
		if n, ok := r.counts[id]; ok && n > 0 {
			out[id] = n
		}
	}
	return out, nil
}

// Reads reports, for each read so far, whether it asked for fresh data.
func (r *Replies) Reads() []bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bool(nil), r.fresh...)
}

// ReplyEvent is one todo.ReplyEvents call.
type ReplyEvent struct {
	Todo    todo.Todo
	Replies int
}

// ReplyEvents records what a todo.ReplyEvents was told.
type ReplyEvents struct {
	mu     sync.Mutex
	events []ReplyEvent
}

var _ todo.ReplyEvents = (*ReplyEvents)(nil)

// RepliesChanged implements todo.ReplyEvents.
func (r *ReplyEvents) RepliesChanged(_ context.Context, t todo.Todo, replies int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ReplyEvent{Todo: t, Replies: replies})
}

// Events returns what was told so far.
func (r *ReplyEvents) Events() []ReplyEvent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]ReplyEvent(nil), r.events...)
}
