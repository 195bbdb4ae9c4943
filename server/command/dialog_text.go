package command

import (
	"errors"
	"strings"
	"time"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

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
		return nil, l.Localize(i18n.MsgReplyFailed, nil)
	}
	if d.Clear {
		return nil, ""
	}
	return &todo.Due{Date: d.Date, Time: d.Time}, ""
}
