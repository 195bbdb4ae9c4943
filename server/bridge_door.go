package main

import (
	"fmt"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/mattermost"
)

// tools is the command-line tool bridge: which lists it keeps and the runner that runs it. The
// service reaches it as todo.Tool; the hooks only hand it each version of the settings. It is
// made on first use, since Mattermost may change the configuration before activation.
func (p *Plugin) tools() *bridge.Lists {
	p.toolsOnce.Do(func() {
		p.toolLists = bridge.NewLists(mattermost.ClusterListLock{API: p.API})
	})
	return p.toolLists
}

// refreshBridge hands the tool the settings in c: which lists it keeps (none while the
// built-in store is the backend) and how it runs. It calls the plugin API, so it must not run
// under the configuration lock.
func (p *Plugin) refreshBridge(c *configuration) error {
	if c.BridgeBackend != backendCLI {
		p.tools().Off(c.bridgeConfig())
		return nil
	}
	channels, unknown := mattermost.ResolveBridgeChannels(p.API, c.bridgeChannels())
	for _, entry := range unknown {
		p.API.LogWarn("Channel Todo: a channel listed for the command-line tool does not exist; its list stays in the built-in store",
			"entry", entry)
	}
	if err := p.tools().Serve(c.bridgeConfig(), len(c.bridgeChannels()) == 0, channels); err != nil {
		return fmt.Errorf("command-line tool settings: %w", err)
	}
	return nil
}

// stopBridge stops the command-line tool for good: every running tool is killed with its
// process group, and it returns once their commands have answered.
func (p *Plugin) stopBridge() {
	p.tools().Stop()
}
