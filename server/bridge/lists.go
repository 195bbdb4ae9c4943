package bridge

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Lists is the command-line tool as the todo service drives it (todo.Tool): which lists it
// keeps under the current settings, and the runner that runs it. The plugin hands it each new
// version of the settings (Serve or Off) and stops it on deactivation (Stop). It is safe for
// concurrent use.
type Lists struct {
	locker ListLocker
	// now is what the current settings serve; a value is never changed once stored.
	now atomic.Pointer[served]
	// mu guards last, the last runner built, whose per-list turns the next one shares.
	mu   sync.Mutex
	last *Runner
}

// served is what the tool serves under one version of the settings.
type served struct {
	cfg Config
	// runner is nil while the store keeps every list.
	runner *Runner
	// all is set when no channels are listed: the tool keeps every channel and personal list.
	all bool
	// channels are the ids of the listed channels.
	channels map[string]bool
}

var _ todo.Tool = (*Lists)(nil)

// NewLists returns Lists that keep no list yet. Each list's commands take turns through
// locker as well (across the servers of a cluster); nil for one server.
func NewLists(locker ListLocker) *Lists {
	return &Lists{locker: locker}
}

// Serve makes the tool keep every list (all) or the lists of the given channels, with cfg.
// The new runner takes turns per list with the previous one, so a command still running under
// the old settings never overlaps one under the new settings on the same list.
func (l *Lists) Serve(cfg Config, all bool, channels map[string]bool) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	runner, err := l.runner(cfg)
	if err != nil {
		return err
	}
	l.last = runner
	l.now.Store(&served{cfg: cfg, runner: runner, all: all, channels: channels})
	return nil
}

// Off makes the store keep every list; cfg is what Check tests.
func (l *Lists) Off(cfg Config) {
	l.now.Store(&served{cfg: cfg})
}

// Stop stops the tool for good: every running tool is killed with its process group, and Stop
// returns once their commands have answered. The store keeps every list until Serve.
func (l *Lists) Stop() {
	cfg := Config{}
	if s := l.now.Load(); s != nil {
		cfg = s.cfg
	}
	l.Off(cfg)
	l.mu.Lock()
	runner := l.last
	l.last = nil
	l.mu.Unlock()
	if runner != nil {
		runner.Stop()
	}
}

// runner builds a runner for cfg that shares the per-list turns of the last one built. The
// caller holds mu.
func (l *Lists) runner(cfg Config) (*Runner, error) {
	if l.last != nil {
		return l.last.WithConfig(cfg)
	}
	return New(cfg, l.locker)
}

// Runner is the runner that keeps lists now, nil while the store keeps every list.
func (l *Lists) Runner() *Runner {
	if s := l.now.Load(); s != nil {
		return s.runner
	}
	return nil
}

// Keeps implements todo.Tool. Personal lists use the tool only when no channels are listed.
func (l *Lists) Keeps(scope todo.Scope) bool {
	s := l.now.Load()
	if s == nil || s.runner == nil {
		return false
	}
	switch scope.Kind {
	case todo.ScopePersonal:
		return s.all
	case todo.ScopeChannel:
		return s.all || s.channels[scope.ChannelID]
	}
	return false
}

// Run implements todo.Tool. The list key is always the tool's own key for the scope.
func (l *Lists) Run(ctx context.Context, scope todo.Scope, verb todo.ToolVerb, arg string) todo.ToolResult {
	runner := l.Runner()
	if runner == nil {
		return ToolResult(failure(verb, KindCanceled, errStopping))
	}
	return ToolResult(runner.Run(ctx, Key(scope), verb, arg))
}

// Preset implements todo.Tool.
func (l *Lists) Preset() string {
	if r := l.Runner(); r != nil {
		return r.Config().Preset
	}
	return ""
}

// Check implements todo.Tool: the active runner's self-test, or one built for the settings
// when the store keeps every list, so an admin can check the tool before switching to it.
func (l *Lists) Check(ctx context.Context) todo.ToolCheck {
	runner := l.Runner()
	active := runner != nil
	if runner == nil {
		cfg := Config{}
		if s := l.now.Load(); s != nil {
			cfg = s.cfg
		}
		l.mu.Lock()
		r, err := l.runner(cfg)
		l.mu.Unlock()
		if err != nil {
			return checkOf(SelfTestReport{Steps: []SelfTestStep{{Name: "check settings", Detail: err.Error()}}}, false)
		}
		runner = r
	}
	return checkOf(runner.SelfTest(ctx), active)
}

func checkOf(rep SelfTestReport, active bool) todo.ToolCheck {
	steps := make([]todo.ToolCheckStep, 0, len(rep.Steps))
	for _, s := range rep.Steps {
		steps = append(steps, todo.ToolCheckStep{Name: s.Name, OK: s.OK, Detail: s.Detail})
	}
	return todo.ToolCheck{Active: active, OK: rep.OK, Steps: steps, Report: rep.String()}
}

// Key names scope's list for the tool.
func Key(scope todo.Scope) ListKey {
	if scope.Kind == todo.ScopePersonal {
		return PersonalList(scope.UserID)
	}
	return ChannelList(scope.ChannelID)
}

// ToolResult is res as the todo service reads it.
func ToolResult(res Result) todo.ToolResult {
	var items []todo.ToolItem
	if res.Items != nil {
		items = make([]todo.ToolItem, 0, len(res.Items))
		for _, it := range res.Items {
			items = append(items, todo.ToolItem{ID: it.ID, Key: it.Key, Text: it.Text, Done: it.Done})
		}
	}
	return todo.ToolResult{
		Verb: res.Verb, OK: res.OK, Failure: res.Kind,
		Output: res.Output, Truncated: res.Truncated, Parsed: res.Parsed, Items: items, ExitCode: res.ExitCode,
		Reply: res.Reply, NamesServerPaths: MentionsServerPath(res.Output), Cause: res.Err, Timeout: res.Timeout,
	}
}
