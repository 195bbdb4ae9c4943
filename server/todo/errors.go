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
	// Params are the values the message names (a limit, a todo's number), under the names the
	// translations use ({{.Limit}}), so a client can say the error in its reader's language.
	Params map[string]any
}

func (e *Error) Error() string { return e.Message }

// with sets the values of a new error's message (see Params).
func (e *Error) with(params map[string]any) *Error {
	e.Params = params
	return e
}

// ParamsOf returns the values of err's message (Error.Params), nil when it names none.
func ParamsOf(err error) map[string]any {
	var e *Error
	if errors.As(err, &e) {
		return e.Params
	}
	return nil
}

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

// tooManyAssignees refuses more assignees than the admin allows (max).
func tooManyAssignees(max int) error {
	return newError(ErrInvalid, CodeTooManyAssignees, "A todo can have at most %d assignees.", max).with(map[string]any{"Max": max})
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
