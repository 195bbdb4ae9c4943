package todotest

import (
	"sync"
	"testing"
	"time"
)

// Rendezvous makes each caller of Arrive wait until Want callers have arrived: a fake whose
// methods arrive there proves that the code under test asks its questions at once, not in
// turn. A caller still waiting after five seconds fails the test, naming who had arrived, and
// goes on, so nothing hangs.
type Rendezvous struct {
	t       testing.TB
	want    int
	mu      sync.Mutex
	arrived []string
	all     chan struct{}
}

// NewRendezvous is a Rendezvous for want callers.
func NewRendezvous(t testing.TB, want int) *Rendezvous {
	return &Rendezvous{t: t, want: want, all: make(chan struct{})}
}

// Arrive records name and waits for the others.
func (r *Rendezvous) Arrive(name string) {
	r.mu.Lock()
	r.arrived = append(r.arrived, name)
	if len(r.arrived) == r.want {
		close(r.all)
	}
	r.mu.Unlock()
	select {
	case <-r.all:
	case <-time.After(5 * time.Second):
		r.mu.Lock()
		defer r.mu.Unlock()
		r.t.Errorf("%s waited 5 s for the others; only these had arrived: %v", name, r.arrived)
	}
}
