package main

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// requestGate counts the HTTP requests the plugin is answering, so that OnDeactivate can let
// them finish before it closes what they use. Mattermost stops routing new requests to a
// plugin before calling OnDeactivate and kills its process right after; a request still
// running then is cut and its client gets Mattermost's plain "500 internal server error".
type requestGate struct {
	mu     sync.Mutex
	active int
	closed bool
	// idle is closed when the last active request leaves after close began.
	idle chan struct{}
}

// enter admits a request; false once the gate is closing.
func (g *requestGate) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.active++
	return true
}

// leave ends an admitted request.
func (g *requestGate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.active--
	if g.active == 0 && g.idle != nil {
		close(g.idle)
		g.idle = nil
	}
}

// close admits no more requests and waits up to timeout for the admitted ones to finish. It
// reports whether they all did.
func (g *requestGate) close(timeout time.Duration) bool {
	g.mu.Lock()
	g.closed = true
	if g.active == 0 {
		g.mu.Unlock()
		return true
	}
	if g.idle == nil {
		g.idle = make(chan struct{})
	}
	idle := g.idle
	g.mu.Unlock()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-idle:
		return true
	case <-timer.C:
		return false
	}
}

// writeStopping answers a request that arrived while the plugin stops: a clear, retryable 503
// in the REST API's error shape.
func writeStopping(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "5")
	w.WriteHeader(http.StatusServiceUnavailable)
	_ = json.NewEncoder(w).Encode(map[string]string{
		"error": "Channel Todo is restarting. Please try again in a moment.",
		"code":  "plugin_stopping",
	})
}
