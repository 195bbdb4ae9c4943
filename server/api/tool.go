package api

import (
	"fmt"
	"net/http"

	"github.com/channel-todo/channel-todo/server/httpjson"
	"github.com/channel-todo/channel-todo/server/todo"
)

func (h *handler) routeTool(route func(string, userHandler)) {
	route("POST /api/v1/bridge/check", h.checkTool)
	route("GET /api/v1/channels/{channel_id}/tool", inChannel(h.toolList))
	route("GET /api/v1/users/me/tool", inPersonal(h.toolList))
	route("POST /api/v1/channels/{channel_id}/tool", inChannel(h.toolRun))
	route("POST /api/v1/users/me/tool", inPersonal(h.toolRun))
}

// toolCheckResponse is the body of POST /bridge/check.
type toolCheckResponse struct {
	OK     bool            `json:"ok"`
	Active bool            `json:"active"`
	Steps  []toolCheckStep `json:"steps"`
	// Markdown is the report as an admin reads it in a post.
	Markdown string `json:"markdown"`
}

// toolCheckStep is one step of the tool check.
type toolCheckStep struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

func (h *handler) checkTool(w http.ResponseWriter, r *http.Request, user string) {
	check, err := h.svc.CheckTool(r.Context(), user)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	md := check.Report
	if !check.Active {
		md = "The built-in store is the backend now; this checks the tool the settings name.\n\n" + md
	}
	steps := make([]toolCheckStep, 0, len(check.Steps))
	for _, s := range check.Steps {
		steps = append(steps, toolCheckStep{Name: s.Name, OK: s.OK, Detail: s.Detail})
	}
	httpjson.Write(w, http.StatusOK, toolCheckResponse{OK: check.OK, Active: check.Active, Steps: steps, Markdown: md})
}

// toolResponse is the body of the tool routes: the tool's answer for one list.
type toolResponse struct {
	// Active is false when the built-in store keeps this list; nothing else is set then.
	Active bool   `json:"active"`
	Preset string `json:"preset,omitempty"`
	Verb   string `json:"verb,omitempty"`
	OK     bool   `json:"ok"`
	// Kind says why the command failed (timeout, missing_executable, tool_failed, ...).
	Kind string `json:"kind,omitempty"`
	// Text is the tool's cleaned output, to show as plain text when Parsed is false.
	Text      string `json:"text"`
	Truncated bool   `json:"truncated,omitempty"`
	// Parsed is set when Items holds the list as the preset read it.
	Parsed bool       `json:"parsed"`
	Items  []toolItem `json:"items"`
	// Reply is the answer as the bot would post it in a thread.
	Reply string `json:"reply,omitempty"`
	// Detail is the tool's own answer when Reply had to leave it out because it names paths
	// on the server; only system admins get it.
	Detail string `json:"detail,omitempty"`
	// CanDelete says whether the asker may delete todos from this list (the edit policy), so
	// the sidebar offers delete only to them.
	CanDelete bool `json:"can_delete"`
	// Page is the built-in list's first page (all states, as GET .../todos?state=all reads
	// it), when the built-in store keeps a channel's list and the request asked for it with
	// first_page: the sidebar then needs one request, not two one after the other.
	Page *todo.Page `json:"page,omitempty"`
}

// toolItem is one todo as the tool listed it.
type toolItem struct {
	ID   string `json:"id"`
	Key  string `json:"key"`
	Text string `json:"text"`
	Done bool   `json:"done"`
}

// toolRunRequest is the body of POST .../tool: one of the tool's commands.
type toolRunRequest struct {
	Verb string `json:"verb"`
	// Arg is the text for add and the id for done and delete.
	Arg string `json:"arg"`
}

func (h *handler) toolList(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope) {
	first := 0
	if v := r.URL.Query().Get("first_page"); v != "" && scope.Kind == todo.ScopeChannel {
		n, ok := intParam(w, v)
		if !ok {
			return
		}
		first = n
	}
	run, err := h.svc.RunTool(r.Context(), user, scope, todo.ToolList, "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !run.Kept && first > 0 {
		page, err := h.svc.List(r.Context(), user, todo.ListQuery{Scope: scope, Filter: todo.Filter{State: "all", Limit: first}})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.countReplies(r.Context(), page.Todos)
		httpjson.Write(w, http.StatusOK, toolResponse{Active: false, Items: []toolItem{}, Page: &page})
		return
	}
	h.answerTool(w, user, run)
}

func (h *handler) toolRun(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope) {
	var req toolRunRequest
	if !decode(w, r, &req) {
		return
	}
	h.runTool(w, r, user, scope, todo.ToolVerb(req.Verb), req.Arg)
}

// runTool answers 200 whenever the request itself was fine: a tool that failed is reported in
// the body (ok false, kind, reply), as the bot would report it in a thread.
func (h *handler) runTool(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope, verb todo.ToolVerb, arg string) {
	run, err := h.svc.RunTool(r.Context(), user, scope, verb, arg)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.answerTool(w, user, run)
}

// answerTool writes the tool's answer for one list.
func (h *handler) answerTool(w http.ResponseWriter, user string, run todo.ToolRun) {
	if !run.Kept {
		httpjson.Write(w, http.StatusOK, toolResponse{Active: false, Items: []toolItem{}})
		return
	}
	text, reply := run.Output, run.Reply
	if run.Withheld {
		// The words name paths on the server; people get the gist, the log (and system
		// admins, in Detail) the rest.
		if h.log != nil {
			h.log.Error("Channel Todo could not run the command-line tool", "verb", string(run.Verb), "kind", string(run.Failure), "error", run.Cause())
		}
		text = withheldToolMessage(run)
		reply = text
	}
	items := make([]toolItem, 0, len(run.Items))
	for _, it := range run.Items {
		items = append(items, toolItem{ID: it.ID, Key: it.Key, Text: it.Text, Done: it.Done})
	}
	httpjson.Write(w, http.StatusOK, toolResponse{
		Active: true, Preset: run.Preset, Verb: string(run.Verb), OK: run.OK, Kind: string(run.Failure),
		Text: text, Truncated: run.Truncated, Parsed: run.Parsed, Items: items, Reply: reply,
		Detail: run.Detail, CanDelete: run.CanDelete,
	})
}

// withheldToolMessage is what people see instead of a tool's words that the service withheld.
func withheldToolMessage(run todo.ToolRun) string {
	switch run.Failure {
	case todo.ToolFailed:
		return fmt.Sprintf("The command-line tool that keeps this list reported an error running `%s`. The details are in the server log; a system admin can see them.", run.Verb)
	case todo.ToolTimeout:
		return fmt.Sprintf("The command-line tool that keeps this list did not finish `%s` within its time limit (%s), so it was stopped.", run.Verb, run.Limit())
	case todo.ToolBusy:
		return fmt.Sprintf("The command-line tool that keeps this list was busy with other commands, so `%s` did not run. Please try again in a moment.", run.Verb)
	case todo.ToolMissing:
		return "The command-line tool that keeps this list is not installed on this server. Please tell your system administrator."
	}
	return fmt.Sprintf("The command-line tool that keeps this list could not run `%s`. Please try again; if it keeps happening, tell your system administrator.", run.Verb)
}
