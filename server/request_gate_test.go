package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
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

// A request Mattermost routed here just before OnDeactivate arrives after every admitted one
// has finished: close still waits for it to be refused and for its answer to leave, so that
// the process is not killed while the 503 is being written.
func TestRequestGateWaitsForARequestThatArrivesWhileItCloses(t *testing.T) {
	var g requestGate
	closed := make(chan bool, 1)
	go func() { closed <- g.close(time.Minute, 50*time.Millisecond) }()
	require.Eventually(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.closed
	}, time.Second, time.Millisecond)

	require.False(t, g.enter(), "a late request is refused")
	// However long the refusal takes, close does not return while it is being written.
	time.Sleep(100 * time.Millisecond)
	select {
	case <-closed:
		t.Fatal("close returned while a refused request was still being answered")
	default:
	}
	g.leave()
	require.True(t, <-closed)
}

// A late arrival restarts the quiet interval, so a second one close to it is waited for too.
func TestRequestGateQuietIntervalRestartsAtEachArrival(t *testing.T) {
	var g requestGate
	closed := make(chan bool, 1)
	go func() { closed <- g.close(time.Minute, 200*time.Millisecond) }()
	require.Eventually(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.closed
	}, time.Second, time.Millisecond)
	require.False(t, g.enter())
	g.leave()
	require.False(t, g.enter())
	select {
	case <-closed:
		t.Fatal("close returned while a refused request was still being answered")
	default:
	}
	g.leave()
	require.True(t, <-closed)
}

func TestWriteStoppingIsARetryableJSON503(t *testing.T) {
	rec := httptest.NewRecorder()
	writeStopping(rec)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "5", rec.Header().Get("Retry-After"))
	require.JSONEq(t, `{"error": "Channel Todo is restarting. Please try again in a moment.", "code": "plugin_stopping"}`, rec.Body.String())
}
