package command

import (
	"strings"
	"time"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/channel-todo/channel-todo/server/todo"
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
			return Request{}, usage(i18n.MsgUsageUnknownVerb, "", "Word", first, "Suggestion", string(near))
		}
		body := strings.TrimSpace(text)
		return Request{Verb: VerbAdd, Implicit: true, Text: body, Line: ParseAddLine(body, now.In(loc))}, nil
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
			return *req, usage(i18n.MsgUsageAdd, VerbAdd)
		}
		req.Line = ParseAddLine(req.Text, p.now)
	case VerbList, VerbMine:
		return *req, p.parseListArgs(args)
	case VerbDone, VerbReopen, VerbDelete:
		words := tokens(args)
		if p.verb == VerbDone && len(words) > 1 && forceWords[strings.ToLower(words[len(words)-1])] {
			req.Force, words = true, words[:len(words)-1]
		}
		nums, err := p.parseNumbers(words)
		if err != nil {
			return *req, err
		}
		req.Numbers = nums
	case VerbComment:
		n, text, err := p.leadingNumber(args, i18n.MsgUsageComment)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		req.Text = strings.TrimSpace(text)
		if req.Text == "" {
			return *req, usage(i18n.MsgUsageComment, p.verb)
		}
	case VerbItem:
		return *req, p.parseItem(args)
	case VerbEdit:
		n, text, err := p.leadingNumber(args, i18n.MsgUsageEdit)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		req.Text = strings.TrimSpace(text)
		if req.Text == "" {
			return *req, usage(i18n.MsgUsageEdit, p.verb)
		}
	case VerbAssign, VerbUnassign:
		id := i18n.MsgUsageAssign
		if p.verb == VerbUnassign {
			id = i18n.MsgUsageUnassign
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
			return *req, usage(i18n.MsgUsageAssign, p.verb)
		}
	case VerbDue:
		n, rest, err := p.leadingNumber(args, i18n.MsgUsageDue)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		due, err := parseDue(strings.Fields(rest), p.now)
		if err != nil {
			return *req, err
		}
		req.Due = due
	case VerbPriority:
		n, rest, err := p.leadingNumber(args, i18n.MsgUsagePriority)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		words := strings.Fields(strings.ToLower(rest))
		if len(words) != 1 {
			return *req, usage(i18n.MsgUsagePriority, p.verb)
		}
		prio, ok := priorityArg(words[0])
		if !ok {
			return *req, usage(i18n.MsgUsagePriority, p.verb)
		}
		req.Priority = prio
	case VerbRecur:
		n, rest, err := p.leadingNumber(args, i18n.MsgUsageRecur)
		if err != nil {
			return *req, err
		}
		req.Numbers = []int64{n}
		words := strings.Fields(strings.ToLower(rest))
		if len(words) == 2 && words[0] == everyWord {
			words = words[1:]
		}
		if len(words) != 1 {
			return *req, usage(i18n.MsgUsageRecur, p.verb)
		}
		if clearWords[words[0]] || words[0] == "never" {
			return *req, nil
		}
		rule, ok := recurWords[words[0]]
		if !ok {
			return *req, usage(i18n.MsgUsageRecur, p.verb)
		}
		req.Recur = rule
	case VerbMove:
		n, rest, err := p.leadingNumber(args, i18n.MsgUsageMove)
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
			return *req, usage(i18n.MsgUsageExport, p.verb)
		}
		if len(words) == 1 {
			f, ok := formatAliases[strings.ToLower(words[0])]
			if !ok {
				return *req, usage(i18n.MsgUsageExport, p.verb)
			}
			req.Format = f
		}
	case VerbSettings:
		return *req, p.parseSettings(args)
	case VerbImport:
		return *req, p.parseImport(args)
	case VerbFind:
		return *req, p.parseFind(args)
	case VerbBridge:
		// argumentsFit lets `bridge` through alone or followed by `check`
		// only; anything else after it is todo text.
		if len(strings.Fields(args)) == 0 {
			return *req, usage(i18n.MsgUsageBridge, p.verb)
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

// parseListArgs reads `list [state] [page] [sort:priority|due] [!priority] [@user]`, in any
// order; `mine` takes the same words.
func (p *argParser) parseListArgs(args string) error {
	req := &p.req
	req.State = StateOpen
	req.Page = 1
	var seenState, seenPage, seenUser bool
	for _, w := range strings.Fields(args) {
		lower := strings.ToLower(w)
		if s, ok := stateAliases[lower]; ok && !seenState {
			req.State, seenState = s, true
			continue
		}
		if n, ok := parseNumber(w); ok && !seenPage && n <= MaxPage {
			req.Page, seenPage = int(n), true
			continue
		}
		if p.verb == VerbList || p.verb == VerbMine {
			if sort, ok := sortArg(lower); ok && req.Sort == "" {
				req.Sort = sort
				continue
			}
			if prio, ok := priorityArg(lower); ok && strings.HasPrefix(lower, "!") && !req.Filtered {
				req.Priority, req.Filtered = prio, true
				continue
			}
			if name, ok := strings.CutPrefix(lower, "@"); ok && !seenUser && (name == "me" || isUsername(name)) {
				seenUser = true
				if name == "me" {
					req.FilterSelf = true
				} else {
					req.FilterUser = name
				}
				continue
			}
		}
		return usage(i18n.MsgUsageList, p.verb, "Arg", w)
	}
	return nil
}

// sortWords are the sorts `list sort:<word>` names.
var sortWords = map[string]string{
	"priority": todo.SortPriority, "prio": todo.SortPriority, "due": todo.SortDue, "date": todo.SortDue,
	"position": todo.SortPosition, "order": todo.SortPosition,
}

// sortArg reads `sort:priority`, `sort:due` or `sort:position` (the list's own order).
func sortArg(w string) (string, bool) {
	name, ok := strings.CutPrefix(w, "sort:")
	if !ok {
		return "", false
	}
	sort, ok := sortWords[name]
	if sort == todo.SortPosition {
		sort = ""
	}
	return sort, ok
}

// priorityArg reads a priority as `priority` and list filters write it: none, low, medium
// (med), high, with or without "!", or !, !!, !!!.
func priorityArg(w string) (todo.Priority, bool) {
	if p, ok := priorityWords[w]; ok {
		return p, true
	}
	switch strings.TrimPrefix(w, "!") {
	case "none", "no", "off", "clear":
		return todo.PriorityNone, true
	}
	if p, ok := priorityWords["!"+w]; ok && w != "" && !strings.HasPrefix(w, "!") {
		return p, true
	}
	return todo.PriorityNone, false
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
		return 0, "", usage(i18n.MsgUsageNotANumber, p.verb, "Arg", w)
	}
	return n, rest, nil
}

// parseNumbers reads `3`, `#3`, `1,2` and ranges like `2-4`.
func (p *argParser) parseNumbers(words []string) ([]int64, error) {
	if len(words) == 0 {
		return nil, usage(i18n.MsgUsageNumbers, p.verb)
	}
	var out []int64
	seen := map[int64]bool{}
	add := func(n int64) error {
		if seen[n] {
			return nil
		}
		if len(out) == MaxNumbers {
			return usage(i18n.MsgUsageTooMany, p.verb, "Max", MaxNumbers)
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
			return nil, usage(i18n.MsgUsageNotANumber, p.verb, "Arg", w)
		}
		if hi-lo >= MaxNumbers {
			return nil, usage(i18n.MsgUsageTooMany, p.verb, "Max", MaxNumbers)
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
			return usage(i18n.MsgUsageBadUser, p.verb, "Arg", w)
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
		return Place{}, usage(i18n.MsgUsageMove, VerbMove)
	}
	switch strings.ToLower(words[0]) {
	case "top", "first", "start":
		return Place{Kind: PlaceTop}, nil
	case "bottom", "last", "end":
		return Place{Kind: PlaceBottom}, nil
	}
	n, ok := parseNumber(words[0])
	if !ok {
		return Place{}, usage(i18n.MsgUsageMove, VerbMove)
	}
	return Place{Kind: PlacePosition, Position: int(n)}, nil
}

// argumentsFit reports whether the first argument after verb has the shape
// the verb expects (a number, a list filter, a format, a topic), or is absent.
func argumentsFit(verb Verb, args string) bool {
	if verb == VerbImport {
		return importFits(args)
	}
	if verb == VerbBridge {
		// "bridge check" and nothing more, judged on the raw words: tokens drops
		// separators, and "bridge ," must stay a todo. "bridge the gap" and
		// "bridge check the cables" are todos too.
		raw := strings.Fields(args)
		return len(raw) == 0 || (len(raw) == 1 && strings.EqualFold(raw[0], bridgeCheckWord))
	}
	words := tokens(args)
	if len(words) == 0 {
		return true
	}
	w := words[0]
	switch verb {
	case VerbList, VerbMine:
		lower := strings.ToLower(w)
		_, isState := stateAliases[lower]
		_, isNumber := parseNumber(w)
		_, isSort := sortArg(lower)
		_, isPriority := priorityArg(lower)
		isFilter := (isSort || (isPriority && strings.HasPrefix(lower, "!")) || strings.HasPrefix(lower, "@"))
		return isState || isNumber || isFilter
	case VerbDone, VerbReopen, VerbDelete, VerbEdit, VerbComment, VerbAssign, VerbUnassign, VerbDue, VerbPriority, VerbRecur, VerbMove, VerbItem:
		_, isNumber := parseNumber(w)
		_, _, isRange := parseRange(w)
		return isNumber || isRange
	case VerbExport:
		_, ok := formatAliases[strings.ToLower(w)]
		return ok
	case VerbHelp:
		_, ok := LookupVerb(w)
		return ok
	case VerbSettings:
		// "settings digest …" and "settings completion …"; "settings for the demo" is a todo.
		w = strings.ToLower(w)
		return w == settingDigest || w == settingCompletion
	}
	return true
}

// What `settings` can change.
const (
	settingDigest     = "digest"
	settingCompletion = "completion"
)

// parseSettings reads `settings`, `settings digest on 09:00`, `settings digest 09:00`,
// `settings digest off`, `settings completion on|off`.
func (p *argParser) parseSettings(args string) error {
	req := &p.req
	words := strings.Fields(strings.ToLower(args))
	if len(words) == 0 {
		return nil
	}
	bad := usage(i18n.MsgSettingsUsage, VerbSettings)
	req.Setting = words[0]
	rest := words[1:]
	switch {
	case len(rest) == 1 && rest[0] == "off":
		return nil
	case req.Setting == settingCompletion && len(rest) == 1 && rest[0] == "on":
		req.On = true
		return nil
	case req.Setting == settingDigest:
		if len(rest) > 0 && rest[0] == "on" {
			rest = rest[1:]
		}
		if len(rest) != 1 {
			return bad
		}
		at, ok := todo.DigestClock(rest[0])
		if !ok {
			return bad
		}
		req.On, req.Time = true, at
		return nil
	}
	return bad
}

// parseItem reads `item <number>` (show the checklist), `item <number> add <text>` (or just
// `item <number> <text>`), `item <number> tick|untick|remove <items…>`, `item <number> move
// <item> <top|bottom|place>` and `item <number> edit <item> <text>`. As in the main grammar, an
// action word followed by something that is not its argument starts an item's text.
func (p *argParser) parseItem(args string) error {
	req := &p.req
	n, rest, err := p.leadingNumber(args, i18n.MsgUsageItem)
	if err != nil {
		return err
	}
	req.Numbers = []int64{n}
	first, after := nextField(rest)
	if first == "" {
		return nil
	}
	action, ok := itemActionWords[strings.ToLower(first)]
	if ok && action != ItemAdd {
		w := ""
		if words := tokens(after); len(words) > 0 {
			w = words[0]
		}
		_, isNumber := parseNumber(w)
		_, _, isRange := parseRange(w)
		ok = isNumber || (isRange && action != ItemMove && action != ItemEdit)
	}
	if !ok {
		req.ItemAction, req.Text = ItemAdd, strings.TrimSpace(rest)
		return nil
	}
	req.ItemAction = action
	bad := usage(i18n.MsgUsageItem, VerbItem)
	switch action {
	case ItemAdd:
		req.Text = strings.TrimSpace(after)
		if req.Text == "" {
			return bad
		}
	case ItemTick, ItemUntick, ItemRemove:
		items, err := p.parseNumbers(tokens(after))
		if err != nil {
			return err
		}
		req.Items = items
	case ItemMove:
		w, place := nextField(after)
		item, _ := parseNumber(w)
		target, err := parsePlace(strings.Fields(place))
		if err != nil {
			return bad
		}
		req.Items, req.Place = []int64{item}, target
	case ItemEdit:
		w, text := nextField(after)
		item, _ := parseNumber(w)
		req.Items, req.Text = []int64{item}, strings.TrimSpace(text)
		if req.Text == "" {
			return bad
		}
	}
	return nil
}

// AddsToChannelList reports whether text, read as a command given in a channel, adds a todo to
// that channel's list (not the actor's own list through `my`). Doors use it to start the add's
// permission checks while they still look up the actor: the verb does not depend on the
// actor's time zone, which only shapes due dates.
func AddsToChannelList(text string) bool {
	req, err := Parse(text, time.Now(), time.UTC)
	return err == nil && req.Verb == VerbAdd && !req.Personal
}
