package command

import (
	"strings"
	"unicode/utf8"
)

// MaxPostRunes is the most characters Mattermost stores in one post (model.PostMessageMaxRunesV2);
// a longer post is refused, so a longer reply is sent as several posts.
const MaxPostRunes = 16_383

// SplitPost cuts a reply into posts of at most limit characters each, between lines, so that a
// long list or a long tool output arrives whole, in order, instead of being refused. A code
// block cut in two is closed at the end of one post and opened again (same fence, same
// language) at the start of the next. Only a single line longer than a post is shortened; it
// then ends with cutNote, so nobody mistakes it for the whole line.
func SplitPost(text string, limit int, cutNote string) []string {
	if utf8.RuneCountInString(text) <= limit {
		return []string{text}
	}
	var (
		parts []string
		cur   []string
		size  int    // characters in cur, newlines included
		fence string // the open fence's opening line ("```markdown"), "" outside code
	)
	closing := func() string { return fenceMarker(fence) }
	flush := func() {
		if fence != "" {
			cur = append(cur, closing())
		}
		parts = append(parts, strings.Join(cur, "\n"))
		cur, size = nil, 0
		if fence != "" {
			cur, size = []string{fence}, utf8.RuneCountInString(fence)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		// Room kept for closing an open code block at the end of this part.
		reserve := 0
		opens, closes := fenceChange(fence, line)
		if fence != "" && !closes {
			reserve = 1 + utf8.RuneCountInString(closing())
		}
		if opens != "" {
			reserve = 1 + utf8.RuneCountInString(fenceMarker(opens))
		}
		n := utf8.RuneCountInString(line)
		sep := 0
		if len(cur) > 0 {
			sep = 1
		}
		if len(cur) > 0 && size+sep+n+reserve > limit {
			flush()
			sep = 0
			if len(cur) > 0 {
				sep = 1
			}
		}
		if room := limit - size - sep - reserve; n > room {
			line = cutLine(line, room, cutNote)
			n = utf8.RuneCountInString(line)
		}
		cur = append(cur, line)
		size += sep + n
		switch {
		case opens != "":
			fence = opens
		case closes:
			fence = ""
		}
	}
	if len(cur) > 0 {
		parts = append(parts, strings.Join(cur, "\n"))
	}
	return parts
}

// fenceChange reports whether line opens a code block (its opening line) or closes the open one.
func fenceChange(open, line string) (opens string, closes bool) {
	trimmed := strings.TrimSpace(line)
	if open != "" {
		marker := fenceMarker(open)
		return "", strings.HasPrefix(trimmed, marker) && strings.Trim(trimmed, marker[:1]) == ""
	}
	for _, c := range []string{"```", "~~~"} {
		if strings.HasPrefix(trimmed, c) {
			return trimmed, false
		}
	}
	return "", false
}

// fenceMarker is the run of backticks or tildes that opens a fenced block.
func fenceMarker(opening string) string {
	c := opening[:1]
	return opening[:len(opening)-len(strings.TrimLeft(opening, c))]
}

// cutLine shortens line to room characters, the note included.
func cutLine(line string, room int, note string) string {
	keep := room - utf8.RuneCountInString(note) - 1
	if keep < 0 {
		keep = 0
	}
	runes := []rune(line)
	if keep > len(runes) {
		keep = len(runes)
	}
	return string(runes[:keep]) + "…" + note
}
