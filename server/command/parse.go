package command

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of the grammar.
const (
	// MaxNumbers is how many todos one request may name (ranges included).
	MaxNumbers = 100
	// MaxNumber is the largest todo number the grammar accepts.
	MaxNumber = 1_000_000_000
	// MaxPage is the largest page number list and mine accept.
	MaxPage = 10_000
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
	VerbMove:     {"move", "mv"},
	VerbMine:     {"mine"},
	VerbExport:   {"export"},
	VerbHelp:     {"help", "?", "-h", "--help"},
}

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

// LookupVerb folds a spelling or alias of a verb, in any case, into its verb.
func LookupVerb(word string) (Verb, bool) {
	v, ok := verbAliases[strings.ToLower(word)]
	return v, ok
}

// Parse turns command text (what follows `/todo`, an @todo mention or a
// trigger word) into a Request. now and loc, the current time and the acting
// user's time zone, give meaning to relative due dates such as `tomorrow`; a
// nil loc means UTC. Text that does not start with a verb is an add.
//
// Errors are *UsageError values. For an add without text Parse returns
// ErrEmptyAdd together with a Request naming the verb and scope.
func Parse(text string, now time.Time, loc *time.Location) (Request, error) {
	if loc == nil {
		loc = time.UTC
	}
	req := Request{}
	rest := text
	first, after := nextField(rest)
	if first == "" {
		return Request{Verb: VerbList, State: StateOpen, Page: 1, Bare: true}, nil
	}
	if strings.EqualFold(first, "my") {
		second, _ := nextField(after)
		if second == "" {
			return Request{Verb: VerbList, State: StateOpen, Page: 1, Bare: true, Personal: true}, nil
		}
		// `my` is a prefix only before a verb: "my slides need review" is a todo.
		if _, ok := LookupVerb(second); ok {
			req.Personal = true
			rest = after
			first, after = nextField(rest)
		}
	}
	verb, ok := LookupVerb(first)
	if ok && !argumentsFit(verb, after) {
		// Todos are imperative sentences ("check the logs", "delete old
		// branches"): a verb followed by something that is not its argument
		// starts a todo, it is not a broken command.
		ok = false
	}
	if !ok {
		if near, isTypo := looksLikeTypo(first, after); isTypo {
			return Request{}, usage(MsgUsageUnknownVerb, "", "Word", first, "Suggestion", string(near))
		}
		return Request{Verb: VerbAdd, Implicit: true, Text: strings.TrimSpace(text)}, nil
	}
	req.Verb = verb
	p := argParser{req: req, verb: verb, now: now.In(loc)}
	parsed, err := p.parse(after)
	if ue, ok := err.(*UsageError); ok && ue.Data != nil {
		// Hints quote the word as the user typed it ("rm", not "delete").
		ue.Data["Word"] = first
	}
	return parsed, err
}

type argParser struct {
	req  Request
	verb Verb
	now  time.Time
}

func (p *argParser) parse(args string) (Request, error) {
	req := &p.req
	switch p.verb {
	case VerbAdd:
		req.Text = strings.TrimSpace(args)
		if req.Text == "" {
			return *req, usage(MsgUsageAdd, VerbAdd)
		}
	case VerbList, VerbMine:
		return *req, p.parseListArgs(args)
	case VerbDone, VerbReopen, VerbDelete:
		nums, err := p.parseNumbers(tokens(args))
		if err != nil {
			return *req, err
		}
		req.Numbers = nums
	case VerbEdit:
		n, text, err := p.leadingNumber(args, MsgUsageEdit)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		req.Text = strings.TrimSpace(text)
		if req.Text == "" {
			return *req, usage(MsgUsageEdit, p.verb)
		}
	case VerbAssign, VerbUnassign:
		id := MsgUsageAssign
		if p.verb == VerbUnassign {
			id = MsgUsageUnassign
		}
		n, rest, err := p.leadingNumber(args, id)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		if err := p.parseUsers(tokens(rest)); err != nil {
			return *req, err
		}
		if p.verb == VerbAssign && len(req.Usernames) == 0 && !req.Self {
			return *req, usage(MsgUsageAssign, p.verb)
		}
	case VerbDue:
		n, rest, err := p.leadingNumber(args, MsgUsageDue)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		due, err := parseDue(strings.Fields(rest), p.now)
		if err != nil {
			return *req, err
		}
		req.Due = due
	case VerbMove:
		n, rest, err := p.leadingNumber(args, MsgUsageMove)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		place, err := parsePlace(strings.Fields(rest))
		if err != nil {
			return *req, err
		}
		req.Place = place
	case VerbExport:
		req.Format = FormatMarkdown
		words := strings.Fields(args)
		if len(words) > 1 {
			return *req, usage(MsgUsageExport, p.verb)
		}
		if len(words) == 1 {
			f, ok := formatAliases[strings.ToLower(words[0])]
			if !ok {
				return *req, usage(MsgUsageExport, p.verb)
			}
			req.Format = f
		}
	case VerbHelp:
		// Anything after help is a topic at most; an unknown one gets the
		// general help rather than an error about help.
		if w, _ := nextField(args); w != "" {
			if v, ok := LookupVerb(w); ok {
				req.Topic = v
			}
		}
	}
	return *req, nil
}

func (p *argParser) parseListArgs(args string) error {
	req := &p.req
	req.State = StateOpen
	req.Page = 1
	var seenState, seenPage bool
	for _, w := range strings.Fields(args) {
		if s, ok := stateAliases[strings.ToLower(w)]; ok && !seenState {
			req.State, seenState = s, true
			continue
		}
		if n, ok := parseNumber(w); ok && !seenPage && n <= MaxPage {
			req.Page, seenPage = int(n), true
			continue
		}
		return usage(MsgUsageList, p.verb, "Arg", w)
	}
	return nil
}

// leadingNumber reads the one todo number that starts args and returns the
// rest of args untouched, so text after it keeps its exact form.
func (p *argParser) leadingNumber(args, usageID string) (int64, string, error) {
	w, rest := nextField(args)
	if w == "" {
		return 0, "", usage(usageID, p.verb)
	}
	n, ok := parseNumber(w)
	if !ok {
		return 0, "", usage(MsgUsageNotANumber, p.verb, "Arg", w)
	}
	return n, rest, nil
}

// parseNumbers reads `3`, `#3`, `1,2` and ranges like `2-4`.
func (p *argParser) parseNumbers(words []string) ([]int64, error) {
	if len(words) == 0 {
		return nil, usage(MsgUsageNumbers, p.verb)
	}
	var out []int64
	seen := map[int64]bool{}
	add := func(n int64) error {
		if seen[n] {
			return nil
		}
		if len(out) == MaxNumbers {
			return usage(MsgUsageTooMany, p.verb, "Max", MaxNumbers)
		}
		seen[n] = true
		out = append(out, n)
		return nil
	}
	for _, w := range words {
		if n, ok := parseNumber(w); ok {
			if err := add(n); err != nil {
				return nil, err
			}
			continue
		}
		lo, hi, ok := parseRange(w)
		if !ok {
			return nil, usage(MsgUsageNotANumber, p.verb, "Arg", w)
		}
		if hi-lo >= MaxNumbers {
			return nil, usage(MsgUsageTooMany, p.verb, "Max", MaxNumbers)
		}
		for n := lo; n <= hi; n++ {
			if err := add(n); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (p *argParser) parseUsers(words []string) error {
	req := &p.req
	seen := map[string]bool{}
	for _, w := range words {
		if strings.EqualFold(w, "me") {
			req.Self = true
			continue
		}
		name := strings.ToLower(strings.TrimPrefix(w, "@"))
		if !isUsername(name) {
			return usage(MsgUsageBadUser, p.verb, "Arg", w)
		}
		if !seen[name] {
			seen[name] = true
			req.Usernames = append(req.Usernames, name)
		}
	}
	return nil
}

func parsePlace(words []string) (Place, error) {
	if len(words) > 0 && strings.EqualFold(words[0], "to") {
		words = words[1:]
	}
	if len(words) != 1 {
		return Place{}, usage(MsgUsageMove, VerbMove)
	}
	switch strings.ToLower(words[0]) {
	case "top", "first", "start":
		return Place{Kind: PlaceTop}, nil
	case "bottom", "last", "end":
		return Place{Kind: PlaceBottom}, nil
	}
	n, ok := parseNumber(words[0])
	if !ok {
		return Place{}, usage(MsgUsageMove, VerbMove)
	}
	return Place{Kind: PlacePosition, Position: int(n)}, nil
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

// argumentsFit reports whether the first argument after verb has the shape
// the verb expects (a number, a list filter, a format, a topic), or is absent.
func argumentsFit(verb Verb, args string) bool {
	words := tokens(args)
	if len(words) == 0 {
		return true
	}
	w := words[0]
	switch verb {
	case VerbList, VerbMine:
		_, isState := stateAliases[strings.ToLower(w)]
		_, isNumber := parseNumber(w)
		return isState || isNumber
	case VerbDone, VerbReopen, VerbDelete, VerbEdit, VerbAssign, VerbUnassign, VerbDue, VerbMove:
		_, isNumber := parseNumber(w)
		_, _, isRange := parseRange(w)
		return isNumber || isRange
	case VerbExport:
		_, ok := formatAliases[strings.ToLower(w)]
		return ok
	case VerbHelp:
		_, ok := LookupVerb(w)
		return ok
	}
	return true
}

// typoTargets are the spellings a typo is compared with, canonical verbs
// first, so the suggestion for a word near several is always the same.
var typoTargets = func() []string {
	out := make([]string, 0, len(verbAliases))
	for _, v := range Verbs {
		out = append(out, string(v))
	}
	var rest []string
	for alias, v := range verbAliases {
		if alias != string(v) {
			rest = append(rest, alias)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}()

// looksLikeTypo reports whether word is one slip away from a verb and what
// follows could only be arguments (numbers or nothing), as in `dne 3` or
// `lsit`: adding "dne 3" as a todo would surprise more than a hint does.
func looksLikeTypo(word, rest string) (Verb, bool) {
	if utf8.RuneCountInString(word) < 3 {
		return "", false
	}
	for _, w := range tokens(rest) {
		if _, ok := parseNumber(w); ok {
			continue
		}
		if _, _, ok := parseRange(w); ok {
			continue
		}
		if _, ok := stateAliases[strings.ToLower(w)]; ok {
			continue
		}
		return "", false
	}
	lw := strings.ToLower(word)
	for _, alias := range typoTargets {
		if len(alias) >= 3 && oneEditApart(lw, alias) {
			return verbAliases[alias], true
		}
	}
	return "", false
}

// oneEditApart reports whether a and b differ by exactly one insertion,
// deletion, substitution or swap of neighbours.
func oneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
			}
		}
		if len(diff) == 1 {
			return true
		}
		return len(diff) == 2 && diff[1] == diff[0]+1 &&
			ra[diff[0]] == rb[diff[1]] && ra[diff[1]] == rb[diff[0]]
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i+1:]) == string(rb[i:])
	}
	return false
}
