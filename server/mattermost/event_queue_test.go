package mattermost

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"
)

// slowSocket records the events it is handed; while hold is open, each publish waits for it.
type slowSocket struct {
	mu   sync.Mutex
	got  []string
	hold chan struct{}
}

func (s *slowSocket) PublishWebSocketEvent(event string, payload map[string]any, _ *model.WebsocketBroadcast) {
	if s.hold != nil {
		<-s.hold
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, fmt.Sprintf("%s %v", event, payload["n"]))
}

func (s *slowSocket) published() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

func events(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("todo_changed %d", i))
	}
	return out
}

// TestEventQueuePublishesWithoutWaiting: publishing returns while the server has not taken the
// event yet (here it takes none until released), so a change's answer does not wait for its
// live event; released, the events arrive in the order they were published.
func TestEventQueuePublishesWithoutWaiting(t *testing.T) {
	socket := &slowSocket{hold: make(chan struct{})}
	q := NewEventQueue(socket, 8)
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		for i := 0; i < 5; i++ {
			q.PublishWebSocketEvent(EventTodoChanged, map[string]any{"n": i}, nil)
		}
	}()
	select {
	case <-returned:
	case <-time.After(5 * time.Second):
		t.Fatal("publishing waited for the server to take the event")
	}
	require.Empty(t, socket.published())
	close(socket.hold)
	require.True(t, q.Close(5*time.Second))
	require.Equal(t, events(0, 5), socket.published())
}

// TestEventQueueKeepsOrderAndLosesNothing: many more events than the queue holds, published
// from several goroutines, each goroutine's (a list's) events in order: all arrive, each
// goroutine's in the order it published them, and Close returns only once all are delivered.
func TestEventQueueKeepsOrderAndLosesNothing(t *testing.T) {
	socket := &slowSocket{}
	q := NewEventQueue(socket, 4)
	const lists, each = 4, 250
	var wg sync.WaitGroup
	for l := 0; l < lists; l++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				q.PublishWebSocketEvent(EventTodoChanged, map[string]any{"n": fmt.Sprintf("%d.%03d", l, i)}, nil)
			}
		}()
	}
	wg.Wait()
	require.True(t, q.Close(5*time.Second))
	got := socket.published()
	require.Len(t, got, lists*each)
	last := map[string]string{}
	for _, e := range got {
		var list, n string
		_, err := fmt.Sscanf(e, "todo_changed %1s.%s", &list, &n)
		require.NoError(t, err)
		require.Less(t, last[list], n, "list %s's events out of order", list)
		last[list] = n
	}
}

// TestEventQueueDeliversQueuedEventsAtClose: the plugin closes the queue when it is
// deactivated; Close delivers every queued event before it returns, and an event published
// afterwards goes out directly, after them.
func TestEventQueueDeliversQueuedEventsAtClose(t *testing.T) {
	socket := &slowSocket{hold: make(chan struct{})}
	q := NewEventQueue(socket, 16)
	for i := 0; i < 10; i++ {
		q.PublishWebSocketEvent(EventTodoChanged, map[string]any{"n": i}, nil)
	}
	closed := make(chan bool)
	go func() { closed <- q.Close(5 * time.Second) }()
	select {
	case <-closed:
		t.Fatal("Close returned before the queued events were delivered")
	case <-time.After(50 * time.Millisecond):
	}
	close(socket.hold)
	require.True(t, <-closed)
	require.Equal(t, events(0, 10), socket.published())
	q.PublishWebSocketEvent(EventTodoChanged, map[string]any{"n": 10}, nil)
	require.Equal(t, events(0, 11), socket.published())
	require.True(t, q.Close(time.Second), "closing twice is harmless")
}

// TestEventQueueCloseGivesUpAfterTimeout: a server that takes no event does not keep the plugin
// from stopping; Close says so.
func TestEventQueueCloseGivesUpAfterTimeout(t *testing.T) {
	socket := &slowSocket{hold: make(chan struct{})}
	defer close(socket.hold)
	q := NewEventQueue(socket, 4)
	q.PublishWebSocketEvent(EventTodoChanged, map[string]any{"n": 0}, nil)
	require.False(t, q.Close(20*time.Millisecond))
}
