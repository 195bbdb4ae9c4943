package command

import (
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// AddedText is the answer to an add, and the message of the todo's card afterwards.
func AddedText(l i18n.Localizer, t todo.Todo, listName string) string {
	return Reply(l, i18n.MsgReplyAdded, map[string]any{"Number": t.Number, "List": listName, "Text": oneLine(t.Text, MaxLineText)})
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
		return Reply(l, i18n.MsgCardDeleted, data)
	case t.State == todo.StateDone:
		return Reply(l, i18n.MsgCardCompleted, data)
	}
	return ""
}

// ChangeLine says what a press on a list's button did: "#3 completed by @ann".
func ChangeLine(l i18n.Localizer, id string, number int64, username string) string {
	return Reply(l, id, map[string]any{"Number": number, "User": "@" + username})
}

// NoticeText is the message of a reminder or notice about t: msgID is one of i18n.MsgRemindDue,
// i18n.MsgRemindOverdue, i18n.MsgNoticeAssigned or i18n.MsgNoticeCompleted; user is who did it (without "@")
// and due how the due date reads to the recipient. link is the thread the todo came from.
func NoticeText(l i18n.Localizer, msgID string, t todo.Todo, listName, user, due, link string) string {
	text := Reply(l, msgID, map[string]any{
		"Number": t.Number, "List": listName, "Text": oneLine(t.Text, MaxLineText), "Due": due, "User": "@" + user,
	})
	if link != "" {
		text += " " + l.Localize(i18n.MsgNoticeThread, map[string]any{"Link": link})
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
