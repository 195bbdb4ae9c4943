package buttons

import (
	"context"
	"fmt"
	"time"

	"github.com/channel-todo/channel-todo/server/command"
	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/mattermost"
	"github.com/channel-todo/channel-todo/server/remind"
	"github.com/channel-todo/channel-todo/server/todo"
)

// ChatViews is Views in the chat door's words: a card says what `/todo add` answered, a list
// page is the answer of `/todo list`, and a snooze moves the due date in the presser's zone.
// Its funcs read the plugin's parts and settings as they are at each press.
type ChatViews struct {
	Translations *i18n.Translations
	// DefaultLocale is the server's language, for people who chose none.
	DefaultLocale func() string
	// Directory names people and channels.
	Directory func() command.Directory
	// Executor answers commands; CallFor starts a person's call in a channel.
	Executor func() *command.Executor
	CallFor  func(userID, channelID string) command.Call
	// Zone is a person's time zone; MorningHour is when a date without a time falls due.
	Zone        func(userID string) *time.Location
	MorningHour func() int
}

var _ Views = ChatViews{}

// Localizer implements Views.
func (v ChatViews) Localizer(locale string) i18n.Localizer {
	return v.Translations.Localizer(locale, v.DefaultLocale())
}

// Card implements Views.
func (v ChatViews) Card(ctx context.Context, l i18n.Localizer, t todo.Todo) (string, string) {
	dir := v.Directory()
	name := command.ListName(l, t.Scope.Kind == todo.ScopePersonal, "")
	if t.Scope.Kind == todo.ScopeChannel {
		name = command.ListName(l, false, dir.ChannelName(ctx, t.Scope.ChannelID))
	}
	by := t.CompletedBy
	if t.Deleted() {
		by = t.DeletedBy
	}
	username, _ := dir.Username(ctx, by)
	// The card keeps saying what the add understood (assignees, due date, priority,
	// recurrence), as the todo has it now, in its creator's time zone as when it was added.
	var names []string
	for _, id := range t.Assignees {
		if n, ok := dir.Username(ctx, id); ok {
			names = append(names, n)
		}
	}
	details := command.DetailsText(l, names, t, time.Now().In(v.Zone(t.CreatorID)))
	return command.AddedText(l, t, name) + details, command.CardStatus(l, t, username)
}

// ListPage implements Views.
func (v ChatViews) ListPage(ctx context.Context, actor, channelID, locale string, scope todo.Scope, state string, page int) command.Outcome {
	call := v.CallFor(actor, channelID)
	if locale != "" {
		call.Locale = locale
	}
	if state == "" {
		state = string(command.StateOpen)
	}
	call.Text = fmt.Sprintf("list %s %d", state, max(page, 1))
	if scope.Kind == todo.ScopePersonal {
		call.Text = "my " + call.Text
	}
	return v.Executor().Execute(mattermost.WithChannelMemo(ctx), call)
}

// Snoozed implements Views.
func (v ChatViews) Snoozed(_ context.Context, userID string, tomorrow bool) todo.Due {
	loc := v.Zone(userID)
	if tomorrow {
		return remind.SnoozeTomorrow(time.Now(), loc, v.MorningHour())
	}
	return remind.SnoozeHour(time.Now(), loc)
}

// SnoozeStatus implements Views.
func (v ChatViews) SnoozeStatus(_ context.Context, l i18n.Localizer, userID string, t todo.Todo) string {
	if t.Due == nil {
		return ""
	}
	loc := v.Zone(userID)
	due := remind.DueText(l, *t.Due, loc, time.Now().In(loc), v.MorningHour())
	return command.Reply(l, i18n.MsgCardSnoozed, map[string]any{"Number": t.Number, "Due": due})
}
