package command

import (
	"context"
	"strconv"
	"strings"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/todo"
)

// ToolRunner is the command-line tool as the executor drives it;
// *bridge.Runner implements it.
type ToolRunner interface {
	Add(ctx context.Context, list bridge.ListKey, text string) bridge.Result
	Done(ctx context.Context, list bridge.ListKey, id string) bridge.Result
	Delete(ctx context.Context, list bridge.ListKey, id string) bridge.Result
	List(ctx context.Context, list bridge.ListKey) bridge.Result
}

// Tools says which lists the command-line tool keeps.
type Tools interface {
	// ToolFor returns the runner when the tool keeps scope's list, and
	// false when the built-in store does.
	ToolFor(scope todo.Scope) (ToolRunner, bool)
}

// ToolsFunc adapts a function to Tools.
type ToolsFunc func(scope todo.Scope) (ToolRunner, bool)

// ToolFor implements Tools.
func (f ToolsFunc) ToolFor(scope todo.Scope) (ToolRunner, bool) { return f(scope) }

// ToolListKey names scope's list for the tool.
func ToolListKey(scope todo.Scope) bridge.ListKey {
	if scope.Kind == todo.ScopePersonal {
		return bridge.PersonalList(scope.UserID)
	}
	return bridge.ChannelList(scope.ChannelID)
}

func (r *run) runner() (ToolRunner, bool) {
	if r.e.Tools == nil {
		return nil, false
	}
	return r.e.Tools.ToolFor(r.scope)
}

// tool runs the request with the command-line tool when it keeps the list.
// The tool knows add, done, list and delete; other verbs on its lists say
// so. Help and mine (which spans the built-in lists) are not the tool's.
func (r *run) tool() (Outcome, bool) {
	if r.req.Verb == VerbHelp || r.req.Verb == VerbMine || r.req.Verb == VerbSettings {
		return Outcome{}, false
	}
	runner, ok := r.runner()
	if !ok {
		return Outcome{}, false
	}
	key := ToolListKey(r.scope)
	switch r.req.Verb {
	case VerbAdd:
		return r.toolAdd(r.req.Text)
	case VerbList:
		if err := r.e.Service.CanRead(r.ctx, r.call.UserID, r.scope); err != nil {
			return r.failedFor(err, 0, false), true
		}
		res := runner.List(r.ctx, key)
		return Outcome{Text: r.toolReply(res), Scope: r.scope, Failed: !res.OK}, true
	case VerbDone, VerbDelete:
		// The tool records no creators: the edit policy decides who may delete (see
		// todo.Service.CanDeleteUnowned); completing is open to whoever may change the list.
		check := r.e.Service.CanWrite
		if r.req.Verb == VerbDelete {
			check = r.e.Service.CanDeleteUnowned
		}
		if err := check(r.ctx, r.call.UserID, r.scope); err != nil {
			return r.failedFor(err, 0, true), true
		}
		out := Outcome{Scope: r.scope, Failed: true}
		var lines []string
		for _, n := range r.req.Numbers {
			id := strconv.FormatInt(n, 10)
			var res bridge.Result
			if r.req.Verb == VerbDone {
				res = runner.Done(r.ctx, key, id)
			} else {
				res = runner.Delete(r.ctx, key, id)
			}
			if res.OK {
				out.Changed, out.Failed = true, false
			}
			lines = append(lines, r.toolReply(res))
		}
		out.Text = strings.Join(lines, "\n")
		return out, true
	}
	return Outcome{
		Text:  r.l.Localize(MsgToolNotAvailable, map[string]any{"Verb": string(r.req.Verb)}),
		Scope: r.scope, Failed: true,
	}, true
}

// toolAdd adds text with the tool when it keeps the list.
func (r *run) toolAdd(text string) (Outcome, bool) {
	runner, ok := r.runner()
	if !ok {
		return Outcome{}, false
	}
	if err := r.e.Service.CanWrite(r.ctx, r.call.UserID, r.scope); err != nil {
		return r.failedFor(err, 0, true), true
	}
	// The tool's lists take the same text as the built-in ones.
	if err := todo.CheckText(text); err != nil {
		return r.failedFor(err, 0, true), true
	}
	res := runner.Add(r.ctx, ToolListKey(r.scope), text)
	return Outcome{Text: r.toolReply(res), Scope: r.scope, Changed: res.OK, Failed: !res.OK}, true
}

// toolReply is what the thread sees of a tool result: the tool's own words,
// as in the webhook setup, unless the tool could not run at all; then a
// translated message, and the cause goes to the log.
func (r *run) toolReply(res bridge.Result) string {
	switch res.Kind {
	case bridge.KindToolFailed:
		if !bridge.MentionsServerPath(res.Output) {
			return Neutralize(res.Reply)
		}
		// The tool's words name paths on the server: the thread gets the gist, the log and
		// a system admin (privately) the words.
		r.log("The command-line tool reported an error", "verb", string(res.Verb), "exit_code", res.ExitCode, "output", res.Output)
		r.details = append(r.details, res.Reply)
		return r.l.Localize(MsgToolFailedDetails, map[string]any{"Verb": string(res.Verb)})
	case bridge.KindNone, bridge.KindUnknownID, bridge.KindInvalidInput:
		return Neutralize(res.Reply)
	}
	detail := ""
	if res.Err != nil {
		detail = res.Err.Error()
	}
	r.log("The command-line tool could not run", "verb", string(res.Verb), "kind", string(res.Kind), "error", detail)
	r.details = append(r.details, res.Reply)
	id := MsgToolFailed
	switch res.Kind {
	case bridge.KindTimeout:
		id = MsgToolTimeout
	case bridge.KindBusy:
		id = MsgToolBusy
	case bridge.KindMissingExecutable:
		id = MsgToolMissing
	}
	return r.l.Localize(id, map[string]any{"Verb": string(res.Verb), "Limit": bridge.FormatLimit(res.Timeout)})
}

// indentCode makes text a Markdown code block by indenting it, which no content can close.
func indentCode(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}
