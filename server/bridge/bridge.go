// Package bridge hands todo commands to an external command-line tool
// (a `todo` program, todo.txt's `todo-txt`, Taskwarrior's `task`, or an
// admin-defined argv template) instead of the built-in store.
//
// It runs programs on the Mattermost server, so it is safe by construction:
// argv only (never a shell), an absolute executable path, empty stdin, a
// minimal environment, a private data directory per list, ids checked before
// anything runs, a timeout that kills the whole process group, capped and
// cleaned output, one command at a time per list and a global limit.
package bridge

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/channel-todo/channel-todo/server/todo"
)

// Verb is one of the four commands of the webhook setup, as the todo service names them.
type Verb = todo.ToolVerb

// The verbs a list understands, named as users type them.
const (
	VerbAdd    = todo.ToolAdd
	VerbDone   = todo.ToolDone
	VerbList   = todo.ToolList
	VerbDelete = todo.ToolDelete
)

// ErrorKind says why a command did not succeed, as the todo service names it, so callers can
// translate it. The empty kind means success.
type ErrorKind = todo.ToolFailure

// The ways a command can fail (see todo.ToolFailure for each).
const (
	KindNone              ErrorKind = ""
	KindToolFailed                  = todo.ToolFailed
	KindTimeout                     = todo.ToolTimeout
	KindMissingExecutable           = todo.ToolMissing
	KindInvalidInput                = todo.ToolInvalidInput
	KindUnknownID                   = todo.ToolUnknownID
	KindBusy                        = todo.ToolBusy
	KindCanceled                    = todo.ToolCanceled
	KindInternal                    = todo.ToolInternal
)

// Item is one todo parsed from a machine-readable listing.
type Item struct {
	// ID is what a user types to refer to the todo (`done 3`).
	ID string `json:"id"`
	// Key identifies the todo stably inside the tool (a uuid for
	// Taskwarrior, the line number for todo.txt).
	Key  string `json:"key"`
	Text string `json:"text"`
	Done bool   `json:"done"`
}

// Result is the outcome of one command.
type Result struct {
	Verb Verb      `json:"verb"`
	OK   bool      `json:"ok"`
	Kind ErrorKind `json:"kind,omitempty"`
	// Output is the tool's cleaned output (ANSI stripped, valid UTF-8),
	// trimmed to fit a post; on failure it is the tool's message.
	Output string `json:"output"`
	// Truncated is set when Output was cut to fit.
	Truncated bool `json:"truncated,omitempty"`
	// Parsed is set when the preset read the listing into Items.
	Parsed bool   `json:"parsed"`
	Items  []Item `json:"items"`
	// ExitCode is the tool's exit status (-1 when it did not exit by itself).
	ExitCode int `json:"exit_code"`
	// Reply is the answer for the thread, following the webhook setup's
	// habits: the output, "`add` done." when there was none, or
	// "Error running `done`: ..." on failure.
	Reply string `json:"reply"`
	// Err is the underlying error for logs; never shown to users as is.
	Err error `json:"-"`
	// Timeout is the limit the tool ran into, set with KindTimeout.
	Timeout time.Duration `json:"-"`

	dropped int64 // output bytes discarded beyond the read cap
}

// Runner runs the configured tool for lists. It is safe for concurrent use.
type Runner struct {
	cfg    Config
	preset preset
	locks  *turns
	// lists makes commands on one list take turns with other servers; nil on one server.
	lists ListLocker
	// life ends with Stop: running tools are killed and new commands refused.
	life *lifetime
}

// ListLocker gives one list to one command at a time across every server that shares the data
// directory (the tools do not lock their files). The plugin backs it with a cluster mutex.
type ListLocker interface {
	// LockList waits until list is free everywhere, or ctx ends, and returns the unlock.
	LockList(ctx context.Context, list ListKey) (unlock func(), err error)
}

// New checks cfg and returns a Runner for it. It does not touch the disk. With a non-nil
// lists, the runner takes each list's turn through it as well (across the servers of a
// cluster), after its own per-list turn on this server.
func New(cfg Config, lists ListLocker) (*Runner, error) {
	cfg.SetDefaults()
	if err := cfg.IsValid(); err != nil {
		return nil, err
	}
	p, err := newPreset(cfg)
	if err != nil {
		return nil, err
	}
	return &Runner{cfg: cfg, preset: p, locks: newTurns(cfg.MaxConcurrent, newListTurns()), life: newLifetime(), lists: lists}, nil
}

// WithConfig returns a Runner for new settings that takes turns per list
// with r, so commands still running under the old settings and the first
// ones under the new settings never touch one list at the same time. Use it
// when the admin changes the settings instead of New. The list locker is kept.
func (r *Runner) WithConfig(cfg Config) (*Runner, error) {
	next, err := New(cfg, r.lists)
	if err != nil {
		return nil, err
	}
	next.locks = newTurns(next.cfg.MaxConcurrent, r.locks.lists)
	next.life = r.life
	return next, nil
}

// Config returns the configuration the runner was built with.
func (r *Runner) Config() Config { return r.cfg }

// Add adds text to the list.
func (r *Runner) Add(ctx context.Context, list ListKey, text string) Result {
	return r.Run(ctx, list, VerbAdd, text)
}

// Done completes the todo with the given id.
func (r *Runner) Done(ctx context.Context, list ListKey, id string) Result {
	return r.Run(ctx, list, VerbDone, id)
}

// Delete removes the todo with the given id.
func (r *Runner) Delete(ctx context.Context, list ListKey, id string) Result {
	return r.Run(ctx, list, VerbDelete, id)
}

// List shows the list.
func (r *Runner) List(ctx context.Context, list ListKey) Result {
	return r.Run(ctx, list, VerbList, "")
}

// Run runs one verb for one list. arg is the todo text for add, the id for
// done and delete, and ignored for list.
//
// ctx bounds the wait for the list's turn and a global slot: when its deadline passes first,
// the result is KindBusy and nothing ran; when it is canceled, KindCanceled. Once the tool
// runs, only the configured timeout (KindTimeout) and Stop end it, so a caller's deadline
// never cuts a run short of what the admin allowed and a command is never abandoned halfway.
func (r *Runner) Run(ctx context.Context, list ListKey, verb Verb, arg string) Result {
	if err := list.Validate(); err != nil {
		return failure(verb, KindInvalidInput, err)
	}
	arg, err := r.checkArg(verb, arg)
	if err != nil {
		return failure(verb, KindInvalidInput, err)
	}
	leave, ok := r.life.enter()
	if !ok {
		return failure(verb, KindCanceled, errStopping)
	}
	defer leave()
	waitCtx, stopWaiting := r.life.bind(ctx)
	release, err := r.takeTurn(waitCtx, list)
	stopWaiting()
	if err != nil {
		return r.waitFailure(ctx, verb, err)
	}
	defer release()

	dir, err := r.listDir(list)
	if err != nil {
		return failure(verb, KindInternal, err)
	}
	if verb != VerbList {
		if err := checkWritable(dir); err != nil {
			return failure(verb, KindToolFailed, unwritable(err))
		}
	}
	return r.runIn(dir, verb, arg)
}

// waitFailure says why a command got no turn.
func (r *Runner) waitFailure(ctx context.Context, verb Verb, err error) Result {
	switch {
	case r.life.ctx.Err() != nil:
		return failure(verb, KindCanceled, errStopping)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return failure(verb, KindBusy, fmt.Errorf("the tool was busy with other commands until the request's deadline, so it did not run: %w", err))
	}
	return failure(verb, KindCanceled, fmt.Errorf("the request ended while it waited for a turn to run the tool: %w", err))
}

// takeTurn waits for the list's turn on this server, then across servers, then a global
// slot: a command queued behind a busy list holds neither the shared lock nor a slot.
func (r *Runner) takeTurn(ctx context.Context, list ListKey) (func(), error) {
	leaveList, err := r.locks.acquireList(ctx, string(list))
	if err != nil {
		return nil, err
	}
	unlock := func() {}
	if r.lists != nil {
		if unlock, err = r.lists.LockList(ctx, list); err != nil {
			leaveList()
			return nil, err
		}
	}
	leaveSlot, err := r.locks.acquireSlot(ctx)
	if err != nil {
		unlock()
		leaveList()
		return nil, err
	}
	return func() {
		leaveSlot()
		unlock()
		leaveList()
	}, nil
}

// runIn runs verb in an existing data directory; the caller holds the turn and has entered
// the runner's lifetime, which is the only thing besides the timeout that ends the run.
func (r *Runner) runIn(dir string, verb Verb, arg string) Result {
	ctx := r.life.ctx
	env, err := r.preset.setup(dir)
	if err != nil {
		return failure(verb, KindInternal, fmt.Errorf("preparing the data directory: %w", err))
	}
	call := func(ctx context.Context, args ...string) outcome {
		return r.exec(ctx, invocation{dir: dir, env: env, args: args})
	}
	res := r.preset.do(ctx, call, dir, verb, arg)
	res.Verb = verb
	return finish(res, r.cfg.ReplyLimit)
}

// checkArg validates and normalises the argument before anything runs.
func (r *Runner) checkArg(verb Verb, arg string) (string, error) {
	switch verb {
	case VerbAdd:
		text := strings.TrimSpace(arg)
		if text == "" {
			return "", errors.New("there is no todo text to add")
		}
		if strings.ContainsRune(text, 0) {
			return "", errors.New("the todo text contains a NUL character")
		}
		if len(text) > maxTextBytes {
			return "", fmt.Errorf("the todo text is longer than %d bytes", maxTextBytes)
		}
		if strings.HasPrefix(text, "-") && !r.preset.takesDashText() {
			return "", errors.New(`the todo text starts with "-", which this tool would read as an option; start it with another character, such as "note: -f"`)
		}
		return text, nil
	case VerbDone, VerbDelete:
		id := strings.TrimPrefix(strings.TrimSpace(arg), "#")
		// An id starting with '-' would read as an option, whatever the pattern says.
		if strings.HasPrefix(id, "-") || !r.preset.idPattern().MatchString(id) {
			return "", fmt.Errorf("%q is not a todo id this tool understands", arg)
		}
		return id, nil
	case VerbList:
		return "", nil
	}
	return "", fmt.Errorf("unknown command %q", verb)
}

// maxTextBytes bounds one todo's text; argv has its own system limit far above.
const maxTextBytes = 4096

// listDir returns the list's private directory, creating it if needed.
func (r *Runner) listDir(list ListKey) (string, error) {
	if err := os.MkdirAll(r.cfg.DataRoot, 0o700); err != nil {
		return "", fmt.Errorf("creating the data root: %w", err)
	}
	dir := filepath.Join(r.cfg.DataRoot, string(list))
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("creating the list directory: %w", err)
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return "", fmt.Errorf("checking the list directory: %w", err)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("%s is not a directory", dir)
	}
	return dir, nil
}

// failure builds a Result for an error found before or around running the tool.
func failure(verb Verb, kind ErrorKind, err error) Result {
	return finish(Result{Verb: verb, Kind: kind, Err: err, Output: err.Error(), ExitCode: -1}, DefaultReplyLimit)
}
