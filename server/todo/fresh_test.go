package todo

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRecentWritersStaysBounded: the memory of who wrote recently never
// holds more than maxWriters people, and forgets the oldest first.
func TestRecentWritersStaysBounded(t *testing.T) {
	var r recentWriters
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3*maxWriters; i++ {
		r.wrote(NewID(), start.Add(time.Duration(i)*time.Microsecond))
	}
	require.LessOrEqual(t, len(r.last), maxWriters)
	now := start.Add(3 * maxWriters * time.Microsecond)
	last := NewID()
	r.wrote(last, now)
	require.True(t, r.recent(last, now))
	require.False(t, r.recent(last, now.Add(FreshWindow+time.Millisecond)))
}
