package bridge

import (
	"context"
	"errors"
	"sync"
)

// errStopping is why waits end and tools are killed once the runner stops.
var errStopping = errors.New("the plugin is stopping")

// lifetime is how long runners may start tools: until Stop. It is shared by the runners that
// WithConfig derives from one another, so stopping the last one stops the tools that older
// settings started too.
type lifetime struct {
	ctx  context.Context
	stop context.CancelCauseFunc

	mu      sync.Mutex
	stopped bool
	runs    sync.WaitGroup
}

func newLifetime() *lifetime {
	ctx, stop := context.WithCancelCause(context.Background())
	return &lifetime{ctx: ctx, stop: stop}
}

// enter registers a command; false once stopping began.
func (l *lifetime) enter() (leave func(), ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return nil, false
	}
	l.runs.Add(1)
	return l.runs.Done, true
}

// bind returns ctx, also ended when the runner stops.
func (l *lifetime) bind(ctx context.Context) (context.Context, func()) {
	bound, cancel := context.WithCancelCause(ctx)
	unhook := context.AfterFunc(l.ctx, func() { cancel(errStopping) })
	return bound, func() {
		unhook()
		cancel(nil)
	}
}

// end stops new commands, kills the running tools (their whole process groups) and waits
// until every command has returned.
func (l *lifetime) end() {
	l.mu.Lock()
	l.stopped = true
	l.mu.Unlock()
	l.stop(errStopping)
	l.runs.Wait()
}

// Stop kills every tool this runner (or one it was derived from, or derived from it) is
// running, with everything those tools started, refuses new commands, and returns once every
// command has returned. The plugin calls it when it is deactivated.
func (r *Runner) Stop() { r.life.end() }
