package todo

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error the Service returns for a reason the caller can
// act on wraps one of these; doors map them to HTTP statuses or replies.
var (
	ErrNotFound  = errors.New("not found")
	ErrForbidden = errors.New("forbidden")
	ErrInvalid   = errors.New("invalid")
	ErrConflict  = errors.New("conflict")
)

// Error is a domain error with a stable machine-readable code and a message
// that is safe to show to the user.
type Error struct {
	Kind    error
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the sentinel.
func (e *Error) Unwrap() error { return e.Kind }

func newError(kind error, code, format string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}

func invalid(code, format string, args ...any) error {
	return newError(ErrInvalid, code, format, args...)
}

func forbidden(code, format string, args ...any) error {
	return newError(ErrForbidden, code, format, args...)
}

func notFound(code, format string, args ...any) error {
	return newError(ErrNotFound, code, format, args...)
}

// ErrUnassignable is the answer for a user who cannot be assigned, whether the user does not
// exist or cannot read the list: the two must look the same, or trying usernames would tell
// a guest who is on the server.
var ErrUnassignable = invalid(CodeInvalidAssignee, "Only people who can see this list can be assigned to its todos.")

// Error codes. They are part of the public API: clients switch on them.
const (
	CodeNotFound       = "not_found"
	CodeForbidden      = "forbidden"
	CodeArchived       = "channel_archived"
	CodePersonalOnly   = "personal_list_owner_only"
	CodeEditNotAllowed = "edit_not_allowed"
	// CodeToolDeleteNotAllowed refuses a delete on a list the command-line tool keeps to
	// someone who is not a channel admin, under the "creator and channel admins" policy.
	CodeToolDeleteNotAllowed = "tool_delete_not_allowed"
	CodeTextEmpty            = "text_empty"
	CodeTextTooLong          = "text_too_long"
	CodeTextInvalid          = "text_invalid"
	CodeInvalidDue           = "invalid_due"
	CodeInvalidID            = "invalid_id"
	CodeInvalidState         = "invalid_state"
	CodeInvalidCursor        = "invalid_cursor"
	CodeInvalidLimit         = "invalid_limit"
	CodeInvalidAssignee      = "invalid_assignee"
	CodeInvalidFormat        = "invalid_format"
	CodeInvalidNumber        = "invalid_number"
	CodeInvalidMove          = "invalid_move"
	CodeInvalidPost          = "invalid_post"
	CodeNotDeleted           = "not_deleted"
	CodeTooManyAssignees     = "too_many_assignees"
	CodeInvalidPriority      = "invalid_priority"
	CodeInvalidSort          = "invalid_sort"
	CodeInvalidRecur         = "invalid_recur"
)

// CodeOf returns the stable code of a domain error, or "" for other errors.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	switch {
	case errors.Is(err, ErrNotFound):
		return CodeNotFound
	case errors.Is(err, ErrForbidden):
		return CodeForbidden
	}
	return ""
}

// PublicMessage returns the user-safe message of a domain error, or "" when
// the error is not a domain error (and so must not be shown).
func PublicMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	switch {
	case errors.Is(err, ErrNotFound):
		return "Not found."
	case errors.Is(err, ErrForbidden):
		return "You do not have permission to do that."
	}
	return ""
}
