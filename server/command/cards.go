package command

import (
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Texts of the buttons on the bot's posts and of what a press or a reaction answers. The
// buttons package builds the posts; the words live here with the rest of the translations.
const (
	MsgButtonDone    = "button.done"
	MsgButtonDoneN   = "button.done_n" // Number
	MsgButtonUndo    = "button.undo"
	MsgButtonReopen  = "button.reopen"
	MsgButtonRestore = "button.restore"
	MsgButtonEdit    = "button.edit"
	MsgButtonMore    = "button.more"
	// Snooze buttons of reminders and assignment notices.
	MsgButtonSnoozeHour     = "button.snooze_hour"
	MsgButtonSnoozeTomorrow = "button.snooze_tomorrow"

	// Status lines under a todo's card, and what a press changed on a list.
	MsgCardCompleted = "card.completed" // Number, User
	MsgCardDeleted   = "card.deleted"   // Number, User
	MsgCardReopened  = "card.reopened"  // Number, User
	MsgCardRestored  = "card.restored"  // Number, User
	MsgCardSnoozed   = "card.snoozed"   // Number, Due

	// Direct messages: reminders, notices and the digest.
	MsgRemindDue        = "remind.due"         // Number, List, Text, Due
	MsgRemindOverdue    = "remind.overdue"     // Number, List, Text, Due
	MsgNoticeAssigned   = "notice.assigned"    // User, Number, List, Text
	MsgNoticeCompleted  = "notice.completed"   // User, Number, List, Text
	MsgNoticeThread     = "notice.thread"      // Link
	MsgDigestTitle      = "digest.title"       //
	MsgDigestOverdue    = "digest.overdue"     //
	MsgDigestToday      = "digest.today"       //
	MsgDigestAssigned   = "digest.assigned"    //
	MsgSettingsShow     = "settings.show"      // Digest, Completion
	MsgSettingsDigestOn = "settings.digest_on" // Time
	MsgSettingsOff      = "settings.off"
	MsgSettingsUsage    = "settings.usage"
	MsgSettingsNoDigest = "settings.digest_not_allowed"
	MsgSettingsCompOn   = "settings.completion_on"
	MsgSettingsCompOff  = "settings.completion_off"
	MsgDigestTitleAC    = "autocomplete.settings.digest"
	MsgCompletionAC     = "autocomplete.settings.completion"

	// Answers to a press on a todo that changed since the post was made.
	MsgStaleDone    = "stale.already_done" // Number
	MsgStaleOpen    = "stale.already_open" // Number
	MsgStaleDeleted = "stale.deleted"      // Number
	MsgStaleInvalid = "stale.invalid"

	// The answer to the add emoji on a message that was already added.
	MsgReactionAlreadyAdded = "reaction.already_added"
)

var cardMessageIDs = []string{
	MsgButtonDone, MsgButtonDoneN, MsgButtonUndo, MsgButtonReopen, MsgButtonRestore, MsgButtonMore, MsgButtonEdit,
	MsgButtonSnoozeHour, MsgButtonSnoozeTomorrow,
	MsgCardCompleted, MsgCardDeleted, MsgCardReopened, MsgCardRestored, MsgCardSnoozed,
	MsgRemindDue, MsgRemindOverdue, MsgNoticeAssigned, MsgNoticeCompleted, MsgNoticeThread,
	MsgDigestTitle, MsgDigestOverdue, MsgDigestToday, MsgDigestAssigned,
	MsgSettingsShow, MsgSettingsDigestOn, MsgSettingsOff, MsgSettingsUsage, MsgSettingsNoDigest,
	MsgSettingsCompOn, MsgSettingsCompOff, MsgDigestTitleAC, MsgCompletionAC,
	MsgStaleDone, MsgStaleOpen, MsgStaleDeleted, MsgStaleInvalid, MsgReactionAlreadyAdded,
}

// AddedText is the answer to an add, and the message of the todo's card afterwards.
func AddedText(l i18n.Localizer, t todo.Todo, listName string) string {
	return Reply(l, MsgReplyAdded, map[string]any{"Number": t.Number, "List": listName, "Text": oneLine(t.Text, MaxLineText)})
}

// CardStatus is the line a todo's card shows under its message: who completed or deleted it,
// "" while it is open. username is the one who did it (without "@"), "" when unknown.
func CardStatus(l i18n.Localizer, t todo.Todo, username string) string {
	user := "@" + username
	if username == "" {
		user = "?"
	}
	data := map[string]any{"Number": t.Number, "User": user}
	switch {
	case t.Deleted():
		return Reply(l, MsgCardDeleted, data)
	case t.State == todo.StateDone:
		return Reply(l, MsgCardCompleted, data)
	}
	return ""
}

// ChangeLine says what a press on a list's button did: "#3 completed by @ann".
func ChangeLine(l i18n.Localizer, id string, number int64, username string) string {
	return Reply(l, id, map[string]any{"Number": number, "User": "@" + username})
}

// NoticeText is the message of a reminder or notice about t: msgID is one of MsgRemindDue,
// MsgRemindOverdue, MsgNoticeAssigned or MsgNoticeCompleted; user is who did it (without "@")
// and due how the due date reads to the recipient. link is the thread the todo came from.
func NoticeText(l i18n.Localizer, msgID string, t todo.Todo, listName, user, due, link string) string {
	text := Reply(l, msgID, map[string]any{
		"Number": t.Number, "List": listName, "Text": oneLine(t.Text, MaxLineText), "Due": due, "User": "@" + user,
	})
	if link != "" {
		text += " " + l.Localize(MsgNoticeThread, map[string]any{"Link": link})
	}
	return text
}

// DigestSection renders one part of the digest: a heading and a line per todo, each naming
// its list. lines are the items as RenderItem shows them.
func DigestSection(l i18n.Localizer, headingID string, lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return l.Localize(headingID, nil) + "\n" + strings.Join(lines, "\n")
}
