package command

import (
	"strings"
	"testing"
	"time"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/stretchr/testify/require"
)

// renderNow is Thursday 2026-11-26 04:00 in testZone.
var renderNow = testNow.In(testZone)

func TestRenderItem(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	tests := []struct {
		name string
		item Item
		want string
	}{
		{"plain", Item{Number: 3, Text: "Buy milk"}, "- [ ] **#3** Buy milk"},
		{"done", Item{Number: 4, Text: "Ship it", Done: true}, "- [x] **#4** Ship it"},
		{"assignees, due tomorrow, link",
			Item{Number: 5, Text: "Review", Assignees: []string{"alice", "bob"}, DueDate: "2026-11-27", DueTime: "17:00", Link: "https://mm.example.com/team/pl/abc"},
			"- [ ] **#5** Review · @\u2060alice, @\u2060bob · due tomorrow 17:00 · [thread](https://mm.example.com/team/pl/abc)"},
		{"overdue yesterday", Item{Number: 6, Text: "Pay", DueDate: "2026-11-25"}, "- [ ] **#6** Pay · due yesterday · **overdue**"},
		{"due today, not yet overdue", Item{Number: 7, Text: "Call", DueDate: "2026-11-26"}, "- [ ] **#7** Call · due today"},
		{"due today at a time passed", Item{Number: 8, Text: "Call", DueDate: "2026-11-26", DueTime: "03:59"}, "- [ ] **#8** Call · due today 03:59 · **overdue**"},
		{"done is never overdue", Item{Number: 9, Text: "Old", Done: true, DueDate: "2020-01-02"}, "- [x] **#9** Old · due 2020-01-02"},
		{"list name for mine", Item{Number: 2, Text: "x", List: "~dev"}, "- [ ] **#2** x · in ~dev"},
		{"multi-line text on one line", Item{Number: 1, Text: "first\n\nsecond\r\nthird"}, "- [ ] **#1** first second third"},
		{"mentions in text are neutralized", Item{Number: 1, Text: "tell @channel and @alice"}, "- [ ] **#1** tell @\u2060channel and @\u2060alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RenderItem(l, tt.item, renderNow)
			require.Equal(t, tt.want, got)
			require.Empty(t, mentionWords(got))
		})
	}
}

func TestRenderItemCutsLongText(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	got := RenderItem(l, Item{Number: 1, Text: strings.Repeat("é", MaxLineText+50)}, renderNow)
	require.Equal(t, "- [ ] **#1** "+strings.Repeat("é", MaxLineText)+"…", got)
}

func TestRenderItemInChinese(t *testing.T) {
	l := loadTestTranslations(t).Localizer("zh-CN")
	got := RenderItem(l, Item{Number: 5, Text: "审阅", DueDate: "2026-11-25", Link: "https://x/pl/1"}, renderNow)
	require.Equal(t, "- [ ] **#5** 审阅 · 截止 昨天 · **已逾期** · [讨论串](https://x/pl/1)", got)
}

func TestRenderPage(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	list := ListName(l, false, "town-square")
	require.Equal(t, "~town-square", list)

	items := []Item{{Number: 1, Text: "a"}, {Number: 2, Text: "@here b"}}
	got := RenderPage(l, Page{
		Title: ListTitle(l, StateOpen, list, false, 45),
		Items: items, From: 1, Total: 45,
		Next: PageCommand(false, VerbList, StateOpen, 2),
	}, renderNow)
	require.Equal(t, "#### 45 open todos in ~town-square\n"+
		"- [ ] **#1** a\n"+
		"- [ ] **#2** @\u2060here b\n\n"+
		"Showing 1–2 of 45. Next page: `/todo list open 2`", got)
	require.Empty(t, mentionWords(got))

	last := RenderPage(l, Page{Title: "T", Items: items, From: 44, Total: 45}, renderNow)
	require.NotContains(t, last, "Next page")

	personal := ListName(l, true, "")
	empty := RenderPage(l, Page{
		Title: ListTitle(l, StateDone, personal, false, 0),
		Empty: EmptyMessage(l, StateDone, personal, false),
	}, renderNow)
	require.Equal(t, "#### 0 completed todos in your personal list\nNo completed todos in your personal list yet.", empty)
}

func TestListTitlesAndEmptyMessages(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	require.Equal(t, "1 todo assigned to you", ListTitle(l, StateOpen, "", true, 1))
	require.Equal(t, "2 todos in ~a", ListTitle(l, StateAll, "~a", false, 2))
	require.Equal(t, "Nothing is assigned to you.", EmptyMessage(l, StateAll, "", true))
	require.Equal(t, "There are no todos in ~a yet. Add one with `/todo add <text>`.", EmptyMessage(l, StateAll, "~a", false))
	require.Equal(t, "No open todos in ~a. Add one with `/todo add <text>`.", EmptyMessage(l, StateOpen, "~a", false))
}

func TestPageCommand(t *testing.T) {
	require.Equal(t, "/todo list open 2", PageCommand(false, VerbList, StateOpen, 2))
	require.Equal(t, "/todo my list done 3", PageCommand(true, VerbList, StateDone, 3))
	require.Equal(t, "/todo mine 2", PageCommand(false, VerbMine, "", 2))
	// The hint's command parses back to the page it names.
	req, err := Parse(strings.TrimPrefix(PageCommand(true, VerbList, StateDone, 3), "/todo "), testNow, testZone)
	require.NoError(t, err)
	require.Equal(t, Request{Verb: VerbList, Personal: true, State: StateDone, Page: 3}, req)
}

func TestOverdue(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, testZone)
		require.NoError(t, err)
		return tm
	}
	tests := []struct {
		date, clock, now string
		want             bool
	}{
		{"2026-11-26", "", "2026-11-26 23:59", false},
		{"2026-11-26", "", "2026-11-27 00:00", true},
		{"2026-11-26", "10:00", "2026-11-26 10:00", false},
		{"2026-11-26", "10:00", "2026-11-26 10:01", true},
		{"not a date", "", "2030-01-01 00:00", false},
		{"2026-11-26", "25:00", "2030-01-01 00:00", false},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, Overdue(tt.date, tt.clock, at(tt.now)), "%s %s at %s", tt.date, tt.clock, tt.now)
	}
}

func TestRenderHelp(t *testing.T) {
	tr := loadTestTranslations(t)
	for _, lang := range tr.Languages() {
		l := tr.Localizer(lang)
		help := RenderHelp(l, "todo", "")
		for _, v := range Verbs {
			require.Contains(t, help, l.Localize(i18n.HelpID(string(v)), nil), "%s: %s", lang, v)
			require.Contains(t, help, "`/todo "+helpExampleVerb(v), "%s: help for %s has an example", lang, v)
		}
		require.Contains(t, help, "`@todo add")
		topic := RenderHelp(l, "todo", VerbDue)
		require.Contains(t, topic, "/todo due 3 friday 17:00")
		require.NotContains(t, topic, l.Localize(i18n.HelpID(string(VerbAdd)), nil))
	}
	en := tr.Localizer("en")
	_, err := Parse("dnoe 3", testNow, testZone)
	var ue *UsageError
	require.ErrorAs(t, err, &ue)
	require.Equal(t, "`dnoe` is not a command. Did you mean `done`? To add it as a todo, write `/todo add dnoe …`.\n"+
		"Type `/todo help` to see every command.", RenderShortHelp(en, ue))
}

// helpExampleVerb is how a verb's help line starts its usage.
func helpExampleVerb(v Verb) string {
	if v == VerbReopen {
		return "undo"
	}
	return string(v)
}
