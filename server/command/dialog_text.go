package command

import (
	"errors"
	"strings"
	"time"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// Words of the add form that `/todo` alone opens and of the edit form (see server/dialog).
const (
	MsgDialogTitle        = "dialog.title"
	MsgDialogSubmit       = "dialog.submit"
	MsgDialogText         = "dialog.text"
	MsgDialogAssignee     = "dialog.assignee"
	MsgDialogDue          = "dialog.due"
	MsgDialogDueHelp      = "dialog.due_help"
	MsgDialogPriority     = "dialog.priority"
	MsgDialogList         = "dialog.list"
	MsgDialogListChannel  = "dialog.list_channel"
	MsgDialogListPersonal = "dialog.list_personal"
	MsgDialogPriorityNone = "dialog.priority_none"
	MsgDialogStale        = "dialog.stale"
	MsgDialogEditTitle    = "dialog.edit_title"
	MsgDialogSave         = "dialog.save"
)

var dialogMessageIDs = []string{
	MsgDialogTitle, MsgDialogSubmit, MsgDialogText, MsgDialogAssignee, MsgDialogDue, MsgDialogDueHelp,
	MsgDialogPriority, MsgDialogList, MsgDialogListChannel, MsgDialogListPersonal, MsgDialogPriorityNone,
	MsgDialogStale, MsgDialogEditTitle, MsgDialogSave,
}

// ParseDueText reads a due date typed in a form, in the words `due` takes (`tomorrow 5pm`,
// `2026-03-01`, `none`), relative to now in the typist's zone. It returns nil for an empty text
// or a clearing word, and the reason, in l's words, for a text it cannot read.
func ParseDueText(l i18n.Localizer, text string, now time.Time) (*todo.Due, string) {
	words := strings.Fields(text)
	if len(words) == 0 {
		return nil, ""
	}
	d, err := parseDue(words, now)
	if err != nil {
		var ue *UsageError
		if errors.As(err, &ue) {
			return nil, LocalizeError(l, ue)
		}
		return nil, l.Localize(MsgReplyFailed, nil)
	}
	if d.Clear {
		return nil, ""
	}
	return &todo.Due{Date: d.Date, Time: d.Time}, ""
}
