package command

import "github.com/channel-todo/channel-todo/server/todo"

// Delivery is where a chat answer goes, and so who sees it.
type Delivery int

const (
	// ToActor sends the answer to the person who asked, and no one else.
	ToActor Delivery = iota
	// ToChannel posts the answer as the bot, where everyone in the channel sees it.
	ToChannel
)

// Deliver decides where the answer to call goes; the slash command, mentions and trigger words
// all ask it. An answer marked private (the tool check) and an answer about something that is
// the actor's own (a personal list, mine, help) go to the actor alone, even in a thread. In the
// actor's direct channel with the bot every answer is the bot's post. An answer about a
// channel's list is posted when it was asked in a thread (mentions always are), and, outside a
// thread, when it changed the list and the admin chose to show changes to the channel
// (changesToChannel); otherwise only the actor sees it.
func Deliver(out Outcome, call Call, inThread, changesToChannel bool) Delivery {
	switch {
	case out.Private:
		return ToActor
	case call.BotDM:
		return ToChannel
	case out.Scope.Kind != todo.ScopeChannel:
		return ToActor
	case inThread, out.Changed && changesToChannel:
		return ToChannel
	}
	return ToActor
}
