package command

import (
	"context"
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/importer"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Importer brings in the official Todo plugin's todos for `import official`.
type Importer interface {
	// Official is a dry run unless confirm is set. It refuses anyone but a system admin with
	// an error whose todo.CodeOf is importer.CodeSystemAdminOnly.
	Official(ctx context.Context, userID string, confirm bool) (importer.Report, error)
}

// The words of `import official [confirm]`.
const (
	importOfficialWord = "official"
	importConfirmWord  = "confirm"
)

// importReasons are the skip reasons with a translated text (i18n.ImportReasonID).
var importReasons = []importer.Reason{
	importer.ReasonUnreadable, importer.ReasonMissingItem, importer.ReasonOrphan, importer.ReasonListedTwice,
	importer.ReasonEmpty, importer.ReasonUnknownUser, importer.ReasonInactiveUser, importer.ReasonAlreadyImported,
	importer.ReasonRefused,
}

// MaxImportLines is how many todos and how many skipped items an import answer lists; the
// counts cover them all.
const MaxImportLines = 50

// parseImport reads `official` or `official confirm` (argumentsFit let nothing else through).
func (p *argParser) parseImport(args string) error {
	words := strings.Fields(strings.ToLower(args))
	if len(words) == 0 {
		return usage(i18n.MsgUsageImport, VerbImport)
	}
	p.req.Confirm = len(words) == 2
	return nil
}

// importFits: `import`, `import official` and `import official confirm` are commands;
// "import the data" is a todo.
func importFits(args string) bool {
	raw := strings.Fields(strings.ToLower(args))
	switch len(raw) {
	case 0:
		return true
	case 1:
		return raw[0] == importOfficialWord
	case 2:
		return raw[0] == importOfficialWord && raw[1] == importConfirmWord
	}
	return false
}

// importOfficial answers `import official [confirm]`, to the admin alone: the report names
// people and their todos.
func (r *run) importOfficial() Outcome {
	out := Outcome{Private: true, Failed: true}
	if r.e.Importer == nil {
		out.Text = r.l.Localize(i18n.MsgImportUnavailable, nil)
		return out
	}
	rep, err := r.e.Importer.Official(r.ctx, r.call.UserID, r.req.Confirm)
	if err != nil {
		switch todo.CodeOf(err) {
		case importer.CodeSystemAdminOnly, todo.CodeForbidden:
			out.Text = r.l.Localize(i18n.MsgImportAdminOnly, nil)
		default:
			r.log("Importing from the official Todo plugin failed", "error", err.Error())
			out.Text = r.l.Localize(i18n.MsgReplyFailed, nil)
		}
		return out
	}
	out.Failed = false
	out.Changed = rep.Confirmed && len(rep.Imported) > 0
	out.Text = RenderImport(r.l, rep)
	return out
}

// RenderImport is the report of an import or a dry run: the counts, then the todos and the
// skipped items (MaxImportLines of each) with the reason each was skipped.
func RenderImport(l i18n.Localizer, rep importer.Report) string {
	counts := map[string]any{"Imported": len(rep.Imported), "Skipped": len(rep.Skipped)}
	title, summary, head := i18n.MsgImportTitleDry, i18n.MsgImportSummaryDry, i18n.MsgImportHeadWould
	if rep.Confirmed {
		title, summary, head = i18n.MsgImportTitleDone, i18n.MsgImportSummaryDone, i18n.MsgImportHeadImported
	}
	lines := []string{"#### " + l.Localize(title, nil), l.Localize(summary, counts)}
	if !rep.Confirmed && len(rep.Imported) > 0 {
		lines = append(lines, l.Localize(i18n.MsgImportConfirmHint, nil))
	}
	if len(rep.Imported) > 0 {
		lines = append(lines, "", "**"+l.Localize(head, nil)+"**")
		for i, ln := range rep.Imported {
			if i == MaxImportLines {
				lines = append(lines, l.Localize(i18n.MsgImportMore, map[string]any{"Count": len(rep.Imported) - i}))
				break
			}
			lines = append(lines, "- "+importedLine(l, ln))
		}
	}
	if len(rep.Skipped) > 0 {
		lines = append(lines, "", "**"+l.Localize(i18n.MsgImportHeadSkipped, nil)+"**")
		for i, ln := range rep.Skipped {
			if i == MaxImportLines {
				lines = append(lines, l.Localize(i18n.MsgImportMore, map[string]any{"Count": len(rep.Skipped) - i}))
				break
			}
			lines = append(lines, "- "+skippedLine(l, ln))
		}
	}
	return strings.Join(lines, "\n")
}

func importedLine(l i18n.Localizer, ln importer.Line) string {
	text := oneLine(ln.Text, MaxLineText)
	user := who(ln.Username, ln.UserID)
	switch {
	case ln.SenderID != "":
		return Reply(l, i18n.MsgImportLineSent, map[string]any{"User": user, "Sender": who(ln.SenderUsername, ln.SenderID), "Text": text})
	case ln.SenderGone:
		return Reply(l, i18n.MsgImportLineSenderGone, map[string]any{"User": user, "Text": text})
	}
	return Neutralize(user + ": " + text)
}

func skippedLine(l i18n.Localizer, ln importer.Line) string {
	parts := []string{"`" + strings.ReplaceAll(ln.SourceID, "`", "") + "`"}
	if ln.UserID != "" {
		parts = append(parts, who(ln.Username, ln.UserID))
	}
	if ln.Text != "" {
		parts = append(parts, "“"+oneLine(ln.Text, 80)+"”")
	}
	reason := l.Localize(i18n.ImportReasonID(string(ln.Reason)), nil)
	if ln.Detail != "" {
		reason += " (" + ln.Detail + ")"
	}
	return Neutralize(strings.Join(parts, " ") + ": " + reason)
}

// who names a user by username, or by id when the account is gone.
func who(username, id string) string {
	if username != "" {
		return "@" + username
	}
	return "`" + id + "`"
}
