package command

import (
	"context"

	"github.com/channel-todo/channel-todo/server/bridge"
	"github.com/channel-todo/channel-todo/server/todo"
)

// BridgeChecker tests the configured command-line tool for `bridge check`.
type BridgeChecker interface {
	// BridgeCheck runs the tool's self-test for userID. It refuses anyone
	// but a system admin with an error whose todo.CodeOf is
	// CodeSystemAdminOnly (or todo.CodeForbidden).
	BridgeCheck(ctx context.Context, userID string) (bridge.SelfTestReport, error)
}

// BridgeCheckFunc adapts a function to BridgeChecker.
type BridgeCheckFunc func(ctx context.Context, userID string) (bridge.SelfTestReport, error)

// BridgeCheck implements BridgeChecker.
func (f BridgeCheckFunc) BridgeCheck(ctx context.Context, userID string) (bridge.SelfTestReport, error) {
	return f(ctx, userID)
}

// CodeSystemAdminOnly is the error code of a refused tool check.
const CodeSystemAdminOnly = "system_admin_only"

// bridgeCheck answers `bridge check`: the tool's self-test report under a
// translated title, or why there is none. The answer is always private: it
// names the server's paths and is for the admin who asked.
func (r *run) bridgeCheck() Outcome {
	out := Outcome{Private: true, Failed: true}
	if r.e.Bridge == nil {
		out.Text = r.l.Localize(MsgBridgeUnavailable, nil)
		return out
	}
	report, err := r.e.Bridge.BridgeCheck(r.ctx, r.call.UserID)
	if err != nil {
		switch todo.CodeOf(err) {
		case CodeSystemAdminOnly, todo.CodeForbidden:
			out.Text = r.l.Localize(MsgBridgeAdminOnly, nil)
		default:
			r.log("The command-line tool check failed", "error", err.Error())
			out.Text = r.l.Localize(MsgReplyFailed, nil)
		}
		return out
	}
	// The report quotes the tool's output, which is not ours to trust.
	out.Text = "#### " + r.l.Localize(MsgBridgeTitle, nil) + "\n" + Neutralize(report.String())
	out.Failed = !report.OK
	return out
}
