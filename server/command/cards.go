package command

import (
	"github.com/channel-todo/channel-todo/server/todo"
)

// Texts of the buttons on the bot's posts and of what a press or a reaction answers. The
// buttons package builds the posts; the words live here with the rest of the translations.
const (
	MsgButtonDone    = "button.done"
	MsgButtonDoneN   = "button.done_n" // Number
	MsgButtonUndo    = "button.undo"
	MsgButtonReopen  = "button.reopen"
	MsgButtonRestore = "button.restore"
	MsgButtonMore    = "button.more"

	// Status lines under a todo's card, and what a press changed on a list.
	MsgCardCompleted = "card.completed" // Number, User
	MsgCardDeleted   = "card.deleted"   // Number, User
	MsgCardReopened  = "card.reopened"  // Number, User
	MsgCardRestored  = "card.restored"  // Number, User

	// Answers to a press on a todo that changed since the post was made.
	MsgStaleDone    = "stale.already_done" // Number
	MsgStaleOpen    = "stale.already_open" // Number
	MsgStaleDeleted = "stale.deleted"      // Number
	MsgStaleInvalid = "stale.invalid"

	// The answer to the add emoji on a message that was already added.
	MsgReactionAlreadyAdded = "reaction.already_added"
)

var cardMessageIDs = []string{
	MsgButtonDone, MsgButtonDoneN, MsgButtonUndo, MsgButtonReopen, MsgButtonRestore, MsgButtonMore,
	MsgCardCompleted, MsgCardDeleted, MsgCardReopened, MsgCardRestored,
	MsgStaleDone, MsgStaleOpen, MsgStaleDeleted, MsgStaleInvalid, MsgReactionAlreadyAdded,
}

// AddedText is the answer to an add, and the message of the todo's card afterwards.
func AddedText(l Localizer, t todo.Todo, listName string) string {
	return Reply(l, MsgReplyAdded, map[string]any{"Number": t.Number, "List": listName, "Text": oneLine(t.Text, MaxLineText)})
}

// CardStatus is the line a todo's card shows under its message: who completed or deleted it,
// "" while it is open. username is the one who did it (without "@"), "" when unknown.
func CardStatus(l Localizer, t todo.Todo, username string) string {
	user := "@" + username
	if username == "" {
		user = "?"
	}
	data := map[string]any{"Number": t.Number, "User": user}
	switch {
	case t.Deleted():
		return Reply(l, MsgCardDeleted, data)
	case t.State == todo.StateDone:
		return Reply(l, MsgCardCompleted, data)
	}
	return ""
}

// ChangeLine says what a press on a list's button did: "#3 completed by @ann".
func ChangeLine(l Localizer, id string, number int64, username string) string {
	return Reply(l, id, map[string]any{"Number": number, "User": "@" + username})
}
