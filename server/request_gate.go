package main

import (
	"net/http"
	"sync"
	"time"

	"github.com/channel-todo/channel-todo/server/httpjson"
)

// requestGate counts the HTTP requests the plugin is answering, so that OnDeactivate can let
// them finish before it closes what they use. Mattermost marks a plugin as not running before
// calling OnDeactivate and kills its process right after; a request still running then is cut
// and its client gets Mattermost's plain "500 internal server error".
//
// Mattermost picks the plugin for a request before it checks the session, so a request can be
// on its way to the plugin when OnDeactivate begins and arrive after every admitted one has
// finished. close therefore also waits until no request has arrived or left for a quiet
// interval: those late arrivals are refused with a clear 503, and the refusal is written before
// the process goes.
type requestGate struct {
	mu sync.Mutex
	// active counts the requests being answered or refused.
	active int
	closed bool
	// last is when a request last arrived or left.
	last time.Time
	// changed is closed, and replaced, whenever a request arrives or leaves while close waits.
	changed chan struct{}
}

// enter registers an arriving request and reports whether it is admitted (false once the gate
// is closing). Every enter is matched by one leave, admitted or not.
func (g *requestGate) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.active++
	g.touch()
	return !g.closed
}

// leave ends a request registered by enter.
func (g *requestGate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.active--
	g.touch()
}

// touch records an arrival or a departure and wakes close. Called with mu held.
func (g *requestGate) touch() {
	g.last = time.Now()
	if g.changed != nil {
		close(g.changed)
		g.changed = nil
	}
}

// close admits no more requests and waits up to timeout until none is being answered and none
// has arrived or left for quiet, counted from the call at the earliest. It reports whether
// that happened within the timeout.
func (g *requestGate) close(timeout, quiet time.Duration) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	g.mu.Lock()
	g.closed = true
	if now := time.Now(); g.last.Before(now) {
		g.last = now
	}
	for {
		var wait *time.Timer
		var waitC <-chan time.Time
		if g.active == 0 {
			rest := quiet - time.Since(g.last)
			if rest <= 0 {
				g.mu.Unlock()
				return true
			}
			wait = time.NewTimer(rest)
			waitC = wait.C
		}
		if g.changed == nil {
			g.changed = make(chan struct{})
		}
		changed := g.changed
		g.mu.Unlock()
		timedOut := false
		select {
		case <-changed:
		case <-waitC:
		case <-deadline.C:
			timedOut = true
		}
		if wait != nil {
			wait.Stop()
		}
		if timedOut {
			return false
		}
		g.mu.Lock()
	}
}

// writeStopping answers a request that arrived while the plugin stops: a clear, retryable 503
// in the REST API's error shape.
func writeStopping(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "5")
	httpjson.Write(w, http.StatusServiceUnavailable, map[string]string{
		"error": "Channel Todo is restarting. Please try again in a moment.",
		"code":  "plugin_stopping",
	})
}
