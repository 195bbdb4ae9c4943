package command

import (
	"errors"
	"testing"
	"time"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

// testNow is Wednesday 2026-11-25 20:00 UTC, which is already Thursday
// 2026-11-26 04:00 in testZone: relative dates must follow the user's zone.
var (
	testZone = time.FixedZone("UTC+8", 8*3600)
	testNow  = time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Request
	}{
		{"empty is a bare list", "", Request{Verb: VerbList, State: StateOpen, Page: 1, Bare: true}},
		{"blank is a bare list", " \n\t ", Request{Verb: VerbList, State: StateOpen, Page: 1, Bare: true}},
		{"bare my is the personal list", "my", Request{Verb: VerbList, State: StateOpen, Page: 1, Bare: true, Personal: true}},
		{"MY in capitals", "  MY ", Request{Verb: VerbList, State: StateOpen, Page: 1, Bare: true, Personal: true}},

		{"add", "add Buy milk", Request{Verb: VerbAdd, Text: "Buy milk"}},
		{"add keeps markdown and newlines", "add  **Fix** `x := 1`\n- step one\n- step two  \n",
			Request{Verb: VerbAdd, Text: "**Fix** `x := 1`\n- step one\n- step two"}},
		{"add on its own line", "add\nline one\nline two", Request{Verb: VerbAdd, Text: "line one\nline two"}},
		{"ADD in capitals", "ADD Call Bob", Request{Verb: VerbAdd, Text: "Call Bob"}},
		{"add text that starts with a verb", "add done 3", Request{Verb: VerbAdd, Text: "done 3"}},
		{"add alias new", "new Ship it", Request{Verb: VerbAdd, Text: "Ship it"}},
		{"plain text is an add", "Buy milk", Request{Verb: VerbAdd, Implicit: true, Text: "Buy milk"}},
		{"plain text keeps everything", "  Review @alice's PR #12\n\n> quoted ", Request{Verb: VerbAdd, Implicit: true, Text: "Review @alice's PR #12\n\n> quoted"}},
		{"number first is text", "3 apples", Request{Verb: VerbAdd, Implicit: true, Text: "3 apples"}},
		{"imperative todo starting with an alias", "check the logs", Request{Verb: VerbAdd, Implicit: true, Text: "check the logs"}},
		{"imperative todo starting with a verb", "delete old branches", Request{Verb: VerbAdd, Implicit: true, Text: "delete old branches"}},
		{"list followed by words is a todo", "list of groceries", Request{Verb: VerbAdd, Implicit: true, Text: "list of groceries"}},
		{"help followed by words is a todo", "help Alice move", Request{Verb: VerbAdd, Implicit: true, Text: "help Alice move"}},
		{"export followed by words is a todo", "export the report to finance", Request{Verb: VerbAdd, Implicit: true, Text: "export the report to finance"}},
		{"my before text is text", "my slides need review", Request{Verb: VerbAdd, Implicit: true, Text: "my slides need review"}},
		{"my before a verb that does not fit is text", "my check the logs", Request{Verb: VerbAdd, Implicit: true, Text: "my check the logs"}},
		{"my add", "my add Call the dentist", Request{Verb: VerbAdd, Personal: true, Text: "Call the dentist"}},
		{"My List Done", "My List Done", Request{Verb: VerbList, Personal: true, State: StateDone, Page: 1}},

		{"list", "list", Request{Verb: VerbList, State: StateOpen, Page: 1}},
		{"ls done", "ls done", Request{Verb: VerbList, State: StateDone, Page: 1}},
		{"list all page 2", "LIST ALL 2", Request{Verb: VerbList, State: StateAll, Page: 2}},
		{"list page then state", "list #3 closed", Request{Verb: VerbList, State: StateDone, Page: 3}},
		{"mine", "mine", Request{Verb: VerbMine, State: StateOpen, Page: 1}},
		{"mine all", "mine all", Request{Verb: VerbMine, State: StateAll, Page: 1}},

		{"done one", "done 3", Request{Verb: VerbDone, Numbers: []int64{3}}},
		{"done several", "done 1 2 #3", Request{Verb: VerbDone, Numbers: []int64{1, 2, 3}}},
		{"done commas", "check 1,2, #4", Request{Verb: VerbDone, Numbers: []int64{1, 2, 4}}},
		{"done full-width", "finish ＃5，6、7", Request{Verb: VerbDone, Numbers: []int64{5, 6, 7}}},
		{"done range", "done 2-4 #9", Request{Verb: VerbDone, Numbers: []int64{2, 3, 4, 9}}},
		{"done hash range", "done #2-#3", Request{Verb: VerbDone, Numbers: []int64{2, 3}}},
		{"done duplicates", "done 3 #3 2-4", Request{Verb: VerbDone, Numbers: []int64{3, 2, 4}}},
		{"Done capital", "Done #12", Request{Verb: VerbDone, Numbers: []int64{12}}},
		{"undo", "undo 4", Request{Verb: VerbReopen, Numbers: []int64{4}}},
		{"reopen several", "reopen 4 5", Request{Verb: VerbReopen, Numbers: []int64{4, 5}}},
		{"rm", "rm 7", Request{Verb: VerbDelete, Numbers: []int64{7}}},
		{"del", "DEL #1 #2", Request{Verb: VerbDelete, Numbers: []int64{1, 2}}},
		{"remove", "remove 3", Request{Verb: VerbDelete, Numbers: []int64{3}}},
		{"my done", "my done 2", Request{Verb: VerbDone, Personal: true, Numbers: []int64{2}}},

		{"edit", "edit 3 Buy oat milk", Request{Verb: VerbEdit, Numbers: []int64{3}, Text: "Buy oat milk"}},
		{"edit keeps text exactly", "edit #3   *new*\ntext", Request{Verb: VerbEdit, Numbers: []int64{3}, Text: "*new*\ntext"}},
		{"edit text that looks like numbers", "rename 3 4 5", Request{Verb: VerbEdit, Numbers: []int64{3}, Text: "4 5"}},

		{"assign", "assign 3 @alice @Bob", Request{Verb: VerbAssign, Numbers: []int64{3}, Usernames: []string{"alice", "bob"}}},
		{"assign me and a bare name", "assign #3 me carol.d", Request{Verb: VerbAssign, Numbers: []int64{3}, Self: true, Usernames: []string{"carol.d"}}},
		{"assign with commas and duplicates", "assign 3 @alice,@alice, @bob", Request{Verb: VerbAssign, Numbers: []int64{3}, Usernames: []string{"alice", "bob"}}},
		{"unassign all", "unassign 3", Request{Verb: VerbUnassign, Numbers: []int64{3}}},
		{"unassign one", "unassign 3 @alice", Request{Verb: VerbUnassign, Numbers: []int64{3}, Usernames: []string{"alice"}}},

		{"due today (user's zone)", "due 3 today", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-26"}}},
		{"due tomorrow at a time", "due 3 tomorrow 17:00", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-27", Time: "17:00"}}},
		{"due tomorrow at 5pm", "due 3 Tomorrow at 5pm", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-27", Time: "17:00"}}},
		{"due weekday", "due 3 friday", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-27"}}},
		{"due same weekday is next week", "due 3 thu", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-12-03"}}},
		{"due next weekday", "due 3 next friday 9:30am", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-12-04", Time: "09:30"}}},
		{"due in days", "due 3 in 10 days", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-12-06"}}},
		{"due in weeks", "due 3 in 2 weeks", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-12-10"}}},
		{"due iso date", "due 3 2027-01-31 08:05", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2027-01-31", Time: "08:05"}}},
		{"due month-day ahead", "due 3 12-24", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-12-24"}}},
		{"due month-day passed rolls over", "due 3 01-15", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2027-01-15"}}},
		{"due time alone is today", "due 3 18:30", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-26", Time: "18:30"}}},
		{"due noon", "due 3 today noon", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-26", Time: "12:00"}}},
		{"due 12am is midnight", "due 3 today 12am", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-26", Time: "00:00"}}},
		{"due time first", "due 3 5pm tomorrow", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-27", Time: "17:00"}}},
		{"due at time first", "due 3 at 9:00 fri", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2026-11-27", Time: "09:00"}}},
		{"due slashed date", "due 3 2027/02/01", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Date: "2027-02-01"}}},
		{"due none", "due 3 none", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Clear: true}}},
		{"due clear", "due #3 CLEAR", Request{Verb: VerbDue, Numbers: []int64{3}, Due: Due{Clear: true}}},

		{"move top", "move 3 top", Request{Verb: VerbMove, Numbers: []int64{3}, Place: Place{Kind: PlaceTop}}},
		{"move to bottom", "mv #3 to bottom", Request{Verb: VerbMove, Numbers: []int64{3}, Place: Place{Kind: PlaceBottom}}},
		{"move to position", "move 3 2", Request{Verb: VerbMove, Numbers: []int64{3}, Place: Place{Kind: PlacePosition, Position: 2}}},

		{"export", "export", Request{Verb: VerbExport, Format: FormatMarkdown}},
		{"export csv", "export CSV", Request{Verb: VerbExport, Format: FormatCSV}},
		{"my export markdown", "my export markdown", Request{Verb: VerbExport, Format: FormatMarkdown, Personal: true}},

		{"help", "help", Request{Verb: VerbHelp}},
		{"help topic", "help rm", Request{Verb: VerbHelp, Topic: VerbDelete}},
		{"question mark", "?", Request{Verb: VerbHelp}},
		{"help about the bridge", "help bridge", Request{Verb: VerbHelp, Topic: VerbBridge}},

		{"bridge check", "bridge check", Request{Verb: VerbBridge}},
		{"bridge check in capitals", "  Bridge CHECK\n", Request{Verb: VerbBridge}},
		{"my before bridge check changes nothing that matters", "my bridge check", Request{Verb: VerbBridge, Personal: true}},
		{"bridge followed by words is a todo", "bridge the gap", Request{Verb: VerbAdd, Implicit: true, Text: "bridge the gap"}},
		{"bridge check followed by words is a todo", "bridge check the cables", Request{Verb: VerbAdd, Implicit: true, Text: "bridge check the cables"}},
		{"bridge followed by a separator is a todo", "Bridge ,", Request{Verb: VerbAdd, Implicit: true, Text: "Bridge ,"}},
		{"bridge with a number is a todo", "bridge 3", Request{Verb: VerbAdd, Implicit: true, Text: "bridge 3"}},
		{"add bridge check", "add bridge check", Request{Verb: VerbAdd, Text: "bridge check"}},
		{"a word one slip from bridge is a todo", "fridge", Request{Verb: VerbAdd, Implicit: true, Text: "fridge"}},
		{"a slip of bridge before check is a todo", "bridgee check", Request{Verb: VerbAdd, Implicit: true, Text: "bridgee check"}},

		{"add with details", "add Ship it @ann due tomorrow !high", Request{Verb: VerbAdd, Text: "Ship it @ann due tomorrow !high",
			Line: AddLine{Text: "Ship it", Usernames: []string{"ann"}, Due: &Due{Date: "2026-11-27"}, Priority: todo.PriorityHigh}}},
		{"plain text with details", "Ship it @ann !!", Request{Verb: VerbAdd, Implicit: true, Text: "Ship it @ann !!",
			Line: AddLine{Text: "Ship it", Usernames: []string{"ann"}, Priority: todo.PriorityMedium}}},
		{"my add with details", "my add Call mum due 9am", Request{Verb: VerbAdd, Personal: true, Text: "Call mum due 9am",
			Line: AddLine{Text: "Call mum", Due: &Due{Date: "2026-11-26", Time: "09:00"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in, testNow, testZone)
			require.NoError(t, err)
			if tt.want.Verb == VerbAdd && tt.want.Line.Text == "" {
				// Text without details is all text.
				tt.want.Line = AddLine{Text: tt.want.Text}
			}
			require.Equal(t, tt.want, got)
		})
	}
}

func TestParseUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		id   string
		data map[string]any
	}{
		{"add without text", "add", i18n.MsgUsageAdd, nil},
		{"add with only blanks", "add   \n ", i18n.MsgUsageAdd, nil},
		{"done without numbers", "done", i18n.MsgUsageNumbers, map[string]any{"Verb": "done", "Word": "done"}},
		{"rm without numbers keeps the typed word", "rm", i18n.MsgUsageNumbers, map[string]any{"Verb": "delete", "Word": "rm"}},
		{"done with a word after a number", "done 3 x", i18n.MsgUsageNotANumber, map[string]any{"Arg": "x"}},
		{"done zero", "done 1 0", i18n.MsgUsageNotANumber, map[string]any{"Arg": "0"}},
		{"done huge", "done 1 99999999999", i18n.MsgUsageNotANumber, map[string]any{"Arg": "99999999999"}},
		{"done backwards range", "done 1 5-2", i18n.MsgUsageNotANumber, map[string]any{"Arg": "5-2"}},
		{"done too many", "done 1-1000", i18n.MsgUsageTooMany, map[string]any{"Max": MaxNumbers}},
		{"edit without text", "edit 3", i18n.MsgUsageEdit, nil},
		{"edit without anything", "edit", i18n.MsgUsageEdit, nil},
		{"assign without users", "assign 3", i18n.MsgUsageAssign, nil},
		{"assign a bad name", "assign 3 @al!ce", i18n.MsgUsageBadUser, map[string]any{"Arg": "@al!ce"}},
		{"due without date", "due 3", i18n.MsgUsageDue, nil},
		{"due garbage", "due 3 someday soon", i18n.MsgUsageBadDate, map[string]any{"Arg": "someday soon"}},
		{"due impossible date", "due 3 2026-02-30", i18n.MsgUsageBadDate, nil},
		{"due bad time", "due 3 today 25:00", i18n.MsgUsageBadDate, nil},
		{"due next without weekday", "due 3 next week", i18n.MsgUsageBadDate, nil},
		{"due two times", "due 3 5pm 6pm", i18n.MsgUsageBadDate, nil},
		{"due at without time", "due 3 at friday", i18n.MsgUsageBadDate, nil},
		{"move without place", "move 3", i18n.MsgUsageMove, nil},
		{"move to nowhere", "move 3 sideways", i18n.MsgUsageMove, nil},
		{"list with junk after the state", "list done please", i18n.MsgUsageList, map[string]any{"Arg": "please"}},
		{"export bad format", "export csv pdf", i18n.MsgUsageExport, nil},
		{"typo of a verb before numbers", "dnoe 3", i18n.MsgUsageUnknownVerb, map[string]any{"Word": "dnoe", "Suggestion": "done"}},
		{"typo of list alone", "lsit", i18n.MsgUsageUnknownVerb, map[string]any{"Suggestion": "list"}},
		{"bridge alone", "bridge", i18n.MsgUsageBridge, map[string]any{"Verb": "bridge", "Word": "bridge"}},
		{"bridge alone in capitals keeps the typed word", " BRIDGE ", i18n.MsgUsageBridge, map[string]any{"Word": "BRIDGE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in, testNow, testZone)
			require.Error(t, err)
			var ue *UsageError
			require.ErrorAs(t, err, &ue)
			require.Equal(t, tt.id, ue.ID, ue.Error())
			for k, v := range tt.data {
				require.Equal(t, v, ue.Data[k], "data %s", k)
			}
		})
	}
}

func TestParseEmptyAddKeepsScope(t *testing.T) {
	for _, in := range []string{"add", "my add", " My ADD  "} {
		req, err := Parse(in, testNow, testZone)
		require.ErrorIs(t, err, ErrEmptyAdd, in)
		require.Equal(t, VerbAdd, req.Verb, in)
		require.Equal(t, in != "add", req.Personal, in)
	}
	_, err := Parse("done", testNow, testZone)
	require.False(t, errors.Is(err, ErrEmptyAdd))
}

func TestParseNilLocationIsUTC(t *testing.T) {
	req, err := Parse("due 1 today", testNow, nil)
	require.NoError(t, err)
	require.Equal(t, "2026-11-25", req.Due.Date)
}

func TestEverySpellingParses(t *testing.T) {
	seen := map[Verb]bool{}
	for verb, words := range Spellings {
		require.Equal(t, string(verb), words[0], "the verb itself comes first")
		for _, w := range words {
			v, ok := LookupVerb(w)
			require.True(t, ok, w)
			require.Equal(t, verb, v, w)
		}
		seen[verb] = true
	}
	require.Len(t, seen, len(Verbs), "every verb has spellings")
}

func TestOneEditApart(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"done", "dnoe", true}, {"done", "don", true}, {"done", "dones", true},
		{"done", "dome", true}, {"done", "done", false}, {"done", "node", false},
		{"list", "lsit", true}, {"list", "lits", true}, {"list", "xyz", false},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, oneEditApart(tt.a, tt.b), "%s/%s", tt.a, tt.b)
		require.Equal(t, tt.want, oneEditApart(tt.b, tt.a), "%s/%s", tt.b, tt.a)
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"17:00", "17:00", true}, {"9:05", "09:05", true}, {"0:00", "00:00", true},
		{"5pm", "17:00", true}, {"12pm", "12:00", true}, {"12am", "00:00", true},
		{"11:59pm", "23:59", true}, {"noon", "12:00", true}, {"midnight", "00:00", true},
		{"24:00", "", false}, {"13pm", "", false}, {"0am", "", false}, {"9:5", "", false},
		{"17", "", false}, {"-1:00", "", false}, {"1:60", "", false}, {"+9:00", "", false},
	}
	for _, tt := range tests {
		got, ok := parseClock(tt.in)
		require.Equal(t, tt.ok, ok, tt.in)
		require.Equal(t, tt.want, got, tt.in)
	}
}
