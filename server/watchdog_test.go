package main

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestWatchServerNoticesANewParentOnce(t *testing.T) {
	var calls atomic.Int32
	parent := func() int {
		// The server is there for the first checks, then the process is handed to init.
		if calls.Add(1) < 4 {
			return 4242
		}
		return 1
	}
	gone := make(chan struct{}, 2)
	done := make(chan struct{})
	go func() {
		watchServer(parent, time.Millisecond, make(chan struct{}), func() { gone <- struct{}{} })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not end after the parent changed")
	}
	if len(gone) != 1 {
		t.Fatalf("gone was called %d times, want once", len(gone))
	}
	if calls.Load() < 4 {
		t.Fatalf("gone was called after %d looks at the parent, before it changed", calls.Load())
	}
}

func TestWatchServerLeavesALivingServerAlone(t *testing.T) {
	var calls atomic.Int32
	looked := make(chan struct{})
	parent := func() int {
		if calls.Add(1) == 20 {
			close(looked)
		}
		return 4242
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	called := false
	go func() {
		watchServer(parent, time.Millisecond, stop, func() { called = true })
		close(done)
	}()
	select {
	case <-looked:
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not look at its parent")
	}
	close(stop)
	<-done
	if called {
		t.Fatal("gone was called while the parent stayed the same")
	}
}
