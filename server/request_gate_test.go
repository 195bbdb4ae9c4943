package main

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/httpjson/httpjsontest"
)

func TestRequestGateLetsAdmittedRequestsFinishAndRefusesNewOnes(t *testing.T) {
	var g requestGate
	require.True(t, g.enter())
	finished := make(chan struct{})
	closed := make(chan bool)
	go func() { closed <- g.close(time.Minute, time.Millisecond) }()

	// close waits for the admitted request; new ones are refused meanwhile.
	require.Eventually(t, func() bool {
		admitted := g.enter()
		g.leave()
		return !admitted
	}, time.Second, time.Millisecond)
	go func() {
		close(finished)
		g.leave()
	}()
	require.True(t, <-closed)
	<-finished
}

func TestRequestGateCloseGivesUpAfterTheTimeout(t *testing.T) {
	var g requestGate
	require.True(t, g.enter())
	require.False(t, g.close(10*time.Millisecond, time.Millisecond))
	g.leave()
	require.False(t, g.enter())
}

func TestRequestGateWithNothingActiveClosesAfterTheQuietInterval(t *testing.T) {
	var g requestGate
	start := time.Now()
	require.True(t, g.close(time.Hour, 20*time.Millisecond))
	require.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond)
}

// closing starts g.close in the background and returns, once the gate refuses new requests,
// the channel close reports on.
func closing(t *testing.T, g *requestGate, quiet time.Duration) <-chan bool {
	t.Helper()
	closed := make(chan bool, 1)
	go func() { closed <- g.close(time.Minute, quiet) }()
	require.Eventually(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.closed
	}, time.Second, time.Millisecond)
	return closed
}

// notYet fails the test if close has already returned.
func notYet(t *testing.T, closed <-chan bool, why string) {
	t.Helper()
	select {
	case <-closed:
		t.Fatal(why)
	default:
	}
}

// A request Mattermost routed here just before OnDeactivate arrives after every admitted one
// has finished: close still waits for it to be refused and for its answer to leave, so that
// the process is not killed while the 503 is being written.
func TestRequestGateWaitsForARequestThatArrivesWhileItCloses(t *testing.T) {
	var g requestGate
	closed := closing(t, &g, 50*time.Millisecond)

	require.False(t, g.enter(), "a late request is refused")
	// However long the refusal takes, close does not return while it is being written.
	time.Sleep(100 * time.Millisecond)
	notYet(t, closed, "close returned while a refused request was still being answered")
	g.leave()
	require.True(t, <-closed)
}

// A late arrival restarts the quiet interval: close returns a whole interval after the last
// request left, not an interval after it began.
func TestRequestGateQuietIntervalRestartsAtEachArrival(t *testing.T) {
	var g requestGate
	const quiet = time.Second
	closed := closing(t, &g, quiet)
	time.Sleep(quiet / 2)
	require.False(t, g.enter())
	g.leave()
	// Past the interval counted from the start, well within the one counted from the arrival.
	time.Sleep(quiet * 7 / 10)
	notYet(t, closed, "close returned less than the quiet interval after the last request left")
	require.True(t, <-closed)
}

func TestWriteStoppingIsARetryableJSON503(t *testing.T) {
	rec := httpjsontest.NewRecorder()
	writeStopping(rec)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	// One WriteHeader and one Write with the length: each is a round trip to the server while
	// the plugin stops.
	require.Equal(t, 1, rec.WriteHeaders)
	require.Equal(t, 1, rec.Writes)
	require.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"))
	require.Equal(t, "5", rec.Header().Get("Retry-After"))
	require.JSONEq(t, `{"error": "Channel Todo is restarting. Please try again in a moment.", "code": "plugin_stopping"}`, rec.Body.String())
}
