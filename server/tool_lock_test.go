package main

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
)

// memKV is the plugin KV store's atomic set, in memory: what a cluster mutex needs. Two
// plugins given one memKV behave like two servers of a cluster sharing one database.
type memKV struct {
	mu   sync.Mutex
	data map[string][]byte
	sets int
}

func newMemKV() *memKV { return &memKV{data: map[string][]byte{}} }

func (m *memKV) KVSetWithOptions(key string, value []byte, o model.PluginKVSetOptions) (bool, *model.AppError) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sets++
	old, exists := m.data[key]
	if o.Atomic && (exists != (o.OldValue != nil) || !bytes.Equal(old, o.OldValue)) {
		return false, nil
	}
	if value == nil {
		delete(m.data, key)
	} else {
		m.data[key] = value
	}
	return true, nil
}

func (m *memKV) LogError(string, ...any) {}

// serveClusterLocks makes a's KV store (the cluster mutexes of tool-kept lists) kv.
func serveClusterLocks(a *plugintest.API, kv *memKV) {
	a.On("KVSetWithOptions", mock.Anything, mock.Anything, mock.Anything).Return(kv.KVSetWithOptions).Maybe()
	a.On("LogError", mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).Maybe()
}

// TestClusterListLockSerializesServers: two servers (two locks over one KV store) never hold
// one list at the same time; other lists stay free.
func TestClusterListLockSerializesServers(t *testing.T) {
	kv := newMemKV()
	node1, node2 := mattermost.ClusterListLock{API: kv}, mattermost.ClusterListLock{API: kv}
	list, other := bridge.ChannelList(model.NewId()), bridge.ChannelList(model.NewId())

	unlock, err := node1.LockList(context.Background(), list)
	require.NoError(t, err)

	// A short deadline only ends the wait; getting the lock would be the failure.
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	_, err = node2.LockList(ctx, list)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the second server waits for the list")

	unlockOther, err := node2.LockList(context.Background(), other)
	require.NoError(t, err, "another list is free")
	unlockOther()

	got := make(chan error, 1)
	go func() {
		u, err := node2.LockList(context.Background(), list)
		if err == nil {
			u()
		}
		got <- err
	}()
	unlock()
	select {
	case err := <-got:
		require.NoError(t, err, "the list is free once the first server is done")
	case <-time.After(10 * time.Second):
		require.Fail(t, "the second server never got the list")
	}
	require.Empty(t, kv.data, "every lock was released")
}

// TestPluginRunsTheToolUnderTheClusterLock: the plugin's runner takes the list's cluster lock
// around every run, through the plugin API's KV store.
func TestPluginRunsTheToolUnderTheClusterLock(t *testing.T) {
	a := &plugintest.API{}
	kv := newMemKV()
	serveClusterLocks(a, kv)
	recordToolEvents(a)
	p := &Plugin{}
	p.SetAPI(a)
	require.NoError(t, p.refreshBridge(cliConfig(t, writeFakeTodo(t), "")))
	scope := todo.PersonalScope(model.NewId())
	list := p.tools()
	require.True(t, list.Keeps(scope))

	// The lock of this list is held elsewhere: the run waits and gives up with the caller.
	key := "mutex_" + mattermost.ToolLockPrefix + string(bridge.PersonalList(scope.UserID))
	kv.data[key] = []byte{1}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	res := list.Run(ctx, scope, todo.ToolAdd, "milk")
	require.False(t, res.OK, res.Reply)

	delete(kv.data, key)
	res = list.Run(context.Background(), scope, todo.ToolAdd, "milk")
	require.True(t, res.OK, res.Reply)
	require.Empty(t, kv.data, "the lock was released after the run")
	require.Positive(t, kv.sets)
}
