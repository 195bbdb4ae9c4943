package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/api"
	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/todo"
)

// bridgeDoor is what the command-line tool bridge serves under one version of the settings.
// A value is never changed after it is stored; refreshBridge swaps in a new one.
type bridgeDoor struct {
	// runner is nil while the built-in store is the backend.
	runner *bridge.Runner
	// all is set when no channels are listed: the tool serves every channel and personal list.
	all bool
	// channels are the ids of the listed channels.
	channels map[string]bool
}

// toolFor returns scope's list as the command-line tool keeps it, and false when the built-in
// store does. Both doors (chat and REST) run the tool through it, so every change they make
// is announced the same way.
func (p *Plugin) toolFor(scope todo.Scope) (*listTool, bool) {
	runner, ok := p.runnerFor(scope)
	if !ok || runner == nil {
		return nil, false
	}
	return &listTool{runner: runner, scope: scope, events: mattermost.NewPublisher(p.API)}, true
}

// toolEvents announces changes to lists the tool keeps; *mattermost.Publisher implements it.
type toolEvents interface {
	ToolChanged(scope todo.Scope, verb string)
}

// listTool is one list kept by the command-line tool. After every command that changed the
// list it tells the people who see the list, because the tool itself tells no one.
type listTool struct {
	runner *bridge.Runner
	scope  todo.Scope
	events toolEvents
}

var _ command.ToolRunner = (*listTool)(nil)

// Run runs verb on the list. The list key is always the tool's own key for the scope, so a
// caller cannot change one list while the event names another.
func (t *listTool) Run(ctx context.Context, verb bridge.Verb, arg string) bridge.Result {
	res := t.runner.Run(ctx, command.ToolListKey(t.scope), verb, arg)
	if res.OK && verb != bridge.VerbList {
		t.events.ToolChanged(t.scope, string(verb))
	}
	return res
}

// Add implements command.ToolRunner.
func (t *listTool) Add(ctx context.Context, _ bridge.ListKey, text string) bridge.Result {
	return t.Run(ctx, bridge.VerbAdd, text)
}

// Done implements command.ToolRunner.
func (t *listTool) Done(ctx context.Context, _ bridge.ListKey, id string) bridge.Result {
	return t.Run(ctx, bridge.VerbDone, id)
}

// Delete implements command.ToolRunner.
func (t *listTool) Delete(ctx context.Context, _ bridge.ListKey, id string) bridge.Result {
	return t.Run(ctx, bridge.VerbDelete, id)
}

// List implements command.ToolRunner.
func (t *listTool) List(ctx context.Context, _ bridge.ListKey) bridge.Result {
	return t.Run(ctx, bridge.VerbList, "")
}

// runnerFor returns the runner when the command-line tool keeps scope's list, and false when
// the built-in store does. Personal lists use the tool only when no channels are listed.
func (p *Plugin) runnerFor(scope todo.Scope) (*bridge.Runner, bool) {
	door := p.bridgeDoor.Load()
	if door == nil || door.runner == nil {
		return nil, false
	}
	switch scope.Kind {
	case todo.ScopePersonal:
		return door.runner, door.all
	case todo.ScopeChannel:
		return door.runner, door.all || door.channels[scope.ChannelID]
	}
	return nil, false
}

// refreshBridge builds the door for c: a runner when the tool is the backend and the ids of
// the listed channels. It calls the plugin API, so it must not run under the configuration
// lock. The new runner takes turns per list with the previous one, so a command still running
// under the old settings never overlaps one under the new settings on the same list.
func (p *Plugin) refreshBridge(c *configuration) error {
	if c.BridgeBackend != backendCLI {
		p.bridgeDoor.Store(&bridgeDoor{})
		return nil
	}
	channels, unknown := resolveBridgeChannels(p.API, c.bridgeChannels())
	for _, entry := range unknown {
		p.API.LogWarn("Channel Todo: a channel listed for the command-line tool does not exist; its list stays in the built-in store",
			"entry", entry)
	}

	p.bridgeLock.Lock()
	defer p.bridgeLock.Unlock()
	runner, err := p.newRunner(c.bridgeConfig())
	if err != nil {
		return fmt.Errorf("command-line tool settings: %w", err)
	}
	p.bridgeRunner = runner
	p.bridgeDoor.Store(&bridgeDoor{runner: runner, all: len(c.bridgeChannels()) == 0, channels: channels})
	return nil
}

// newRunner builds a runner for cfg that shares the per-list turns of the last one built.
// The caller holds bridgeLock.
func (p *Plugin) newRunner(cfg bridge.Config) (*bridge.Runner, error) {
	if p.bridgeRunner != nil {
		return p.bridgeRunner.WithConfig(cfg)
	}
	return bridge.New(cfg, bridge.WithListLocker(clusterListLock{api: p.API}))
}

// stopBridge stops the command-line tool for good: every running tool is killed with its
// process group, and Stop returns once their commands have answered. Lists fall back to
// nothing until refreshBridge builds a new runner.
func (p *Plugin) stopBridge() {
	p.bridgeDoor.Store(&bridgeDoor{})
	p.bridgeLock.Lock()
	runner := p.bridgeRunner
	p.bridgeRunner = nil
	p.bridgeLock.Unlock()
	if runner != nil {
		runner.Stop()
	}
}

// channelFinder is the part of the plugin API that resolves the BridgeChannels setting.
type channelFinder interface {
	GetChannel(channelID string) (*model.Channel, *model.AppError)
	GetChannelByNameForTeamName(teamName, channelName string, includeDeleted bool) (*model.Channel, *model.AppError)
}

// resolveBridgeChannels turns `team-name/channel-name` entries and channel ids into a set of
// channel ids, and returns the entries that name no channel.
func resolveBridgeChannels(api channelFinder, entries []string) (map[string]bool, []string) {
	ids := make(map[string]bool, len(entries))
	var unknown []string
	for _, entry := range entries {
		if team, name, ok := strings.Cut(entry, "/"); ok {
			ch, appErr := api.GetChannelByNameForTeamName(strings.TrimSpace(team), strings.TrimSpace(name), false)
			if appErr != nil || ch == nil {
				unknown = append(unknown, entry)
				continue
			}
			ids[ch.Id] = true
			continue
		}
		if !model.IsValidId(entry) {
			unknown = append(unknown, entry)
			continue
		}
		if ch, appErr := api.GetChannel(entry); appErr != nil || ch == nil {
			unknown = append(unknown, entry)
			continue
		}
		ids[entry] = true
	}
	return ids, unknown
}

// errSystemAdminOnly refuses the tool check to anyone but a system admin.
var errSystemAdminOnly error = &todo.Error{
	Kind:    todo.ErrForbidden,
	Code:    command.CodeSystemAdminOnly,
	Message: "Only a system admin can check the command-line tool.",
}

// bridgeCheck tests the configured tool for a system admin: the settings, then add, list and
// delete in a scratch directory. It tests the tool even while the built-in store is the
// backend, so an admin can check the tool before switching to it.
func (p *Plugin) bridgeCheck(ctx context.Context, userID string) (bridge.SelfTestReport, error) {
	if !p.API.HasPermissionTo(userID, model.PermissionManageSystem) {
		return bridge.SelfTestReport{}, errSystemAdminOnly
	}
	runner := p.checkRunner()
	if runner == nil {
		cfg := p.getConfiguration().bridgeConfig()
		p.bridgeLock.Lock()
		r, err := p.newRunner(cfg)
		p.bridgeLock.Unlock()
		if err != nil {
			return bridge.SelfTestReport{Steps: []bridge.SelfTestStep{{Name: "check settings", Detail: err.Error()}}}, nil
		}
		runner = r
	}
	return runner.SelfTest(ctx), nil
}

// checkRunner is the active runner, if the tool is the backend.
func (p *Plugin) checkRunner() *bridge.Runner {
	if door := p.bridgeDoor.Load(); door != nil {
		return door.runner
	}
	return nil
}

// toolDoor is the bridge as the REST API reaches it.
type toolDoor struct{ p *Plugin }

var _ api.Tool = toolDoor{}

// Check implements api.Tool.
func (d toolDoor) Check(ctx context.Context, userID string) (api.ToolCheck, error) {
	report, err := d.p.bridgeCheck(ctx, userID)
	if err != nil {
		return api.ToolCheck{}, err
	}
	return api.ToolCheck{Active: d.p.checkRunner() != nil, Report: report}, nil
}

// Run implements api.Tool.
func (d toolDoor) Run(ctx context.Context, scope todo.Scope, verb bridge.Verb, arg string) (bridge.Result, bool) {
	list, ok := d.p.toolFor(scope)
	if !ok {
		return bridge.Result{}, false
	}
	return list.Run(ctx, verb, arg), true
}

// ShowsDetails implements api.Tool: system admins may see the tool's words with server paths.
func (d toolDoor) ShowsDetails(_ context.Context, userID string) bool {
	return d.p.API.HasPermissionTo(userID, model.PermissionManageSystem)
}

// Preset implements api.Tool.
func (d toolDoor) Preset() string {
	if r := d.p.checkRunner(); r != nil {
		return r.Config().Preset
	}
	return ""
}
