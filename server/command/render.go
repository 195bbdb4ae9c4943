package command

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/channel-todo/channel-todo/server/i18n"
	"github.com/channel-todo/channel-todo/server/todo"
)

// MaxLineText is how many characters of a todo's text a list line shows.
const MaxLineText = 300

// Item is what a list line shows of a todo. The plugin fills it from
// todo.Todo plus what only it can look up (usernames, permalink, list name).
type Item struct {
	Number int64
	Text   string
	Done   bool
	// Assignees are usernames, without "@".
	Assignees []string
	// DueDate ("YYYY-MM-DD") and DueTime ("HH:MM", optional) are civil times
	// in the reader's time zone, as in todo.Due.
	DueDate string
	DueTime string
	// Priority is shown after the due date, when there is one; Recur after it.
	Priority todo.Priority
	Recur    string
	// Link is the permalink of the post the todo came from, "" if none.
	Link string
	// List names the list the todo belongs to, for views that span lists
	// (mine); "" otherwise.
	List string
	// ItemsDone of ItemsTotal checklist items are ticked; shown as "2/5" after the text.
	ItemsDone, ItemsTotal int
}

// Page is one page of a list reply.
type Page struct {
	Title string
	Items []Item
	// Empty is said when there are no items (see EmptyMessage).
	Empty string
	// From is the 1-based position of the first item in the whole view and
	// Total the size of the whole view (-1 when it is not known); with
	// TotalCapped the view holds more than Total (its count stopped there).
	From        int
	Total       int
	TotalCapped bool
	// Next is the command that shows the next page, "" on the last page.
	Next string
}

// RenderItem renders one list line. now is the reader's current time in
// their time zone; it decides "today", "tomorrow" and "overdue". Everything
// from the user (text, usernames) is neutralized.
func RenderItem(l i18n.Localizer, it Item, now time.Time) string {
	var b strings.Builder
	if it.Done {
		b.WriteString("- [x] ")
	} else {
		b.WriteString("- [ ] ")
	}
	fmt.Fprintf(&b, "**#%d** %s", it.Number, Neutralize(oneLine(it.Text, MaxLineText)))
	if it.ItemsTotal > 0 {
		fmt.Fprintf(&b, " `%d/%d`", it.ItemsDone, it.ItemsTotal)
	}
	if len(it.Assignees) > 0 {
		b.WriteString(" · ")
		b.WriteString(Neutralize(Mentions(it.Assignees)))
	}
	if it.DueDate != "" {
		b.WriteString(" · ")
		b.WriteString(l.Localize(i18n.MsgListDue, map[string]any{"Due": DueText(l, it.DueDate, it.DueTime, now)}))
		if !it.Done && Overdue(it.DueDate, it.DueTime, now) {
			b.WriteString(" · **")
			b.WriteString(l.Localize(i18n.MsgListOverdue, nil))
			b.WriteString("**")
		}
	}
	if p := PriorityText(l, it.Priority); p != "" {
		b.WriteString(" · **")
		b.WriteString(p)
		b.WriteString("**")
	}
	if rec := RecurText(l, it.Recur); rec != "" {
		b.WriteString(" · ")
		b.WriteString(rec)
	}
	if it.List != "" {
		b.WriteString(" · ")
		b.WriteString(l.Localize(i18n.MsgListIn, map[string]any{"List": Neutralize(it.List)}))
	}
	if it.Link != "" {
		fmt.Fprintf(&b, " · [%s](%s)", l.Localize(i18n.MsgListThread, nil), it.Link)
	}
	return b.String()
}

// RenderPage renders a list reply: the title, one line per item, and when
// more items follow, a hint naming the command that shows them.
func RenderPage(l i18n.Localizer, p Page, now time.Time) string {
	var b strings.Builder
	b.WriteString("#### ")
	b.WriteString(p.Title)
	b.WriteString("\n")
	if len(p.Items) == 0 {
		b.WriteString(p.Empty)
		return b.String()
	}
	for _, it := range p.Items {
		b.WriteString(RenderItem(l, it, now))
		b.WriteString("\n")
	}
	from := max(p.From, 1)
	to := from + len(p.Items) - 1
	if p.Next != "" && p.Total < 0 {
		b.WriteString("\n")
		b.WriteString(l.Localize(i18n.MsgListMoreNext, map[string]any{"From": from, "To": to, "Command": p.Next}))
	} else if p.Next != "" && p.TotalCapped {
		b.WriteString("\n")
		b.WriteString(l.Localize(i18n.MsgListMoreThan, map[string]any{
			"From": from, "To": to, "Total": max(p.Total, to), "Command": p.Next,
		}))
	} else if p.Next != "" {
		b.WriteString("\n")
		b.WriteString(l.Localize(i18n.MsgListMore, map[string]any{
			"From": from, "To": to, "Total": max(p.Total, to), "Command": p.Next,
		}))
	}
	return strings.TrimRight(b.String(), "\n")
}

// ListName is how replies name a list: "~town-square" for a channel (by its
// name, which cannot mention anyone) or "your personal list".
func ListName(l i18n.Localizer, personal bool, channelName string) string {
	if personal {
		return l.Localize(i18n.MsgListNamePersonal, nil)
	}
	return l.Localize(i18n.MsgListNameChannel, map[string]any{"Channel": Neutralize(channelName)})
}

// ListTitle is the title of a list reply; mine selects the "assigned to you"
// view, which spans lists. count is the number of todos in the view.
func ListTitle(l i18n.Localizer, state ListState, list string, mine bool, count int) string {
	data := map[string]any{"List": list, "Count": count}
	if mine {
		return l.Localize(i18n.MsgListTitleMine, data)
	}
	switch state {
	case StateDone:
		return l.Localize(i18n.MsgListTitleDone, data)
	case StateAll:
		return l.Localize(i18n.MsgListTitleAll, data)
	}
	return l.Localize(i18n.MsgListTitleOpen, data)
}

// EmptyMessage is what a list reply says when there is nothing to show.
func EmptyMessage(l i18n.Localizer, state ListState, list string, mine bool) string {
	data := map[string]any{"List": list}
	if mine {
		return l.Localize(i18n.MsgListEmptyMine, data)
	}
	switch state {
	case StateDone:
		return l.Localize(i18n.MsgListEmptyDone, data)
	case StateAll:
		return l.Localize(i18n.MsgListEmptyAll, data)
	}
	return l.Localize(i18n.MsgListEmptyOpen, data)
}

// PageCommand is the slash command that shows page of a list view, for the
// "more" hint: "/todo my list done 3".
func PageCommand(personal bool, verb Verb, state ListState, page int) string {
	parts := []string{"/todo"}
	if personal {
		parts = append(parts, "my")
	}
	parts = append(parts, string(verb))
	if state != "" {
		parts = append(parts, string(state))
	}
	parts = append(parts, fmt.Sprint(page))
	return strings.Join(parts, " ")
}

// Mentions renders usernames as "@alice, @bob" (not yet neutralized).
func Mentions(usernames []string) string {
	parts := make([]string, len(usernames))
	for i, u := range usernames {
		parts[i] = "@" + strings.TrimPrefix(u, "@")
	}
	return strings.Join(parts, ", ")
}

// DueText renders a due date for a reply: "today", "tomorrow", "yesterday"
// or the date, followed by the time when there is one.
func DueText(l i18n.Localizer, date, clock string, now time.Time) string {
	day := date
	if d, err := time.ParseInLocation("2006-01-02", date, now.Location()); err == nil {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		switch {
		case d.Equal(today):
			day = l.Localize(i18n.MsgListToday, nil)
		case d.Equal(today.AddDate(0, 0, 1)):
			day = l.Localize(i18n.MsgListTomorrow, nil)
		case d.Equal(today.AddDate(0, 0, -1)):
			day = l.Localize(i18n.MsgListYesterday, nil)
		}
	}
	if clock != "" {
		return day + " " + clock
	}
	return day
}

// Overdue reports whether a due date (and time) lies before now. A date
// without a time is due by the end of that day.
func Overdue(date, clock string, now time.Time) bool {
	d, err := time.ParseInLocation("2006-01-02", date, now.Location())
	if err != nil {
		return false
	}
	if clock == "" {
		return !now.Before(d.AddDate(0, 0, 1))
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, now.Location())
	if err != nil {
		return false
	}
	return now.After(t)
}

// oneLine folds the text onto one line (line breaks become spaces) and cuts
// it at max characters, so a list stays readable at a glance.
func oneLine(text string, limit int) string {
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) <= limit {
		return text
	}
	runes := []rune(text)
	return strings.TrimRightFunc(string(runes[:limit]), unicode.IsSpace) + "…"
}

// PriorityText names a priority in a reply ("high priority"); "" for none.
func PriorityText(l i18n.Localizer, p todo.Priority) string {
	switch p {
	case todo.PriorityLow:
		return l.Localize(i18n.MsgPriorityLow, nil)
	case todo.PriorityMedium:
		return l.Localize(i18n.MsgPriorityMedium, nil)
	case todo.PriorityHigh:
		return l.Localize(i18n.MsgPriorityHigh, nil)
	}
	return ""
}

// DetailsText is what an add understood besides the text, as the todo now
// has it: " · @ann, @bob · due tomorrow 17:00 · high priority" ("" for
// nothing). usernames are the assignees' names, without "@", shown in
// alphabetical order so every rendering of the same todo reads the same;
// now is the reader's current time in their zone.
func DetailsText(l i18n.Localizer, usernames []string, t todo.Todo, now time.Time) string {
	var b strings.Builder
	if len(usernames) > 0 {
		sorted := append([]string(nil), usernames...)
		sort.Strings(sorted)
		b.WriteString(" · ")
		b.WriteString(Neutralize(Mentions(sorted)))
	}
	if t.Due != nil {
		b.WriteString(" · ")
		b.WriteString(l.Localize(i18n.MsgListDue, map[string]any{"Due": DueText(l, t.Due.Date, t.Due.Time, now)}))
	}
	if p := PriorityText(l, t.Priority); p != "" {
		b.WriteString(" · ")
		b.WriteString(p)
	}
	if rec := RecurText(l, t.Recur); rec != "" {
		b.WriteString(" · ")
		b.WriteString(rec)
	}
	if t.ItemsTotal > 0 {
		// A card shows the checklist's progress as the todo had it when the card was drawn
		// (posted, or redrawn by a press), as list lines do.
		fmt.Fprintf(&b, " · `%d/%d`", t.ItemsDone, t.ItemsTotal)
	}
	return b.String()
}

// weekdayNames are the weekday rules of todo.ParseRecur, Sunday first.
var weekdayNames = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// RecurText says how a todo repeats ("every Monday"); "" for never.
func RecurText(l i18n.Localizer, rule string) string {
	switch rule {
	case "":
		return ""
	case todo.RecurDay:
		return l.Localize(i18n.MsgRecurDay, nil)
	case todo.RecurWeek:
		return l.Localize(i18n.MsgRecurWeek, nil)
	case todo.RecurMonth:
		return l.Localize(i18n.MsgRecurMonth, nil)
	}
	return l.Localize(i18n.RecurDayID(rule), nil)
}
