package mattermost

import (
	"context"
	"fmt"

	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/channel-todo/channel-todo/server/bridge"
)

// ClusterListLock makes the command-line tool take turns per list across every server of a
// cluster: the tools do not lock their files, and the data directory is shared storage there.
// It is a pluginapi cluster mutex (a key in the plugin's KV store, so in the shared database)
// named after the list.
type ClusterListLock struct {
	API cluster.MutexPluginAPI
}

var _ bridge.ListLocker = ClusterListLock{}

// ToolLockPrefix names the lists' mutexes; the list key is at most 100 characters, well
// inside the KV store's key limit.
const ToolLockPrefix = "channel-todo-tool-"

// LockList implements bridge.ListLocker.
func (l ClusterListLock) LockList(ctx context.Context, list bridge.ListKey) (func(), error) {
	mutex, err := cluster.NewMutex(l.API, ToolLockPrefix+string(list))
	if err != nil {
		return nil, fmt.Errorf("creating the list's cluster lock: %w", err)
	}
	if err := mutex.LockWithContext(ctx); err != nil {
		return nil, err
	}
	return mutex.Unlock, nil
}
