package command

import (
	"fmt"
	"sort"
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"
)

// UsageError is a request that could not be understood. It carries the id of
// a translated message and its template data, so the reply can be given in the
// user's language; Verb is the verb that was recognised, if any.
type UsageError struct {
	ID   string
	Data map[string]any
	Verb Verb
}

// Error renders the id and data; replies use Localize instead.
func (e *UsageError) Error() string {
	if len(e.Data) == 0 {
		return "usage: " + e.ID
	}
	keys := make([]string, 0, len(e.Data))
	for k := range e.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, e.Data[k])
	}
	return "usage: " + e.ID + " (" + strings.Join(parts, ", ") + ")"
}

// Is makes errors.Is match usage errors by message id, so callers can test
// for ErrEmptyAdd and friends.
func (e *UsageError) Is(target error) bool {
	t, ok := target.(*UsageError)
	return ok && t.ID == e.ID
}

// ErrEmptyAdd is returned by Parse for an add without text. The Request
// returned with it still names the verb and scope, so a door that has text to
// offer (the root of the thread a bare mention was made in) can go on.
var ErrEmptyAdd = &UsageError{ID: i18n.MsgUsageAdd, Verb: VerbAdd}

func usage(id string, verb Verb, kv ...any) *UsageError {
	e := &UsageError{ID: id, Verb: verb, Data: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Data[kv[i].(string)] = kv[i+1]
	}
	if verb != "" {
		e.Data["Verb"] = string(verb)
	}
	return e
}
