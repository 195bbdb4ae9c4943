package todo

import (
	"context"
	"fmt"
	"time"
)

// A command-line tool (the bridge) may keep some lists instead of the store. The service is
// the one place that decides which backend keeps a list, checks the actor's permission and
// the edit policy, runs the tool, announces the change and says which of the tool's words
// people may see; every door (slash command, mentions, REST and so the sidebar) makes one
// call to it.

// ToolVerb is one of the commands a command-line tool understands.
type ToolVerb string

// The tool's verbs, named as users type them.
const (
	ToolAdd    ToolVerb = "add"
	ToolDone   ToolVerb = "done"
	ToolList   ToolVerb = "list"
	ToolDelete ToolVerb = "delete"
)

// ToolVerbs lists every verb in the order they are usually explained.
var ToolVerbs = []ToolVerb{ToolAdd, ToolDone, ToolList, ToolDelete}

// ToolFailure says why a tool command did not succeed; "" means it did.
type ToolFailure string

// The ways a tool command can fail.
const (
	ToolFailed       ToolFailure = "tool_failed"        // the tool ran and reported an error
	ToolTimeout      ToolFailure = "timeout"            // the tool ran past its time limit and was stopped
	ToolMissing      ToolFailure = "missing_executable" // the configured program is not there
	ToolInvalidInput ToolFailure = "invalid_input"      // an id or text the tool cannot take
	ToolUnknownID    ToolFailure = "unknown_id"         // a well-formed id no todo has
	ToolBusy         ToolFailure = "busy"               // no turn came in time; nothing ran
	ToolCanceled     ToolFailure = "canceled"           // the request or the plugin went away
	ToolInternal     ToolFailure = "internal"           // the bridge itself failed
)

// ToolItem is one todo as the tool listed it, when the tool's listing could be read.
type ToolItem struct {
	// ID is what people type to name the todo (`done 3`); Key names it stably in the tool.
	ID   string
	Key  string
	Text string
	Done bool
}

// ToolResult is what the tool answered to one command.
type ToolResult struct {
	Verb    ToolVerb
	OK      bool
	Failure ToolFailure
	// Output is the tool's cleaned output (its message on failure), Truncated when it was cut.
	Output    string
	Truncated bool
	// Parsed is set when Items holds the listing.
	Parsed bool
	Items  []ToolItem
	// ExitCode is the tool's exit status (-1 when it did not exit by itself).
	ExitCode int
	// Reply is the answer as the bot posts it in a thread, in the webhook setup's words.
	Reply string
	// NamesServerPaths is set when Output names paths on the server.
	NamesServerPaths bool
	// Cause is the underlying error, for the log only; Timeout the limit a timed-out tool hit.
	Cause   error
	Timeout time.Duration
}

// ToolCheck is the outcome of testing the configured tool.
type ToolCheck struct {
	// Active says whether the tool keeps lists now (the check runs either way).
	Active bool
	OK     bool
	Steps  []ToolCheckStep
	// Report is the whole check as Markdown, in the tool's own words.
	Report string
}

// ToolCheckStep is one step of a tool check.
type ToolCheckStep struct {
	Name   string
	OK     bool
	Detail string
}

// Tool is the command-line tool bridge as the service drives it. Optional: without it the
// store keeps every list.
type Tool interface {
	// Keeps reports whether the tool keeps scope's list under the current settings.
	Keeps(scope Scope) bool
	// Run runs verb on scope's list; arg is the text for add, the id for done and delete.
	Run(ctx context.Context, scope Scope, verb ToolVerb, arg string) ToolResult
	// Preset names the tool's preset ("" when it keeps no list).
	Preset() string
	// Check tests the configured tool in a scratch directory, whether it keeps lists or not.
	Check(ctx context.Context) ToolCheck
}

// ToolEvents hears of every change the tool made to a list: the tool itself tells no one.
// Optional.
type ToolEvents interface {
	ToolChanged(scope Scope, verb string)
}

// ToolRun is the answer to one tool command, the same for every door.
type ToolRun struct {
	ToolResult
	// Kept is false when the store keeps the list: nothing ran and nothing else is set.
	Kept   bool
	Preset string
	// Withheld is set when people must not see Reply and Output as they are: the tool could
	// not run at all, or its words name paths on the server. Doors say what happened in their
	// own words (Failure, Verb, Timeout), and log Cause().
	Withheld bool
	// Detail is the withheld Reply, set only when the actor is a system admin.
	Detail string
	// CanDelete says whether the actor may delete from this list (the edit policy).
	CanDelete bool
}

// Cause is the whole story of a failure, for the log.
func (r ToolRun) Cause() string {
	if r.Failure == ToolFailed {
		return fmt.Sprintf("exit status %d: %s", r.ExitCode, r.Output)
	}
	if r.ToolResult.Cause != nil {
		return r.ToolResult.Cause.Error()
	}
	return r.Output
}

// Limit is the time limit a timed-out tool ran into, as people read it: "30 s", "10 min",
// "1 min 30 s".
func (r ToolResult) Limit() string {
	d := r.Timeout.Round(time.Second)
	minutes, seconds := int(d/time.Minute), int(d%time.Minute/time.Second)
	switch {
	case minutes == 0:
		return fmt.Sprintf("%d s", seconds)
	case seconds == 0:
		return fmt.Sprintf("%d min", minutes)
	}
	return fmt.Sprintf("%d min %d s", minutes, seconds)
}

// Error codes of the tool's refusals.
const (
	// CodeSystemAdminOnly refuses the tool check to anyone but a system admin.
	CodeSystemAdminOnly = "system_admin_only"
	// CodeInvalidVerb names a verb the tool does not know.
	CodeInvalidVerb = "invalid_verb"
	// CodeToolUnavailable: this server has no command-line tool bridge.
	CodeToolUnavailable = "tool_unavailable"
	// CodeToolKeepsList refuses to add (or import) a todo to the built-in store for a list the
	// command-line tool keeps: nobody would see it there. Adds go through RunTool instead.
	CodeToolKeepsList = "tool_keeps_list"
)

// refuseToolKept is the answer of every built-in add to a list the tool keeps, whichever
// door it came through (REST, the reaction that adds a post): the tool's list is the one
// people read, so the store must not take the todo, and the tool takes only what a door sends
// through RunTool.
func (s *Service) refuseToolKept(scope Scope) error {
	if !s.KeptByTool(scope) {
		return nil
	}
	return newError(ErrConflict, CodeToolKeepsList, "The command-line tool keeps this list, so its todos are not added here: use /todo add, or the list's tool route (POST .../tool with verb add).")
}

// ToolAvailable reports whether this server has a command-line tool bridge at all.
func (s *Service) ToolAvailable() bool { return s != nil && s.tool != nil }

// KeptByTool reports whether the command-line tool keeps scope's list; false means the store
// does. It asks nothing of Mattermost, so a door may ask it before every command.
func (s *Service) KeptByTool(scope Scope) bool {
	return s.tool != nil && s.tool.Keeps(scope)
}

// RunTool runs one of the tool's commands on scope's list as actor. It checks the actor's
// permission first (list reads; add and done change the list; delete follows the edit policy,
// see CanDeleteUnowned) and the text of an add, then runs the tool when it keeps the list
// (Kept false otherwise), and announces a change. A tool that failed is not an error: the
// ToolRun says what happened.
func (s *Service) RunTool(ctx context.Context, actor string, scope Scope, verb ToolVerb, arg string) (ToolRun, error) {
	check := s.canWrite
	switch verb {
	case ToolAdd, ToolDone:
	case ToolList:
		check = s.canRead
	case ToolDelete:
		// The tool records no creators: the edit policy decides who may delete.
		check = s.CanDeleteUnowned
	default:
		return ToolRun{}, invalid(CodeInvalidVerb, "The verb must be add, done, list or delete.")
	}
	if err := check(ctx, actor, scope); err != nil {
		return ToolRun{}, err
	}
	if verb == ToolAdd {
		// The tool's lists take the same text as the built-in ones.
		if err := CheckText(arg); err != nil {
			return ToolRun{}, err
		}
	}
	if !s.KeptByTool(scope) {
		return ToolRun{}, nil
	}
	res := s.tool.Run(ctx, scope, verb, arg)
	if res.OK && verb != ToolList && s.toolEvents != nil {
		s.toolEvents.ToolChanged(scope, string(verb))
	}
	run := ToolRun{ToolResult: res, Kept: true, Preset: s.tool.Preset(), Withheld: withheld(res)}
	if run.Withheld && s.auth.IsSystemAdmin(ctx, actor) {
		run.Detail = res.Reply
	}
	run.CanDelete = s.CanDeleteUnowned(ctx, actor, scope) == nil
	return run, nil
}

// withheld reports whether a result's words must not reach people as they are.
func withheld(res ToolResult) bool {
	switch res.Failure {
	case "", ToolUnknownID, ToolInvalidInput:
		return false
	case ToolFailed:
		return res.NamesServerPaths
	}
	return true
}

// CheckTool tests the configured tool for a system admin (anyone else is refused): the
// settings, then add, list and delete in a scratch directory, even while the store keeps every
// list, so an admin can check the tool before switching to it.
func (s *Service) CheckTool(ctx context.Context, actor string) (ToolCheck, error) {
	if s.tool == nil {
		return ToolCheck{}, invalid(CodeToolUnavailable, "Checking the command-line tool is not available on this server.")
	}
	if !s.auth.IsSystemAdmin(ctx, actor) {
		return ToolCheck{}, forbidden(CodeSystemAdminOnly, "Only a system admin can check the command-line tool.")
	}
	return s.tool.Check(ctx), nil
}
