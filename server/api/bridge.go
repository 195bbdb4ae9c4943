package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Tool is the command-line tool bridge as the REST API reaches it.
type Tool interface {
	// Check tests the configured tool. It returns an error wrapping
	// todo.ErrForbidden unless userID is a system admin.
	Check(ctx context.Context, userID string) (ToolCheck, error)
	// Run runs verb on scope's list and reports true when the tool keeps that
	// list; false (and nothing run) when the built-in store does.
	Run(ctx context.Context, scope todo.Scope, verb bridge.Verb, arg string) (bridge.Result, bool)
	// Preset names the active preset, "" when the tool is not the backend.
	Preset() string
	// ShowsDetails reports whether userID may see what the tool said when it names paths on
	// the server: system admins only.
	ShowsDetails(ctx context.Context, userID string) bool
}

// ToolCheck is the outcome of Tool.Check.
type ToolCheck struct {
	// Active says whether the tool is the backend now (the check runs either way).
	Active bool
	Report bridge.SelfTestReport
}

// Option configures the router.
type Option func(*handler)

// WithTool serves the command-line tool's routes.
func WithTool(t Tool) Option {
	return func(h *handler) { h.tool = t }
}

func (h *handler) routeTool(route func(string, userHandler)) {
	route("POST /api/v1/bridge/check", h.checkTool)
	route("GET /api/v1/channels/{channel_id}/tool", inChannel(h.toolList))
	route("GET /api/v1/users/me/tool", inPersonal(h.toolList))
	route("POST /api/v1/channels/{channel_id}/tool", inChannel(h.toolRun))
	route("POST /api/v1/users/me/tool", inPersonal(h.toolRun))
}

// toolCheckResponse is the body of POST /bridge/check.
type toolCheckResponse struct {
	OK     bool                  `json:"ok"`
	Active bool                  `json:"active"`
	Steps  []bridge.SelfTestStep `json:"steps"`
	// Markdown is the report as an admin reads it in a post.
	Markdown string `json:"markdown"`
}

func (h *handler) checkTool(w http.ResponseWriter, r *http.Request, user string) {
	check, err := h.tool.Check(r.Context(), user)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	md := check.Report.String()
	if !check.Active {
		md = "The built-in store is the backend now; this checks the tool the settings name.\n\n" + md
	}
	writeJSON(w, http.StatusOK, toolCheckResponse{
		OK: check.Report.OK, Active: check.Active, Steps: check.Report.Steps, Markdown: md,
	})
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
	Parsed bool          `json:"parsed"`
	Items  []bridge.Item `json:"items"`
	// Reply is the answer as the bot would post it in a thread.
	Reply string `json:"reply,omitempty"`
	// Detail is the tool's own answer when Reply had to leave it out because it names paths
	// on the server; only system admins get it.
	Detail string `json:"detail,omitempty"`
	// CanDelete says whether the asker may delete todos from this list (the edit policy), so
	// the sidebar offers delete only to them.
	CanDelete bool `json:"can_delete"`
}

// toolRunRequest is the body of POST .../tool: one of the tool's commands.
type toolRunRequest struct {
	Verb string `json:"verb"`
	// Arg is the text for add and the id for done and delete.
	Arg string `json:"arg"`
}

func (h *handler) toolList(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope) {
	if err := h.svc.CanRead(r.Context(), user, scope); err != nil {
		h.fail(w, r, err)
		return
	}
	h.runTool(w, r, user, scope, bridge.VerbList, "")
}

func (h *handler) toolRun(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope) {
	var req toolRunRequest
	if !decode(w, r, &req) {
		return
	}
	verb, ok := toolVerb(req.Verb)
	if !ok {
		writeError(w, http.StatusBadRequest, "invalid_verb", "The verb must be add, done, list or delete.")
		return
	}
	check := h.svc.CanWrite
	switch verb {
	case bridge.VerbList:
		check = h.svc.CanRead
	case bridge.VerbDelete:
		// The tool records no creators: the edit policy decides who may delete.
		check = h.svc.CanDeleteUnowned
	}
	if err := check(r.Context(), user, scope); err != nil {
		h.fail(w, r, err)
		return
	}
	if verb == bridge.VerbAdd {
		// The tool's lists take the same text as the built-in ones.
		if err := todo.CheckText(req.Arg); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.runTool(w, r, user, scope, verb, req.Arg)
}

func toolVerb(s string) (bridge.Verb, bool) {
	for _, v := range bridge.Verbs {
		if string(v) == s {
			return v, true
		}
	}
	return "", false
}

// runTool answers 200 whenever the request itself was fine: a tool that failed is reported in
// the body (ok false, kind, reply), as the bot would report it in a thread.
func (h *handler) runTool(w http.ResponseWriter, r *http.Request, user string, scope todo.Scope, verb bridge.Verb, arg string) {
	res, active := h.tool.Run(r.Context(), scope, verb, arg)
	if !active {
		writeJSON(w, http.StatusOK, toolResponse{Active: false, Items: []bridge.Item{}})
		return
	}
	detail := ""
	if public, hidden := publicToolFailure(res); hidden {
		// The words name paths on the server; people get the gist, the log (and system
		// admins) the rest.
		if h.log != nil {
			h.log.Error("Channel Todo could not run the command-line tool", "verb", string(verb), "kind", string(res.Kind), "error", toolFailureDetail(res))
		}
		if h.tool.ShowsDetails(r.Context(), user) {
			detail = res.Reply
		}
		res.Output, res.Reply = public, public
	}
	items := res.Items
	if items == nil {
		items = []bridge.Item{}
	}
	writeJSON(w, http.StatusOK, toolResponse{
		Active: true, Preset: h.tool.Preset(), Verb: string(res.Verb), OK: res.OK, Kind: string(res.Kind),
		Text: res.Output, Truncated: res.Truncated, Parsed: res.Parsed, Items: items, Reply: res.Reply,
		Detail:    detail,
		CanDelete: h.svc.CanDeleteUnowned(r.Context(), user, scope) == nil,
	})
}

// toolFailureDetail is the whole story of a failure, for the log.
func toolFailureDetail(res bridge.Result) string {
	if res.Kind == bridge.KindToolFailed {
		return fmt.Sprintf("exit status %d: %s", res.ExitCode, res.Output)
	}
	if res.Err != nil {
		return res.Err.Error()
	}
	return res.Output
}

// publicToolFailure is what people see when the tool could not run at all, or when its own
// message names paths on the server (as in the thread); false when the result is the tool's
// own answer, which is shown as it is.
func publicToolFailure(res bridge.Result) (string, bool) {
	switch res.Kind {
	case bridge.KindToolFailed:
		if bridge.MentionsServerPath(res.Output) {
			return fmt.Sprintf("The command-line tool that keeps this list reported an error running `%s`. The details are in the server log; a system admin can see them.", res.Verb), true
		}
		return "", false
	case bridge.KindNone, bridge.KindUnknownID, bridge.KindInvalidInput:
		return "", false
	case bridge.KindTimeout:
		return fmt.Sprintf("The command-line tool that keeps this list did not finish `%s` within its time limit (%s), so it was stopped.", res.Verb, bridge.FormatLimit(res.Timeout)), true
	case bridge.KindBusy:
		return fmt.Sprintf("The command-line tool that keeps this list was busy with other commands, so `%s` did not run. Please try again in a moment.", res.Verb), true
	case bridge.KindMissingExecutable:
		return "The command-line tool that keeps this list is not installed on this server. Please tell your system administrator.", true
	}
	return fmt.Sprintf("The command-line tool that keeps this list could not run `%s`. Please try again; if it keeps happening, tell your system administrator.", res.Verb), true
}
