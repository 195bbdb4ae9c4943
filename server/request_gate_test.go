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
	go func() { closed <- g.close(time.Minute) }()

	// close waits for the admitted request; new ones are refused meanwhile.
	require.Eventually(t, func() bool {
		if g.enter() {
			g.leave() // admitted before close began: let it go again
			return false
		}
		return true
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
	require.False(t, g.close(10*time.Millisecond))
	g.leave()
	require.False(t, g.enter())
}

func TestRequestGateWithNothingActiveClosesAtOnce(t *testing.T) {
	var g requestGate
	require.True(t, g.close(time.Hour))
}

func TestWriteStoppingIsARetryableJSON503(t *testing.T) {
	rec := httptest.NewRecorder()
	writeStopping(rec)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "5", rec.Header().Get("Retry-After"))
	require.JSONEq(t, `{"error": "Channel Todo is restarting. Please try again in a moment.", "code": "plugin_stopping"}`, rec.Body.String())
}
