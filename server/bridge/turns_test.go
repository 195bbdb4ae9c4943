package bridge

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// blocked reports whether acquire gives up waiting, using a short deadline
// only to end the wait: success would mean the slot was wrongly free.
func blocked(t *testing.T, tr *turns, key string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	release, err := tr.acquire(ctx, key)
	if err == nil {
		release()
		return false
	}
	require.ErrorIs(t, err, context.DeadlineExceeded)
	return true
}

func TestTurnsOneCommandPerList(t *testing.T) {
	tr := newTurns(4, newListTurns())
	release, err := tr.acquire(context.Background(), "a")
	require.NoError(t, err)
	require.True(t, blocked(t, tr, "a"), "a second command on the same list waits")
	require.False(t, blocked(t, tr, "b"), "another list runs")
	release()
	release() // releasing twice is harmless
	require.False(t, blocked(t, tr, "a"))
	require.Equal(t, 0, tr.size(), "no entries are left behind")
}

func TestTurnsGlobalLimit(t *testing.T) {
	tr := newTurns(2, newListTurns())
	r1, err := tr.acquire(context.Background(), "a")
	require.NoError(t, err)
	r2, err := tr.acquire(context.Background(), "b")
	require.NoError(t, err)
	require.True(t, blocked(t, tr, "c"), "the global limit is reached")
	r1()
	require.False(t, blocked(t, tr, "c"))
	r2()
	require.Equal(t, 0, tr.size())
}

func TestTurnsCanceledContext(t *testing.T) {
	tr := newTurns(1, newListTurns())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := tr.acquire(ctx, "a")
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 0, tr.size())
}

func TestTurnsSerializeUnderLoad(t *testing.T) {
	tr := newTurns(3, newListTurns())
	var mu sync.Mutex
	running := map[string]int{}
	total, maxTotal := 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 60; i++ {
		key := []string{"a", "b", "c", "d", "e"}[i%5]
		wg.Add(1)
		go func() {
			defer wg.Done()
			release, err := tr.acquire(context.Background(), key)
			require.NoError(t, err)
			mu.Lock()
			running[key]++
			total++
			maxTotal = max(maxTotal, total)
			require.Equal(t, 1, running[key], "two commands ran on list %s at once", key)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			running[key]--
			total--
			mu.Unlock()
			release()
		}()
	}
	wg.Wait()
	require.LessOrEqual(t, maxTotal, 3)
	require.Equal(t, 0, tr.size())
}

func TestTurnsSharedBetweenRunners(t *testing.T) {
	shared := newListTurns()
	old, next := newTurns(4, shared), newTurns(4, shared)
	release, err := old.acquire(context.Background(), "a")
	require.NoError(t, err)
	require.True(t, blocked(t, next, "a"), "the new runner waits for the old one's command on the same list")
	require.False(t, blocked(t, next, "b"))
	release()
	require.False(t, blocked(t, next, "a"))
}
