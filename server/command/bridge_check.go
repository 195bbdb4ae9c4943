package command

import (
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// CodeSystemAdminOnly is the error code of a refused tool check.
const CodeSystemAdminOnly = todo.CodeSystemAdminOnly

// bridgeCheck answers `bridge check`: the tool's self-test report under a
// translated title, or why there is none. The answer is always private: it
// names the server's paths and is for the admin who asked.
func (r *run) bridgeCheck() Outcome {
	out := Outcome{Private: true, Failed: true}
	check, err := r.e.Service.CheckTool(r.ctx, r.call.UserID)
	if err != nil {
		switch todo.CodeOf(err) {
		case todo.CodeToolUnavailable:
			out.Text = r.l.Localize(i18n.MsgBridgeUnavailable, nil)
		case CodeSystemAdminOnly, todo.CodeForbidden:
			out.Text = r.l.Localize(i18n.MsgBridgeAdminOnly, nil)
		default:
			r.log("The command-line tool check failed", "error", err.Error())
			out.Text = r.l.Localize(i18n.MsgReplyFailed, nil)
		}
		return out
	}
	// The report quotes the tool's output, which is not ours to trust.
	out.Text = "#### " + r.l.Localize(i18n.MsgBridgeTitle, nil) + "\n" + Neutralize(check.Report)
	out.Failed = !check.OK
	return out
}
