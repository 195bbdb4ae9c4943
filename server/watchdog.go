package main

import "time"

// watchServer calls gone once when the process's parent is no longer the one it started
// with. The plugin runs as a child of the Mattermost server; when the server dies without
// deactivating it (SIGKILL, a crash, the OOM killer), nothing tells the plugin: the operating
// system hands it to another parent and its connection to the server goes quiet. Left alone it
// would live on, with its command-line tools, until it next happened to write a log line.
// It returns when stop is closed.
func watchServer(parent func() int, every time.Duration, stop <-chan struct{}, gone func()) {
	first := parent()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if parent() != first {
				gone()
				return
			}
		}
	}
}
