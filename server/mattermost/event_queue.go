package mattermost

import (
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// EventQueue publishes WebSocket events in the background, one at a time, in the order they
// were published: a change's answer does not wait for the event's round trip to the server,
// and every list's events still arrive in order (one worker keeps the order of all of them).
// Nothing is dropped: a full queue makes the publisher wait, and Close delivers what is
// queued before the plugin stops. After Close, events are published directly, as before.
type EventQueue struct {
	api WebSocketPublisher
	// mu: publishers hold it shared while they queue; Close holds it alone while it drains,
	// so no event is queued after the last one delivered and none overtakes a queued one.
	mu     sync.RWMutex
	closed bool
	events chan queuedEvent
	done   chan struct{}
}

type queuedEvent struct {
	event     string
	payload   map[string]any
	broadcast *model.WebsocketBroadcast
}

var _ WebSocketPublisher = (*EventQueue)(nil)

// NewEventQueue starts the worker that hands the events to api; up to size events wait in the
// queue before publishers wait for room.
func NewEventQueue(api WebSocketPublisher, size int) *EventQueue {
	q := &EventQueue{api: api, events: make(chan queuedEvent, size), done: make(chan struct{})}
	go q.deliver()
	return q
}

func (q *EventQueue) deliver() {
	defer close(q.done)
	for e := range q.events {
		q.api.PublishWebSocketEvent(e.event, e.payload, e.broadcast)
	}
}

// PublishWebSocketEvent queues the event (WebSocketPublisher). The payload and the broadcast
// must not change afterwards.
func (q *EventQueue) PublishWebSocketEvent(event string, payload map[string]any, broadcast *model.WebsocketBroadcast) {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		q.api.PublishWebSocketEvent(event, payload, broadcast)
		return
	}
	q.events <- queuedEvent{event: event, payload: payload, broadcast: broadcast}
}

// Close delivers the queued events and stops the worker, waiting at most timeout; false when
// the time ran out first (the rest are still being delivered). Events published while it
// waits are published after the queued ones; events published later go out directly.
func (q *EventQueue) Close(timeout time.Duration) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return true
	}
	q.closed = true
	close(q.events)
	select {
	case <-q.done:
		return true
	case <-time.After(timeout):
		return false
	}
}
