package command

import (
	"strings"
	"time"
	"unicode"

	"github.com/channel-todo/channel-todo/server/todo"
)

// AddLine is an add's one line taken apart: the todo's text and the details
// its last words give. Every door that adds from one line of text (the slash
// command, mentions, trigger words and the REST API's `parse`) reads it with
// ParseAddLine, so the same words mean the same thing everywhere.
type AddLine struct {
	// Text is the todo's text: everything before the details, exactly as
	// written apart from the escapes and quotes that kept words literal.
	Text string
	// Usernames are the people to assign, lower-case, without "@", in the
	// order written; Self is set for "@me".
	Usernames []string
	Self      bool
	// Due is the due date in the writer's time zone; nil when none was given.
	Due      *Due
	Priority todo.Priority
	// Recur is how the todo repeats (todo.ParseRecur's form), "" for never.
	Recur string
}

// Details reports whether the line gave anything besides the text.
func (a AddLine) Details() bool {
	return len(a.Usernames) > 0 || a.Self || a.Due != nil || a.Priority != todo.PriorityNone || a.Recur != ""
}

// priorityWords are the ways to write a priority after "!".
var priorityWords = map[string]todo.Priority{
	"!": todo.PriorityLow, "!!": todo.PriorityMedium, "!!!": todo.PriorityHigh,
	"!low": todo.PriorityLow, "!medium": todo.PriorityMedium, "!med": todo.PriorityMedium,
	"!high": todo.PriorityHigh, "!hi": todo.PriorityHigh,
}

// dueWord starts a due date among the details, everyWord a recurrence.
const (
	dueWord   = "due"
	everyWord = "every"
)

// recurWords are the rules `every <word>` names, as todo.ParseRecur stores them.
var recurWords = func() map[string]string {
	m := map[string]string{"day": todo.RecurDay, "week": todo.RecurWeek, "month": todo.RecurMonth}
	for word, wd := range weekdays {
		m[word] = strings.ToLower(wd.String())
	}
	return m
}()

// maxDueWords is the longest date and time parseDue reads ("next friday at 5pm").
const maxDueWords = 4

// broadcasts are mentions of many people; they are never assignees, so they end the details.
var broadcasts = map[string]bool{"channel": true, "all": true, "here": true}

// field is one white-space separated word of a line and where it starts and ends.
type field struct {
	word       string
	start, end int
}

func fields(s string) []field {
	var out []field
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, field{s[start:i], start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, field{s[start:], start, len(s)})
	}
	return out
}

// ParseAddLine reads the details at the end of an add's text:
//
//	Ship the release @ann @bob due friday 17:00 !high
//
// Only the last words count, in any order: @username (or @me) assigns,
// `due <date> [time]` sets the due date as `/todo due` reads it (in the
// writer's time zone: now is in it), !low, !medium, !high (or !, !!, !!!)
// set the priority, and `every day|week|month|<weekday>` makes it recur. The first word that is not a detail ends them, so
// "Ask @ann about the budget" stays as written. The first word is always
// text, and each of due and priority is read once (the last one written).
//
// Two escapes keep such words in the text: a backslash before the word
// (`\@ann`, `\!high`, `\due`; the backslash is dropped), or quotes around the
// text (`"Call @ann" due friday`; the quotes are dropped when only details
// follow them).
func ParseAddLine(text string, now time.Time) AddLine {
	text = strings.TrimSpace(text)
	fs := fields(text)
	if len(fs) == 0 {
		return AddLine{}
	}
	if quoted, rest, ok := quotedText(text, fs); ok {
		line, from := readDetails(rest, 0, now)
		if from == 0 {
			line.Text = quoted
			return line
		}
	}
	line, from := readDetails(fs, 1, now)
	cut := len(text)
	if from < len(fs) {
		cut = fs[from].start
	}
	line.Text = unescape(strings.TrimRightFunc(text[:cut], unicode.IsSpace))
	return line
}

// quotedText finds text that starts with a quote and returns what is inside
// the quotes and the fields after the closing one.
func quotedText(text string, fs []field) (string, []field, bool) {
	open, size := firstRune(text)
	if open != '"' && open != '“' {
		return "", nil, false
	}
	for i, f := range fs {
		w := f.word
		if i == 0 {
			w = w[size:] // the opening quote closes nothing
		}
		for _, closing := range []string{`"`, "”"} {
			if strings.HasSuffix(w, closing) {
				inner := strings.TrimSpace(text[size : f.end-len(closing)])
				if inner == "" {
					return "", nil, false
				}
				return inner, fs[i+1:], true
			}
		}
	}
	return "", nil, false
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// readDetails reads details backwards from the end of fs, never before index
// lo, and returns them with the index of the first field they take.
func readDetails(fs []field, lo int, now time.Time) (AddLine, int) {
	var line AddLine
	i := len(fs)
	seenUser := map[string]bool{}
	for i > lo {
		w := fs[i-1].word
		lower := strings.ToLower(w)
		if p, ok := priorityWords[lower]; ok {
			if line.Priority != todo.PriorityNone {
				break
			}
			line.Priority = p
			i--
			continue
		}
		if strings.HasPrefix(lower, "@") {
			name := strings.TrimSuffix(lower[1:], ",")
			if name == "me" {
				line.Self = true
				i--
				continue
			}
			if !isUsername(name) || broadcasts[name] {
				break
			}
			if !seenUser[name] {
				seenUser[name] = true
				line.Usernames = append([]string{name}, line.Usernames...)
			}
			i--
			continue
		}
		if i-2 >= lo && line.Recur == "" && strings.EqualFold(fs[i-2].word, everyWord) {
			if rule, ok := recurWords[lower]; ok {
				line.Recur = rule
				i -= 2
				continue
			}
		}
		if n, due, ok := dueAt(fs, i, lo, now); ok && line.Due == nil {
			line.Due = &due
			i -= n
			continue
		}
		break
	}
	return line, i
}

// dueAt reads `due <date> [time]` ending just before fs[i], the shortest that
// parses, and says how many fields it takes.
func dueAt(fs []field, i, lo int, now time.Time) (int, Due, bool) {
	for n := 2; n <= maxDueWords+1 && i-n >= lo; n++ {
		if !strings.EqualFold(fs[i-n].word, dueWord) {
			continue
		}
		words := make([]string, 0, n-1)
		for _, f := range fs[i-n+1 : i] {
			words = append(words, f.word)
		}
		due, err := parseDue(words, now)
		if err != nil || due.Clear {
			return 0, Due{}, false
		}
		return n, due, true
	}
	return 0, Due{}, false
}

// unescape drops the backslash that kept a detail word in the text: before
// "@", "!" or a quote, or before the words "due" and "every".
func unescape(text string) string {
	if !strings.Contains(text, `\`) {
		return text
	}
	var b strings.Builder
	last := 0
	for _, f := range fields(text) {
		w := f.word
		if !strings.HasPrefix(w, `\`) || len(w) < 2 {
			continue
		}
		rest := w[1:]
		r, _ := firstRune(rest)
		if r == '@' || r == '!' || r == '"' || r == '“' || strings.EqualFold(rest, dueWord) || strings.EqualFold(rest, everyWord) {
			b.WriteString(text[last:f.start])
			last = f.start + 1
		}
	}
	b.WriteString(text[last:])
	return b.String()
}
