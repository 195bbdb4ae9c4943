package todo

import (
	"context"
	"sync"
	"time"
)

// Reads that may be slightly stale (list pages, "mine", counts, suggestions)
// may go to a database replica, which lags the master by a moment. A
// person's own read right after their own write must see it, so the
// service remembers who wrote recently and marks their reads fresh; the
// store then reads them from the master.

type freshKey struct{}

// WithFreshReads marks ctx's reads as needing the master's latest data.
func WithFreshReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, freshKey{}, true)
}

// FreshReads reports whether ctx's reads must not come from a replica.
func FreshReads(ctx context.Context) bool {
	fresh, _ := ctx.Value(freshKey{}).(bool)
	return fresh
}

// FreshWindow is how long after a write its author's reads go to the
// master: well beyond a healthy replica's lag.
const FreshWindow = 10 * time.Second

// maxWriters bounds the memory of recentWriters; past it, entries older
// than the window are dropped, and if all are recent the oldest half goes
// (those authors then read from the replica a little early, never wrongly
// from a stale master).
const maxWriters = 10_000

// recentWriters remembers, on this node, when each user last wrote.
type recentWriters struct {
	mu   sync.Mutex
	last map[string]time.Time
}

func (r *recentWriters) wrote(userID string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.last == nil {
		r.last = map[string]time.Time{}
	}
	if len(r.last) >= maxWriters {
		r.prune(now)
	}
	r.last[userID] = now
}

func (r *recentWriters) prune(now time.Time) {
	for id, at := range r.last {
		if now.Sub(at) > FreshWindow {
			delete(r.last, id)
		}
	}
	if len(r.last) < maxWriters {
		return
	}
	var cut time.Time
	for _, at := range r.last {
		if cut.IsZero() || at.Before(cut) {
			cut = at
		}
	}
	cut = cut.Add(now.Sub(cut) / 2)
	for id, at := range r.last {
		if !at.After(cut) {
			delete(r.last, id)
		}
	}
}

func (r *recentWriters) recent(userID string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	at, ok := r.last[userID]
	return ok && now.Sub(at) <= FreshWindow
}

// readCtx is the context for a read by actor: fresh when actor wrote
// within FreshWindow on this node.
func (s *Service) readCtx(ctx context.Context, actor string) context.Context {
	if s.writers.recent(actor, s.clock.Now()) {
		return WithFreshReads(ctx)
	}
	return ctx
}

// wrote records that actor changed something just now.
func (s *Service) wrote(actor string) { s.writers.wrote(actor, s.clock.Now()) }
