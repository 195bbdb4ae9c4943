package command

import (
	"strconv"
	"strings"
	"unicode"
)

// Spellings lists the words that name each verb, the verb itself first.
// Parse compares them without regard to case.
var Spellings = map[Verb][]string{
	VerbList:     {"list", "ls", "show"},
	VerbAdd:      {"add", "new", "create"},
	VerbDone:     {"done", "do", "check", "finish", "complete", "close", "tick"},
	VerbReopen:   {"reopen", "undo", "uncheck", "untick"},
	VerbDelete:   {"delete", "del", "rm", "remove", "drop"},
	VerbEdit:     {"edit", "rename", "change"},
	VerbAssign:   {"assign"},
	VerbUnassign: {"unassign"},
	VerbDue:      {"due", "deadline"},
	VerbPriority: {"priority", "prio"},
	VerbRecur:    {"recur", "repeat"},
	VerbMove:     {"move", "mv"},
	VerbMine:     {"mine"},
	VerbExport:   {"export"},
	VerbHelp:     {"help", "?", "-h", "--help"},
	VerbBridge:   {"bridge"},
	VerbSettings: {"settings", "preferences"},
	VerbImport:   {"import"},
	VerbFind:     {"find", "search"},
	VerbComment:  {"comment", "reply"},
	VerbItem:     {"item", "items", "checklist"},
}

// itemActionWords maps the words after `item <number>` (lower-case) to what they do.
var itemActionWords = map[string]ItemAction{
	"add": ItemAdd, "new": ItemAdd,
	"tick": ItemTick, "check": ItemTick, "done": ItemTick,
	"untick": ItemUntick, "uncheck": ItemUntick, "undo": ItemUntick, "reopen": ItemUntick,
	"move": ItemMove, "mv": ItemMove,
	"remove": ItemRemove, "rm": ItemRemove, "delete": ItemRemove, "del": ItemRemove,
	"edit": ItemEdit, "rename": ItemEdit,
}

// forceWords end a `done` that completes todos with open checklist items.
var forceWords = map[string]bool{"anyway": true, "--force": true, "force": true}

// verbAliases maps every spelling (lower-case) to its verb.
var verbAliases = func() map[string]Verb {
	m := map[string]Verb{}
	for v, words := range Spellings {
		for _, w := range words {
			m[w] = v
		}
	}
	return m
}()

// stateAliases maps list filters (lower-case) to states.
var stateAliases = map[string]ListState{
	"open": StateOpen, "todo": StateOpen, "pending": StateOpen,
	"done": StateDone, "closed": StateDone, "completed": StateDone, "finished": StateDone,
	"all": StateAll, "everything": StateAll,
}

// formatAliases maps export formats (lower-case) to formats.
var formatAliases = map[string]ExportFormat{
	"md": FormatMarkdown, "markdown": FormatMarkdown, "text": FormatMarkdown,
	"csv": FormatCSV,
}

// bridgeCheckWord is the one argument of `bridge`.
const bridgeCheckWord = "check"

// LookupVerb folds a spelling or alias of a verb, in any case, into its verb.
func LookupVerb(word string) (Verb, bool) {
	v, ok := verbAliases[strings.ToLower(word)]
	return v, ok
}

// parseNumber reads a todo number: digits, optionally after `#` (or the
// full-width `＃` an input method may type), at least 1, at most MaxNumber.
func parseNumber(w string) (int64, bool) {
	w = strings.TrimPrefix(w, "#")
	w = strings.TrimPrefix(w, "＃")
	if w == "" || len(w) > 10 {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil || n < 1 || n > MaxNumber {
		return 0, false
	}
	return n, true
}

// parseRange reads `2-5` or `#2-#5`.
func parseRange(w string) (int64, int64, bool) {
	a, b, ok := strings.Cut(w, "-")
	if !ok {
		return 0, 0, false
	}
	lo, ok1 := parseNumber(a)
	hi, ok2 := parseNumber(b)
	if !ok1 || !ok2 || lo > hi {
		return 0, 0, false
	}
	return lo, hi, true
}

// isUsername mirrors Mattermost's username alphabet (lower-case letters,
// digits, '.', '-', '_'); whether the user exists is for the caller to check.
func isUsername(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '.' && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// tokens splits arguments on white space and commas (ASCII, full-width and the
// ideographic enumeration comma), dropping empty pieces.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '，' || r == '、'
	})
}

// nextField returns the first white-space separated word of s and the rest
// of s after it, untouched.
func nextField(s string) (string, string) {
	start := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
	if start < 0 {
		return "", ""
	}
	s = s[start:]
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}
