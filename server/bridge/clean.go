package bridge

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ansiSequence matches the escape sequences terminals interpret: CSI (colours,
// cursor moves), OSC (titles, hyperlinks) terminated by BEL or ST, and the
// short two-byte escapes.
var ansiSequence = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P^_X][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?`)

// cleanOutput makes tool output safe to post: valid UTF-8, no escape
// sequences, no control characters other than newline and tab, no trailing
// blank space.
func cleanOutput(raw []byte) string {
	s := strings.ToValidUTF8(string(raw), "\uFFFD")
	s = ansiSequence.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// trimForPost cuts s to at most limit runes at a line break when one is near,
// and appends a note saying how much was left out. dropped counts bytes the
// reader already discarded beyond its cap.
func trimForPost(s string, limit int, dropped int64) (string, bool) {
	if utf8.RuneCountInString(s) <= limit && dropped == 0 {
		return s, false
	}
	cut := s
	if utf8.RuneCountInString(s) > limit {
		// Leave room for the note so the whole reply still fits.
		keep := max(limit-80, 0)
		end, n := len(s), 0
		for i := range s {
			if n == keep {
				end = i
				break
			}
			n++
		}
		cut = s[:end]
		if nl := strings.LastIndexByte(cut, '\n'); nl > len(cut)/2 {
			cut = cut[:nl]
		}
	}
	left := int64(len(s)-len(cut)) + dropped
	return fmt.Sprintf("%s\n… (output trimmed: %d more bytes not shown)", cut, left), true
}
