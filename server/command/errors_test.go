package command

import (
	"errors"
	"testing"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestEveryServiceErrorHasAReply(t *testing.T) {
	codes := []string{
		todo.CodeNotFound, todo.CodeForbidden, todo.CodeArchived, todo.CodePersonalOnly,
		todo.CodeEditNotAllowed, todo.CodeToolDeleteNotAllowed, todo.CodeToolKeepsList, todo.CodeTextEmpty, todo.CodeTextTooLong, todo.CodeTextInvalid,
		todo.CodeInvalidDue, todo.CodeInvalidID, todo.CodeInvalidState, todo.CodeInvalidCursor,
		todo.CodeInvalidLimit, todo.CodeInvalidAssignee, todo.CodeInvalidFormat,
		todo.CodeInvalidNumber, todo.CodeInvalidMove, todo.CodeNotDeleted, todo.CodeTooManyAssignees,
	}
	for _, c := range codes {
		require.Equal(t, "error."+c, i18n.ErrorID(c))
	}
	require.Equal(t, i18n.MsgReplyFailed, i18n.ErrorID(""), "an internal error never shows itself")
	require.Equal(t, i18n.MsgReplyFailed, i18n.ErrorID("pq: connection refused"))
}

func TestUsageErrorIs(t *testing.T) {
	err := usage(i18n.MsgUsageAdd, VerbAdd)
	require.ErrorIs(t, err, ErrEmptyAdd)
	require.False(t, errors.Is(usage(i18n.MsgUsageEdit, VerbEdit), ErrEmptyAdd))
	require.Equal(t, "usage: usage.numbers (Verb=done, Word=d)", func() string {
		e := usage(i18n.MsgUsageNumbers, VerbDone)
		e.Data["Word"] = "d"
		return e.Error()
	}())
}
