package command

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestParseAddLine(t *testing.T) {
	fri := &Due{Date: "2026-11-27", Time: "17:00"} // testNow is Thursday in testZone
	tests := []struct {
		name string
		in   string
		want AddLine
	}{
		{"plain text", "Buy milk", AddLine{Text: "Buy milk"}},
		{"everything", "Ship the release @ann @bob due friday 17:00 !high",
			AddLine{Text: "Ship the release", Usernames: []string{"ann", "bob"}, Due: fri, Priority: todo.PriorityHigh}},
		{"details in any order", "Ship the release !high due friday 17:00 @Ann @bob",
			AddLine{Text: "Ship the release", Usernames: []string{"ann", "bob"}, Due: fri, Priority: todo.PriorityHigh}},
		{"bangs", "Ship it !!", AddLine{Text: "Ship it", Priority: todo.PriorityMedium}},
		{"short priorities", "a !med", AddLine{Text: "a", Priority: todo.PriorityMedium}},
		{"me", "Call the bank @me due tomorrow", AddLine{Text: "Call the bank", Self: true, Due: &Due{Date: "2026-11-27"}}},
		{"a comma between names", "Plan @ann, @bob", AddLine{Text: "Plan", Usernames: []string{"ann", "bob"}}},
		{"repeated names once", "Plan @ann @ann", AddLine{Text: "Plan", Usernames: []string{"ann"}}},
		{"due with time first", "Call due 5pm tomorrow", AddLine{Text: "Call", Due: &Due{Date: "2026-11-27", Time: "17:00"}}},
		{"due date only", "Pay rent due 12-01", AddLine{Text: "Pay rent", Due: &Due{Date: "2026-12-01"}}},
		{"due in days", "Renew due in 3 days", AddLine{Text: "Renew", Due: &Due{Date: "2026-11-29"}}},

		{"a mention inside the text stays", "Ask @ann about the budget", AddLine{Text: "Ask @ann about the budget"}},
		{"only the last words are details", "Ask @ann about it @bob", AddLine{Text: "Ask @ann about it", Usernames: []string{"bob"}}},
		{"the first word is always text", "@ann", AddLine{Text: "@ann"}},
		{"the first word is text even with details", "!high !low", AddLine{Text: "!high", Priority: todo.PriorityLow}},
		{"due that is no date is text", "Review the due diligence", AddLine{Text: "Review the due diligence"}},
		{"due none is text on an add", "Pay due none", AddLine{Text: "Pay due none"}},
		{"a second priority ends the details", "Fix !low !high", AddLine{Text: "Fix !low", Priority: todo.PriorityHigh}},
		{"a second due ends the details", "Fix due today due tomorrow", AddLine{Text: "Fix due today", Due: &Due{Date: "2026-11-27"}}},
		{"broadcast mentions are text", "Tell @channel", AddLine{Text: "Tell @channel"}},
		{"broadcasts end the details", "Tell @here @ann", AddLine{Text: "Tell @here", Usernames: []string{"ann"}}},
		{"not a username", "Mail @ann's team", AddLine{Text: "Mail @ann's team"}},
		{"not a priority", "Wow !important", AddLine{Text: "Wow !important"}},
		{"multi-line text keeps its lines", "Release\n- notes\n- tag @ann !high",
			AddLine{Text: "Release\n- notes\n- tag", Usernames: []string{"ann"}, Priority: todo.PriorityHigh}},
		{"markdown kept", "**Fix** `x := 1` !high", AddLine{Text: "**Fix** `x := 1`", Priority: todo.PriorityHigh}},

		{"backslash keeps a mention", `Thank \@ann`, AddLine{Text: "Thank @ann"}},
		{"backslash keeps a priority", `Say \!high`, AddLine{Text: "Say !high"}},
		{"backslash keeps due", `Invoice \due tomorrow`, AddLine{Text: "Invoice due tomorrow"}},
		{"backslash before other words stays", `Escape \*stars\* @ann`, AddLine{Text: `Escape \*stars\*`, Usernames: []string{"ann"}}},
		{"escaped word ends the details", `Ping \@bob @ann`, AddLine{Text: "Ping @bob", Usernames: []string{"ann"}}},
		{"quotes keep everything", `"Meet @ann due friday !high"`, AddLine{Text: "Meet @ann due friday !high"}},
		{"quotes then details", `"Meet @ann" due friday 17:00 @bob`, AddLine{Text: "Meet @ann", Usernames: []string{"bob"}, Due: fri}},
		{"curly quotes", "“Call @ann” !high", AddLine{Text: "Call @ann", Priority: todo.PriorityHigh}},
		{"quotes followed by text stay", `"Hello" is a word @ann`, AddLine{Text: `"Hello" is a word`, Usernames: []string{"ann"}}},
		{"an unclosed quote is text", `"Hello @ann`, AddLine{Text: `"Hello`, Usernames: []string{"ann"}}},
		{"empty quotes are text", `"" @ann`, AddLine{Text: `""`, Usernames: []string{"ann"}}},
		{"every weekday", "Water the plants every monday", AddLine{Text: "Water the plants", Recur: "monday"}},
		{"every with other details", "Report every fri @ann !high", AddLine{Text: "Report", Usernames: []string{"ann"}, Priority: todo.PriorityHigh, Recur: "friday"}},
		{"every month with a due date", "Pay rent due 12-01 every month", AddLine{Text: "Pay rent", Due: &Due{Date: "2026-12-01"}, Recur: "month"}},
		{"every that is no rule is text", "Stretch every hour", AddLine{Text: "Stretch every hour"}},
		{"backslash keeps every", `Check \every day`, AddLine{Text: "Check every day"}},
		{"blank", "  ", AddLine{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseAddLine(tt.in, testNow.In(testZone))
			require.Equal(t, tt.want, got)
		})
	}
}
