// Package command is the grammar every door to Channel Todo shares: the /todo
// slash command, @todo mentions and trigger words. It turns text into a typed
// Request, finds command text inside posts, renders replies (with todo text
// that can never notify anyone) and carries the translations of what it says.
// It does not call the service; the plugin wires a Request to it.
package command

import "github.com/channel-todo/channel-todo/server/todo"

// Verb names what a request asks for. Aliases are folded into these.
type Verb string

// The verbs of the grammar.
const (
	VerbList     Verb = "list"
	VerbAdd      Verb = "add"
	VerbDone     Verb = "done"
	VerbReopen   Verb = "reopen"
	VerbDelete   Verb = "delete"
	VerbEdit     Verb = "edit"
	VerbAssign   Verb = "assign"
	VerbUnassign Verb = "unassign"
	VerbDue      Verb = "due"
	VerbMove     Verb = "move"
	VerbMine     Verb = "mine"
	VerbExport   Verb = "export"
	VerbHelp     Verb = "help"
	// VerbBridge is `bridge check`: a system admin tests the command-line
	// tool. It acts on no list.
	VerbBridge Verb = "bridge"
	// VerbSettings shows or changes the actor's own settings: the daily digest and
	// completion notices.
	VerbSettings Verb = "settings"
	// VerbPriority sets or clears a todo's priority.
	VerbPriority Verb = "priority"
	// VerbRecur makes a todo repeat, or stops it.
	VerbRecur Verb = "recur"
	// VerbImport is `import official [confirm]`: a system admin brings in the official Todo
	// plugin's todos (a dry run without confirm).
	VerbImport Verb = "import"
	// VerbFind searches every list the actor can read for todos with the words.
	VerbFind Verb = "find"
	// VerbComment posts the actor's words in a todo's Mattermost thread.
	VerbComment Verb = "comment"
	// VerbItem shows or changes a todo's checklist (ItemAction says how).
	VerbItem Verb = "item"
)

// Verbs lists every verb in the order help and autocomplete show them.
var Verbs = []Verb{
	VerbAdd, VerbList, VerbDone, VerbReopen, VerbEdit, VerbDelete, VerbAssign,
	VerbUnassign, VerbDue, VerbPriority, VerbRecur, VerbMove, VerbComment, VerbItem, VerbMine, VerbExport, VerbFind, VerbSettings, VerbHelp, VerbBridge, VerbImport,
}

// ListState filters a list by state.
type ListState string

// The states a list can be shown in.
const (
	StateOpen ListState = "open"
	StateDone ListState = "done"
	StateAll  ListState = "all"
)

// ExportFormat is the format of an export.
type ExportFormat string

// The export formats.
const (
	FormatMarkdown ExportFormat = "md"
	FormatCSV      ExportFormat = "csv"
)

// PlaceKind says where a moved todo goes.
type PlaceKind string

// Where a todo can be moved.
const (
	PlaceTop      PlaceKind = "top"
	PlaceBottom   PlaceKind = "bottom"
	PlacePosition PlaceKind = "position"
)

// Place is the target of a move. Position is 1-based and set only for
// PlacePosition.
type Place struct {
	Kind     PlaceKind
	Position int
}

// ItemAction is what an `item` request does to a todo's checklist.
type ItemAction string

// What `item <number> …` can do; ItemShow ("") shows the checklist.
const (
	ItemShow   ItemAction = ""
	ItemAdd    ItemAction = "add"
	ItemTick   ItemAction = "tick"
	ItemUntick ItemAction = "untick"
	ItemMove   ItemAction = "move"
	ItemRemove ItemAction = "remove"
	ItemEdit   ItemAction = "edit"
)

// Due is the due date a `due` request sets. Date is "YYYY-MM-DD" and Time,
// when given, "HH:MM" (24-hour), both in the acting user's time zone, the
// same shape as todo.Due. Clear means "remove the due date".
type Due struct {
	Clear bool
	Date  string
	Time  string
}

// Request is one parsed command. Only the fields its Verb uses are set.
type Request struct {
	Verb Verb
	// Personal is set by the `my` prefix: the request targets the acting
	// user's personal list wherever it was asked.
	Personal bool
	// Bare means nothing followed the command (or the `my` prefix): a bare
	// `@todo` in a thread adds the thread's root; elsewhere it lists.
	Bare bool
	// Implicit means the text started with no verb and is therefore an add.
	Implicit bool

	// Text is the todo text of add and edit, exactly as written apart from
	// the surrounding white space (Markdown and line breaks are kept).
	Text string
	// Line is an add's Text taken apart (ParseAddLine): the todo's own text
	// and the assignees, due date and priority its last words give.
	Line AddLine
	// Numbers are the todo numbers the request names, in the order given,
	// without duplicates, each at least 1.
	Numbers []int64
	// Usernames are the users of assign/unassign, lower-case, without "@".
	Usernames []string
	// Self is set when `me` was among the users of assign/unassign.
	Self bool

	// State and Page are the filter and 1-based page of list and mine.
	State ListState
	Page  int
	// Sort is the order of a list ("" for its own; todo.SortPriority or
	// todo.SortDue). Only lists with priority set by Filtered keep todos of
	// Priority; FilterUser (a username) or FilterSelf keep those assigned to
	// that person.
	Sort       string
	Filtered   bool
	FilterUser string
	FilterSelf bool

	// Priority is the priority `priority` sets, and the filter of a list.
	Priority todo.Priority
	// Recur is the rule `recur` sets ("" stops it).
	Recur string

	Due    Due
	Place  Place
	Format ExportFormat
	// Topic is the verb `help <verb>` asks about; empty for general help.
	Topic Verb
	// Setting is what `settings` changes ("digest" or "completion"; "" shows them), On
	// whether it is turned on, and Time the digest's local time ("HH:MM").
	Setting string
	On      bool
	Time    string
	// Confirm is set by `import official confirm`: import, not a dry run.
	Confirm bool

	// Force is set by `done <numbers> anyway` (or `--force`): complete todos whose checklists
	// still have open items.
	Force bool
	// ItemAction is what `item` does to the checklist of the todo Numbers names; Items are
	// the 1-based places of the items it names (the one of move and edit first), Place where
	// move puts it, and Text the text of add and edit.
	ItemAction ItemAction
	Items      []int64
}

// Narrowed reports whether a list request keeps only some todos or reorders
// them: such a list has no total from the counters and no page buttons.
func (r Request) Narrowed() bool {
	return r.Sort != "" || r.Filtered || r.FilterUser != "" || r.FilterSelf
}

// Number returns the first todo number of the request, 0 when there is none.
func (r Request) Number() int64 {
	if len(r.Numbers) == 0 {
		return 0
	}
	return r.Numbers[0]
}
