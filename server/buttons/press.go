// Package buttons puts Done, Undo and More buttons on the bot's posts and answers their
// presses. Buttons are Mattermost interactive message actions whose URL is the plugin's own
// route: Mattermost calls it with the presser's id (also when the mobile app presses), and the
// press goes through the same service calls and permission checks as every other door.
//
// A button's context carries only ids, and it is signed with a key only the plugin knows, so
// a context cannot be made up or changed to reach another todo or another list.
package buttons

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// Actions a button asks for.
const (
	ActionDone    = "done"
	ActionReopen  = "reopen"
	ActionUndo    = "undo"
	ActionRestore = "restore"
	ActionMore    = "more"
	// ActionSnoozeHour moves the due time an hour past now; ActionSnoozeTomorrow to the
	// morning hour of the presser's next day.
	ActionSnoozeHour     = "snoozehour"
	ActionSnoozeTomorrow = "snoozetomorrow"
	// ActionEdit opens the edit form of the card's todo (see server/dialog).
	ActionEdit = "edit"
)

// Views: the kind of post a button sits on.
const (
	// ViewCard is the answer to an add: one todo, its state and its buttons.
	ViewCard = "card"
	// ViewList is a page of a list answered in a thread: Done per todo and More.
	ViewList = "list"
	// ViewNotice is a direct message about a todo of some list: a reminder or an assignment
	// notice, with Done and Snooze.
	ViewNotice = "notice"
)

// Press is what a button asks for, as its signed context carries it.
type Press struct {
	Action string
	View   string
	// TodoID and Number name the todo (empty and 0 for More).
	TodoID string
	Number int64
	// ListID is the list the todo belongs to, or the list the page shows.
	ListID string
	// State and Page are the list view's filter and 1-based page.
	State string
	Page  int
	// Locale is the language the post was written in.
	Locale string
	// Ephemeral is set when the post is an ephemeral answer, which Mattermost does not store.
	Ephemeral bool
}

// Keys of a button's context. Mattermost keeps the context on the server (clients get an
// encrypted cookie instead), and the signature makes it useless to forge one.
const (
	keyAction    = "a"
	keyView      = "v"
	keyTodo      = "t"
	keyNumber    = "n"
	keyList      = "l"
	keyState     = "st"
	keyPage      = "pg"
	keyLocale    = "lc"
	keyEphemeral = "e"
	keySignature = "sig"
)

// ErrBadContext is returned for a context that is missing, malformed or wrongly signed.
var ErrBadContext = errors.New("the button's context is not valid")

// Signer signs and checks button contexts with an HMAC-SHA256 key.
type Signer struct {
	key []byte
}

// NewSigner returns a Signer; the key must be at least 32 bytes.
func NewSigner(key []byte) (*Signer, error) {
	if len(key) < 32 {
		return nil, errors.New("the button signing key must be at least 32 bytes")
	}
	return &Signer{key: append([]byte(nil), key...)}, nil
}

// fields is the canonical form of a press that the signature covers, every field in a fixed
// order; no field may contain a newline, so no two presses share a form.
func (p Press) fields() string {
	e := "0"
	if p.Ephemeral {
		e = "1"
	}
	return strings.Join([]string{"v1", p.Action, p.View, p.TodoID, strconv.FormatInt(p.Number, 10),
		p.ListID, p.State, strconv.Itoa(p.Page), p.Locale, e}, "\n")
}

func (s *Signer) mac(p Press) string {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte(p.fields()))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// Context is the signed integration context of a button for p.
func (s *Signer) Context(p Press) map[string]any {
	c := map[string]any{
		keyAction: p.Action, keyView: p.View, keyList: p.ListID, keyLocale: p.Locale,
		keySignature: s.mac(p),
	}
	if p.TodoID != "" {
		c[keyTodo] = p.TodoID
		c[keyNumber] = strconv.FormatInt(p.Number, 10)
	}
	if p.State != "" {
		c[keyState] = p.State
	}
	if p.Page != 0 {
		c[keyPage] = strconv.Itoa(p.Page)
	}
	if p.Ephemeral {
		c[keyEphemeral] = "1"
	}
	return c
}

// Verify reads a press from a button's context and checks its signature.
func (s *Signer) Verify(c map[string]any) (Press, error) {
	str := func(k string) string {
		v, _ := c[k].(string)
		return v
	}
	p := Press{
		Action: str(keyAction), View: str(keyView), TodoID: str(keyTodo), ListID: str(keyList),
		State: str(keyState), Locale: str(keyLocale), Ephemeral: str(keyEphemeral) == "1",
	}
	var err error
	if n := str(keyNumber); n != "" {
		if p.Number, err = strconv.ParseInt(n, 10, 64); err != nil {
			return Press{}, ErrBadContext
		}
	}
	if pg := str(keyPage); pg != "" {
		if p.Page, err = strconv.Atoi(pg); err != nil {
			return Press{}, ErrBadContext
		}
	}
	for _, f := range []string{p.Action, p.View, p.TodoID, p.ListID, p.State, p.Locale} {
		if strings.ContainsAny(f, "\n\r") {
			return Press{}, ErrBadContext
		}
	}
	sig := str(keySignature)
	if sig == "" || !hmac.Equal([]byte(sig), []byte(s.mac(p))) {
		return Press{}, ErrBadContext
	}
	return p, nil
}
