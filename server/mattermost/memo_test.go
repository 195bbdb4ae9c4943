package mattermost

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemoSharesALookupInFlight: within one request, whoever asks for a channel or a
// permission answer while it is being looked up waits for that lookup instead of asking
// Mattermost again (a door's early check and the service ask at the same time); another
// request asks again.
func TestMemoSharesALookupInFlight(t *testing.T) {
	ctx := WithChannelMemo(context.Background())
	release := make(chan struct{})
	var fetches, asks atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			ch, err := MemoChannel(ctx, "c", func() (*model.Channel, error) {
				fetches.Add(1)
				<-release
				return &model.Channel{Id: "c", Name: "dev"}, nil
			})
			if assert.NoError(t, err) {
				assert.Equal(t, "dev", ch.Name)
			}
		}()
		go func() {
			defer wg.Done()
			assert.True(t, memoAllowed(ctx, permissionKey{"u", "c", "create_post"}, func() bool {
				asks.Add(1)
				<-release
				return true
			}))
		}()
	}
	// The others ask while the first lookups wait; asked in turn, each would look up again.
	require.Eventually(t, func() bool { return fetches.Load() >= 1 && asks.Load() >= 1 }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	require.Equal(t, int32(1), fetches.Load())
	require.Equal(t, int32(1), asks.Load())

	other := WithChannelMemo(context.Background())
	require.False(t, memoAllowed(other, permissionKey{"u", "c", "create_post"}, func() bool { return false }),
		"a new request asks again: a removed member is refused")
}

// TestMemoForgetsFailedChannelLookups: a failed or empty lookup is not remembered; the next
// one asks again.
func TestMemoForgetsFailedChannelLookups(t *testing.T) {
	ctx := WithChannelMemo(context.Background())
	_, err := MemoChannel(ctx, "c", func() (*model.Channel, error) { return nil, errors.New("down") })
	require.Error(t, err)
	ch, err := MemoChannel(ctx, "c", func() (*model.Channel, error) { return nil, nil })
	require.NoError(t, err)
	require.Nil(t, ch)
	ch, err = MemoChannel(ctx, "c", func() (*model.Channel, error) { return &model.Channel{Id: "c"}, nil })
	require.NoError(t, err)
	require.Equal(t, "c", ch.Id)
	ch, err = MemoChannel(ctx, "c", func() (*model.Channel, error) { return nil, errors.New("not asked") })
	require.NoError(t, err)
	require.Equal(t, "c", ch.Id)
}
