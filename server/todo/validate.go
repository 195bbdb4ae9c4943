package todo

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// idAlphabet is the alphabet of Mattermost ids, so todo ids look and validate
// like every other id on the server.
const idAlphabet = "ybndrfg8ejkmcpqxot1uwisza345h769"

// NewID returns a random 26-character id in Mattermost's id format.
func NewID() string {
	var b [26]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Errorf("reading random bytes: %w", err))
	}
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b[:])
}

// IsValidID reports whether s has the shape of a Mattermost id.
func IsValidID(s string) bool {
	if len(s) != 26 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// normalizeText trims the text and enforces the length limit.
func normalizeText(text string, limit int) (string, error) {
	if err := CheckText(text); err != nil {
		return "", err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return "", invalid(CodeTextEmpty, "The text of a todo cannot be empty.")
	}
	if n := utf8.RuneCountInString(text); n > limit {
		return "", newError(ErrInvalid, CodeTextTooLong, "The text is %d characters long; the limit is %d.", n, limit).with(map[string]any{"Limit": limit})
	}
	return text, nil
}

// CheckText refuses text that cannot be shown as written: invalid UTF-8, control characters
// other than tab and line breaks (they reach terminals and the command-line tool as such), and
// the bidirectional embedding, override and isolate characters, which make text read in a
// different order than it is stored (so "done 1" could display as something else).
func CheckText(text string) error {
	if !utf8.ValidString(text) {
		return invalid(CodeTextInvalid, "The text must be valid UTF-8.")
	}
	for _, r := range text {
		if bad, kind := unsafeRune(r); bad {
			return invalid(CodeTextInvalid, "The text contains %s (U+%04X), which cannot be shown safely; remove it.", kind, r)
		}
	}
	return nil
}

// unsafeRune reports whether r is refused in todo text, and what it is, for the message.
func unsafeRune(r rune) (bool, string) {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false, ""
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true, "a control character"
	case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return true, "a bidirectional control character"
	}
	return false, ""
}

// ValidateDue checks a due date and normalizes it; nil stays nil.
func ValidateDue(d *Due) (*Due, error) {
	if d == nil {
		return nil, nil
	}
	date := strings.TrimSpace(d.Date)
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return nil, invalid(CodeInvalidDue, "The due date must be a date like 2026-12-31.")
	}
	clock := strings.TrimSpace(d.Time)
	if clock != "" {
		if _, err := time.Parse("15:04", clock); err != nil {
			return nil, invalid(CodeInvalidDue, "The due time must be a 24-hour time like 14:30.")
		}
	}
	zone := strings.TrimSpace(d.Zone)
	if clock == "" {
		zone = ""
	}
	if zone != "" {
		if _, err := time.LoadLocation(zone); err != nil || zone == "Local" {
			return nil, invalid(CodeInvalidDue, "The time zone must be a name like Europe/Berlin.")
		}
	}
	return &Due{Date: date, Time: clock, Zone: zone}, nil
}

func validateDate(s string) error {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return invalid(CodeInvalidDue, "The date must look like 2026-12-31.")
	}
	return nil
}
