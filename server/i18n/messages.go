package i18n

// Message ids: every answer, bot post, form and error text the server says. The texts live in
// assets/i18n/<lang>.json (go-i18n format); the comment after an id names its template data.
// The webapp reads the same files for the REST errors' codes (error.<code>).

const (
	// Usage errors of the grammar (Data: Verb, plus what is listed).
	MsgUsageAdd         = "usage.add"
	MsgUsageNumbers     = "usage.numbers"      // Verb
	MsgUsageNotANumber  = "usage.not_a_number" // Arg
	MsgUsageTooMany     = "usage.too_many"     // Max
	MsgUsageEdit        = "usage.edit"
	MsgUsageComment     = "usage.comment"
	MsgUsageAssign      = "usage.assign"
	MsgUsageUnassign    = "usage.unassign"
	MsgUsageBadUser     = "usage.bad_user" // Arg
	MsgUsageDue         = "usage.due"
	MsgUsagePriority    = "usage.priority"
	MsgUsageRecur       = "usage.recur"
	MsgUsageBadDate     = "usage.bad_date" // Arg
	MsgUsageMove        = "usage.move"
	MsgUsageItem        = "usage.item"
	MsgChecklistTitle   = "checklist.title"
	MsgChecklistEmpty   = "checklist.empty"
	MsgItemAdded        = "checklist.added"
	MsgItemTicked       = "checklist.ticked"
	MsgItemUnticked     = "checklist.unticked"
	MsgItemMoved        = "checklist.moved"
	MsgItemRemoved      = "checklist.removed"
	MsgItemEdited       = "checklist.edited"
	MsgUsageList        = "usage.list" // Arg
	MsgUsageExport      = "usage.export"
	MsgUsageBridge      = "usage.bridge"
	MsgUsageUnknownVerb = "usage.unknown_verb" // Word, Suggestion
	// MsgUsageAddHint follows a usage error of a verb: how to add a todo
	// that starts with that word.
	MsgUsageAddHint = "usage.add_hint" // Word

	// Replies of the command door (the lead fills Number, List, Text, ...).
	MsgReplyAdded         = "reply.added"          // Number, List, Text
	MsgReplyCompleted     = "reply.completed"      // Number, Text
	MsgReplyReopened      = "reply.reopened"       // Number, Text
	MsgReplyDeleted       = "reply.deleted"        // Number, Text
	MsgReplyEdited        = "reply.edited"         // Number, Text
	MsgReplyCommented     = "reply.commented"      // Number
	MsgReplyAssigned      = "reply.assigned"       // Number, Users
	MsgReplyUnassigned    = "reply.unassigned"     // Number, Users
	MsgReplyUnassignedAll = "reply.unassigned_all" // Number
	MsgReplyDueSet        = "reply.due_set"        // Number, Due
	MsgReplyDueCleared    = "reply.due_cleared"    // Number
	MsgReplyPrioritySet   = "reply.priority_set"   // Number, Priority
	MsgReplyPriorityNone  = "reply.priority_none"  // Number
	MsgReplyRecurSet      = "reply.recur_set"      // Number, Recur
	MsgReplyRecurNone     = "reply.recur_none"     // Number
	// MsgReplyRecurNext follows a completion that created the recurring todo's next one.
	MsgReplyRecurNext = "reply.recur_next" // Number, Due
	// MsgReplyUnknownAssignee refuses an add whose details name someone who cannot be assigned.
	MsgReplyUnknownAssignee = "reply.unknown_assignee" // User
	MsgReplyMovedTop        = "reply.moved_top"        // Number
	MsgReplyMovedBottom     = "reply.moved_bottom"     // Number
	MsgReplyMovedTo         = "reply.moved_to"         // Number, Position
	MsgReplyExported        = "reply.exported"         // Count (plural), List
	MsgReplyNotFoundOpen    = "reply.not_found_open"   // Number, List
	MsgReplyNotFoundDone    = "reply.not_found_done"   // Number, List
	MsgReplyNotFound        = "reply.not_found"        // Number, List
	MsgReplyNoPermission    = "reply.no_permission"    // List
	MsgReplyArchived        = "reply.archived"         // List
	MsgReplyPersonalOnly    = "reply.personal_only"
	MsgReplyNothingToAdd    = "reply.nothing_to_add"
	MsgReplyFailed          = "reply.failed"
	MsgReplyExportCut       = "reply.export_cut" // Max
	MsgReplyLineCut         = "reply.line_cut"
	// MsgReplyMentionHint answers a post that mentions the bot but does not
	// start with the mention, so it is not a command.
	MsgReplyMentionHint = "reply.mention_hint" // Bot

	// Replies about lists the command-line tool keeps.
	MsgToolNotAvailable = "tool.not_available" // Verb
	MsgToolFailed       = "tool.failed"        // Verb
	MsgToolTimeout      = "tool.timeout"       // Verb, Limit
	MsgToolBusy         = "tool.busy"          // Verb
	// MsgToolFailedDetails stands for the tool's own error message when it names paths on
	// the server; MsgToolDetail introduces that message for a system admin.
	MsgToolFailedDetails = "tool.failed_details" // Verb
	MsgToolDetail        = "tool.detail"
	MsgToolMissing       = "tool.missing"

	// Replies of `bridge check`.
	MsgBridgeTitle       = "bridge.title"
	MsgBridgeAdminOnly   = "bridge.admin_only"
	MsgBridgeUnavailable = "bridge.unavailable"

	// Pieces of list replies.
	MsgListNameChannel  = "list.name_channel" // Channel
	MsgListNamePersonal = "list.name_personal"
	MsgListTitleOpen    = "list.title_open" // List, Count (plural)
	MsgListTitleDone    = "list.title_done" // List, Count (plural)
	MsgListTitleAll     = "list.title_all"  // List, Count (plural)
	MsgListTitleMine    = "list.title_mine" // Count (plural)
	MsgListEmptyOpen    = "list.empty_open" // List
	MsgListEmptyDone    = "list.empty_done" // List
	MsgListEmptyAll     = "list.empty_all"  // List
	MsgListEmptyMine    = "list.empty_mine"
	MsgListMore         = "list.more" // From, To, Total, Command
	MsgListDue          = "list.due"  // Due
	MsgListOverdue      = "list.overdue"
	MsgListToday        = "list.today"
	MsgListTomorrow     = "list.tomorrow"
	MsgListYesterday    = "list.yesterday"
	MsgListThread       = "list.thread"
	MsgListIn           = "list.in" // List
	// A sorted or filtered list: its title, the words of its filter, its order, its "more" hint
	// (it has no total) and what it says when nothing matches.
	MsgListTitleFiltered = "list.title_filtered" // List, Filter
	MsgListFilterOpen    = "list.filter_open"
	MsgListFilterDone    = "list.filter_done"
	MsgListFilterUser    = "list.filter_user" // User
	MsgListSortPriority  = "list.sort_priority"
	MsgListSortDue       = "list.sort_due"
	MsgListMoreNext      = "list.more_next"      // From, To, Command
	MsgListEmptyFiltered = "list.empty_filtered" // List
	// MsgListTitleMineFiltered and MsgListEmptyMineFiltered are a sorted or filtered `mine`'s.
	MsgListTitleMineFiltered = "list.title_mine_filtered" // Filter
	MsgListEmptyMineFiltered = "list.empty_mine_filtered"
	// MsgListTitleMineMore and MsgListMoreThan are `mine`'s title and "more" hint when its
	// count stopped at its cap: the view holds more than Total.
	MsgListTitleMineMore = "list.title_mine_more" // Total
	MsgListMoreThan      = "list.more_than"       // From, To, Total, Command
	// Priorities as replies and list lines name them.
	MsgPriorityLow    = "priority.low"
	MsgPriorityMedium = "priority.medium"
	MsgPriorityHigh   = "priority.high"
	// MsgACPriorityNone names "no priority" in autocomplete and list titles.
	MsgACPriorityNone = "autocomplete.priority.none"
	// How a recurrence reads in replies and lists ("every Monday").
	MsgRecurDay   = "recur.day"
	MsgRecurWeek  = "recur.week"
	MsgRecurMonth = "recur.month"

	// Help.
	MsgHelpTitle   = "help.title"
	MsgHelpIntro   = "help.intro"
	MsgHelpWhere   = "help.where"
	MsgHelpNumbers = "help.numbers"
	MsgHelpMention = "help.mention" // Bot
	MsgHelpShort   = "help.short"
	MsgHelpMore    = "help.more"

	// Autocomplete.
	MsgACDesc        = "autocomplete.desc"
	MsgACHint        = "autocomplete.hint"
	MsgACMy          = "autocomplete.my"
	MsgACNumber      = "autocomplete.arg.number"
	MsgACNumbers     = "autocomplete.arg.numbers"
	MsgACText        = "autocomplete.arg.text"
	MsgACUsers       = "autocomplete.arg.users"
	MsgACDate        = "autocomplete.arg.date"
	MsgACPlace       = "autocomplete.arg.place"
	MsgACState       = "autocomplete.arg.state"
	MsgACFormat      = "autocomplete.arg.format"
	MsgACTopic       = "autocomplete.arg.topic"
	MsgACOpen        = "autocomplete.state.open"
	MsgACDone        = "autocomplete.state.done"
	MsgACAll         = "autocomplete.state.all"
	MsgACMarkdown    = "autocomplete.format.md"
	MsgACCSV         = "autocomplete.format.csv"
	MsgACTop         = "autocomplete.place.top"
	MsgACBottom      = "autocomplete.place.bottom"
	MsgACToday       = "autocomplete.date.today"
	MsgACTomorrow    = "autocomplete.date.tomorrow"
	MsgACNextWeek    = "autocomplete.date.next_week"
	MsgACDateNone    = "autocomplete.date.none"
	MsgACDateOther   = "autocomplete.date.other"
	MsgACBridgeCheck = "autocomplete.bridge.check"

	// Texts of the buttons on the bot's posts and of what a press or a reaction answers. The
	// buttons package builds the posts; the words live here with the rest of the translations.
	MsgButtonDone    = "button.done"
	MsgButtonDoneN   = "button.done_n" // Number
	MsgButtonUndo    = "button.undo"
	MsgButtonReopen  = "button.reopen"
	MsgButtonRestore = "button.restore"
	MsgButtonEdit    = "button.edit"
	MsgButtonMore    = "button.more"
	// Snooze buttons of reminders and assignment notices.
	MsgButtonSnoozeHour     = "button.snooze_hour"
	MsgButtonSnoozeTomorrow = "button.snooze_tomorrow"

	// Status lines under a todo's card, and what a press changed on a list.
	MsgCardCompleted = "card.completed" // Number, User
	MsgCardDeleted   = "card.deleted"   // Number, User
	MsgCardReopened  = "card.reopened"  // Number, User
	MsgCardRestored  = "card.restored"  // Number, User
	MsgCardSnoozed   = "card.snoozed"   // Number, Due

	// Direct messages: reminders, notices and the digest.
	MsgRemindDue        = "remind.due"         // Number, List, Text, Due
	MsgRemindOverdue    = "remind.overdue"     // Number, List, Text, Due
	MsgNoticeAssigned   = "notice.assigned"    // User, Number, List, Text
	MsgNoticeCompleted  = "notice.completed"   // User, Number, List, Text
	MsgNoticeThread     = "notice.thread"      // Link
	MsgDigestTitle      = "digest.title"       //
	MsgDigestOverdue    = "digest.overdue"     //
	MsgDigestToday      = "digest.today"       //
	MsgDigestAssigned   = "digest.assigned"    //
	MsgSettingsShow     = "settings.show"      // Digest, Completion
	MsgSettingsDigestOn = "settings.digest_on" // Time
	MsgSettingsOff      = "settings.off"
	MsgSettingsUsage    = "settings.usage"
	MsgSettingsNoDigest = "settings.digest_not_allowed"
	MsgSettingsCompOn   = "settings.completion_on"
	MsgSettingsCompOff  = "settings.completion_off"
	MsgDigestTitleAC    = "autocomplete.settings.digest"
	MsgCompletionAC     = "autocomplete.settings.completion"

	// Answers to a press on a todo that changed since the post was made.
	MsgStaleDone    = "stale.already_done" // Number
	MsgStaleOpen    = "stale.already_open" // Number
	MsgStaleDeleted = "stale.deleted"      // Number
	MsgStaleInvalid = "stale.invalid"

	// The answer to the add emoji on a message that was already added.
	MsgReactionAlreadyAdded = "reaction.already_added"

	// Words of the add form that `/todo` alone opens and of the edit form (see server/dialog).
	MsgDialogTitle        = "dialog.title"
	MsgDialogSubmit       = "dialog.submit"
	MsgDialogText         = "dialog.text"
	MsgDialogAssignee     = "dialog.assignee"
	MsgDialogDue          = "dialog.due"
	MsgDialogDueHelp      = "dialog.due_help"
	MsgDialogPriority     = "dialog.priority"
	MsgDialogList         = "dialog.list"
	MsgDialogListChannel  = "dialog.list_channel"
	MsgDialogListPersonal = "dialog.list_personal"
	MsgDialogPriorityNone = "dialog.priority_none"
	MsgDialogStale        = "dialog.stale"
	MsgDialogEditTitle    = "dialog.edit_title"
	MsgDialogSave         = "dialog.save"

	// Messages of `import`.
	MsgUsageImport          = "usage.import"
	MsgImportAdminOnly      = "import.admin_only"
	MsgImportUnavailable    = "import.unavailable"
	MsgImportTitleDry       = "import.title_dry"
	MsgImportTitleDone      = "import.title_done"
	MsgImportSummaryDry     = "import.summary_dry"  // Imported, Skipped
	MsgImportSummaryDone    = "import.summary_done" // Imported, Skipped
	MsgImportConfirmHint    = "import.confirm_hint"
	MsgImportHeadImported   = "import.head_imported"
	MsgImportHeadWould      = "import.head_would"
	MsgImportHeadSkipped    = "import.head_skipped"
	MsgImportLineSent       = "import.line_sent"        // User, Sender, Text
	MsgImportLineSenderGone = "import.line_sender_gone" // User, Text
	MsgImportMore           = "import.more"             // Count
	MsgACImportOfficial     = "autocomplete.import.official"
	MsgACImportConfirm      = "autocomplete.import.confirm"

	// Messages of `find`.
	MsgUsageFind = "usage.find"
	MsgFindTitle = "find.title" // Words
	MsgFindEmpty = "find.empty" // Words
	MsgFindMore  = "find.more"
)

// HelpID is the message id of the one-line help of a verb (with an example).
func HelpID(verb string) string { return "help." + verb }

// AutocompleteDescID is the id of the autocomplete description of a verb.
func AutocompleteDescID(verb string) string { return "autocomplete." + verb + ".desc" }

// AutocompleteHintID is the id of the autocomplete argument hint of a verb.
func AutocompleteHintID(verb string) string { return "autocomplete." + verb + ".hint" }

// RecurDayID is the id of how a weekly recurrence on a weekday reads ("every Monday").
func RecurDayID(weekday string) string { return "recur." + weekday }

// ImportReasonID is the id of why an import skipped an item.
func ImportReasonID(reason string) string { return "import.reason." + reason }

// ErrorCodes are the codes of the service's domain errors (todo.Code*) that
// have a translated reply; ErrorID gives its id. Data: Limit, Max where the
// text names one.
var ErrorCodes = []string{
	"not_found", "forbidden", "channel_archived", "personal_list_owner_only",
	"edit_not_allowed", "tool_delete_not_allowed", "tool_keeps_list", "text_empty", "text_too_long", "text_invalid",
	"invalid_due", "invalid_id", "invalid_state", "invalid_cursor", "invalid_limit",
	"invalid_assignee", "invalid_format", "invalid_number", "invalid_move", "invalid_post",
	"not_deleted", "too_many_assignees", "conflict", "invalid_priority", "invalid_sort", "invalid_recur", "invalid_search",
	"item_not_found", "too_many_items", "items_open", "checklists_unavailable",
}

// ErrorID is the message id of the reply to a domain error code. Unknown
// codes map to MsgReplyFailed, so a person never sees a raw server error.
func ErrorID(code string) string {
	for _, c := range ErrorCodes {
		if c == code {
			return "error." + code
		}
	}
	return MsgReplyFailed
}

// MessageIDs lists every message id, given the words that make some of them: the command
// grammar's verbs, the weekdays a recurrence names and the reasons an import skips an item. The
// translation files must define exactly these.
func MessageIDs(verbs, weekdays, importReasons []string) []string {
	ids := []string{
		MsgUsageAdd, MsgUsageNumbers, MsgUsageNotANumber, MsgUsageTooMany, MsgUsageEdit, MsgUsageComment,
		MsgUsageAssign, MsgUsageUnassign, MsgUsageBadUser, MsgUsageDue, MsgUsagePriority, MsgUsageRecur,
		MsgUsageBadDate, MsgUsageMove, MsgUsageItem, MsgChecklistTitle, MsgChecklistEmpty, MsgItemAdded,
		MsgItemTicked, MsgItemUnticked, MsgItemMoved, MsgItemRemoved, MsgItemEdited, MsgUsageList,
		MsgUsageExport, MsgUsageBridge, MsgUsageUnknownVerb, MsgUsageAddHint, MsgReplyAdded,
		MsgReplyCompleted, MsgReplyReopened, MsgReplyDeleted, MsgReplyEdited, MsgReplyCommented,
		MsgReplyAssigned, MsgReplyUnassigned, MsgReplyUnassignedAll, MsgReplyDueSet, MsgReplyDueCleared,
		MsgReplyPrioritySet, MsgReplyPriorityNone, MsgReplyRecurSet, MsgReplyRecurNone,
		MsgReplyRecurNext, MsgReplyUnknownAssignee, MsgReplyMovedTop, MsgReplyMovedBottom,
		MsgReplyMovedTo, MsgReplyExported, MsgReplyNotFoundOpen, MsgReplyNotFoundDone, MsgReplyNotFound,
		MsgReplyNoPermission, MsgReplyArchived, MsgReplyPersonalOnly, MsgReplyNothingToAdd,
		MsgReplyFailed, MsgReplyExportCut, MsgReplyLineCut, MsgReplyMentionHint, MsgToolNotAvailable,
		MsgToolFailed, MsgToolTimeout, MsgToolBusy, MsgToolFailedDetails, MsgToolDetail, MsgToolMissing,
		MsgBridgeTitle, MsgBridgeAdminOnly, MsgBridgeUnavailable, MsgListNameChannel,
		MsgListNamePersonal, MsgListTitleOpen, MsgListTitleDone, MsgListTitleAll, MsgListTitleMine,
		MsgListEmptyOpen, MsgListEmptyDone, MsgListEmptyAll, MsgListEmptyMine, MsgListMore, MsgListDue,
		MsgListOverdue, MsgListToday, MsgListTomorrow, MsgListYesterday, MsgListThread, MsgListIn,
		MsgListTitleFiltered, MsgListFilterOpen, MsgListFilterDone, MsgListFilterUser,
		MsgListSortPriority, MsgListSortDue, MsgListMoreNext, MsgListEmptyFiltered,
		MsgListTitleMineFiltered, MsgListEmptyMineFiltered, MsgListTitleMineMore, MsgListMoreThan, MsgPriorityLow, MsgPriorityMedium,
		MsgPriorityHigh, MsgACPriorityNone, MsgRecurDay, MsgRecurWeek, MsgRecurMonth, MsgHelpTitle,
		MsgHelpIntro, MsgHelpWhere, MsgHelpNumbers, MsgHelpMention, MsgHelpShort, MsgHelpMore, MsgACDesc,
		MsgACHint, MsgACMy, MsgACNumber, MsgACNumbers, MsgACText, MsgACUsers, MsgACDate, MsgACPlace,
		MsgACState, MsgACFormat, MsgACTopic, MsgACOpen, MsgACDone, MsgACAll, MsgACMarkdown, MsgACCSV,
		MsgACTop, MsgACBottom, MsgACToday, MsgACTomorrow, MsgACNextWeek, MsgACDateNone, MsgACDateOther,
		MsgACBridgeCheck, MsgButtonDone, MsgButtonDoneN, MsgButtonUndo, MsgButtonReopen,
		MsgButtonRestore, MsgButtonEdit, MsgButtonMore, MsgButtonSnoozeHour, MsgButtonSnoozeTomorrow,
		MsgCardCompleted, MsgCardDeleted, MsgCardReopened, MsgCardRestored, MsgCardSnoozed, MsgRemindDue,
		MsgRemindOverdue, MsgNoticeAssigned, MsgNoticeCompleted, MsgNoticeThread, MsgDigestTitle,
		MsgDigestOverdue, MsgDigestToday, MsgDigestAssigned, MsgSettingsShow, MsgSettingsDigestOn,
		MsgSettingsOff, MsgSettingsUsage, MsgSettingsNoDigest, MsgSettingsCompOn, MsgSettingsCompOff,
		MsgDigestTitleAC, MsgCompletionAC, MsgStaleDone, MsgStaleOpen, MsgStaleDeleted, MsgStaleInvalid,
		MsgReactionAlreadyAdded, MsgDialogTitle, MsgDialogSubmit, MsgDialogText, MsgDialogAssignee,
		MsgDialogDue, MsgDialogDueHelp, MsgDialogPriority, MsgDialogList, MsgDialogListChannel,
		MsgDialogListPersonal, MsgDialogPriorityNone, MsgDialogStale, MsgDialogEditTitle, MsgDialogSave,
		MsgUsageImport, MsgImportAdminOnly, MsgImportUnavailable, MsgImportTitleDry, MsgImportTitleDone,
		MsgImportSummaryDry, MsgImportSummaryDone, MsgImportConfirmHint, MsgImportHeadImported,
		MsgImportHeadWould, MsgImportHeadSkipped, MsgImportLineSent, MsgImportLineSenderGone,
		MsgImportMore, MsgACImportOfficial, MsgACImportConfirm, MsgUsageFind, MsgFindTitle, MsgFindEmpty,
		MsgFindMore,
	}
	for _, v := range verbs {
		ids = append(ids, HelpID(v), AutocompleteDescID(v), AutocompleteHintID(v))
	}
	for _, c := range ErrorCodes {
		ids = append(ids, "error."+c)
	}
	for _, day := range weekdays {
		ids = append(ids, RecurDayID(day))
	}
	for _, r := range importReasons {
		ids = append(ids, ImportReasonID(r))
	}
	return ids
}
