package command

import (
	"strconv"
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/channel-todo/channel-todo/server/todo"
)

// tool runs the request with the command-line tool when it keeps the list (the service
// decides). The tool knows add, done, list and delete; other verbs on its lists say so. Help
// and mine (which spans the built-in lists) are not the tool's.
func (r *run) tool() (Outcome, bool) {
	if r.req.Verb == VerbHelp || r.req.Verb == VerbMine || r.req.Verb == VerbSettings || r.req.Verb == VerbFind {
		return Outcome{}, false
	}
	if !r.e.Service.KeptByTool(r.scope) {
		return Outcome{}, false
	}
	switch r.req.Verb {
	case VerbAdd:
		// The tool keeps text only: the add goes to it as written, details and all.
		return r.toolAdd(r.req.Text)
	case VerbList:
		run, err := r.e.Service.RunTool(r.ctx, r.call.UserID, r.scope, todo.ToolList, "")
		if err != nil {
			return r.failedFor(err, 0, false), true
		}
		return Outcome{Text: r.toolReply(run), Scope: r.scope, Failed: !run.OK}, true
	case VerbDone, VerbDelete:
		verb := todo.ToolDone
		if r.req.Verb == VerbDelete {
			verb = todo.ToolDelete
		}
		out := Outcome{Scope: r.scope, Failed: true}
		var lines []string
		for _, n := range r.req.Numbers {
			run, err := r.e.Service.RunTool(r.ctx, r.call.UserID, r.scope, verb, strconv.FormatInt(n, 10))
			if err != nil {
				// A refusal (permission, the edit policy) is the same for every number.
				return r.failedFor(err, 0, true), true
			}
			if run.OK {
				out.Changed, out.Failed = true, false
			}
			lines = append(lines, r.toolReply(run))
		}
		out.Text = strings.Join(lines, "\n")
		return out, true
	}
	return Outcome{
		Text:  r.l.Localize(i18n.MsgToolNotAvailable, map[string]any{"Verb": string(r.req.Verb)}),
		Scope: r.scope, Failed: true,
	}, true
}

// toolAdd adds text with the tool when it keeps the list.
func (r *run) toolAdd(text string) (Outcome, bool) {
	if !r.e.Service.KeptByTool(r.scope) {
		return Outcome{}, false
	}
	run, err := r.e.Service.RunTool(r.ctx, r.call.UserID, r.scope, todo.ToolAdd, text)
	if err != nil {
		return r.failedFor(err, 0, true), true
	}
	return Outcome{Text: r.toolReply(run), Scope: r.scope, Changed: run.OK, Failed: !run.OK}, true
}

// toolReply is what the thread sees of a tool's answer: the tool's own words, as in the
// webhook setup, unless the service withheld them; then a translated message, the cause goes
// to the log and the words to a system admin (privately).
func (r *run) toolReply(run todo.ToolRun) string {
	if !run.Withheld {
		return Neutralize(run.Reply)
	}
	r.log("The command-line tool could not run or reported an error", "verb", string(run.Verb), "kind", string(run.Failure), "error", run.Cause())
	if run.Detail != "" {
		r.details = append(r.details, run.Detail)
	}
	id := i18n.MsgToolFailed
	switch run.Failure {
	case todo.ToolFailed:
		id = i18n.MsgToolFailedDetails
	case todo.ToolTimeout:
		id = i18n.MsgToolTimeout
	case todo.ToolBusy:
		id = i18n.MsgToolBusy
	case todo.ToolMissing:
		id = i18n.MsgToolMissing
	}
	return r.l.Localize(id, map[string]any{"Verb": string(run.Verb), "Limit": run.Limit()})
}

// indentCode makes text a Markdown code block by indenting it, which no content can close.
func indentCode(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}
