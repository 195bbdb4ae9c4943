package command

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/channel-todo/channel-todo/server/todo"
)

// FuzzParse checks the grammar's promises on any input: no panics, only
// usage errors with known message ids, numbers in range and unique, add text
// kept exactly, due dates that are real dates, and the same answer twice.
// `make test` runs it with -fuzz; plain `go test` runs its seed corpus.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", "my", "add Buy milk", "Buy milk", "done 1 2 #3", "done 2-4,7", "undo 4", "rm 7",
		"edit 3 new *text*\nline", "assign 3 @alice me", "unassign 3", "due 3 tomorrow 5pm",
		"due 3 next friday at 17:00", "due 3 in 2 weeks", "due 3 12-31", "due 3 none",
		"move 3 to top", "move 3 2", "list done 2", "my list all", "mine", "export csv",
		"help due", "check the logs", "lsit", "dnoe 3", "my add", "add", "＃3", "done ＃5，6",
		"due 3 02-29", "done 999999999999", "done 1-1000000", "\x00add\xff", "add \u2060@here",
		"bridge check", "bridge", "my bridge CHECK", "bridge check now", "fridge 3",
		"item 3", "item 3 add Buy milk", "item 3 Buy milk", "items 3 tick 1 2-4", "item 3 untick 2", "item 3 move 2 top",
		"item 3 move 2 1", "item 3 edit 2 new text", "item 3 remove 2", "item 3 tick the box", "done 3 anyway", "done 3 --force",
	} {
		f.Add(seed)
	}
	known := map[string]bool{}
	for _, id := range messageIDs() {
		known[id] = true
	}
	now := time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC)
	zone := time.FixedZone("UTC-5", -5*3600)

	f.Fuzz(func(t *testing.T, text string) {
		req, err := Parse(text, now, zone)
		again, err2 := Parse(text, now, zone)
		if !slices.Equal(req.Numbers, again.Numbers) || req.Verb != again.Verb || req.Text != again.Text || (err == nil) != (err2 == nil) {
			t.Fatalf("Parse(%q) is not deterministic", text)
		}
		if err != nil {
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q) returned a %T, want *UsageError", text, err)
			}
			if !known[ue.ID] {
				t.Fatalf("Parse(%q) used unknown message id %q", text, ue.ID)
			}
		} else {
			checkRequest(t, text, req)
		}

		// Add text round-trips, whatever it looks like.
		if body := strings.TrimSpace(text); body != "" {
			for _, prefix := range []string{"add ", "my add ", "ADD\n"} {
				r, err := Parse(prefix+text, now, zone)
				if err != nil {
					t.Fatalf("Parse(%q): %v", prefix+text, err)
				}
				if r.Verb != VerbAdd || r.Text != body || r.Personal != strings.HasPrefix(prefix, "my") {
					t.Fatalf("Parse(%q) = %+v, want add of %q", prefix+text, r, body)
				}
			}
		}

		// What a mention or trigger word yields is part of the message.
		if cmd, ok := ExtractCommand(text, "todo", []string{"todo:", "!todo"}); ok {
			if !strings.Contains(text, cmd) || cmd != strings.TrimSpace(cmd) {
				t.Fatalf("ExtractCommand(%q) = %q", text, cmd)
			}
		}
	})
}

func checkRequest(t *testing.T, text string, req Request) {
	t.Helper()
	if !slices.Contains(Verbs, req.Verb) {
		t.Fatalf("Parse(%q): unknown verb %q", text, req.Verb)
	}
	if len(req.Numbers) > MaxNumbers {
		t.Fatalf("Parse(%q): %d numbers", text, len(req.Numbers))
	}
	seen := map[int64]bool{}
	for _, n := range req.Numbers {
		if n < 1 || n > MaxNumber || seen[n] {
			t.Fatalf("Parse(%q): bad or repeated number %d in %v", text, n, req.Numbers)
		}
		seen[n] = true
	}
	switch req.Verb {
	case VerbDone, VerbReopen, VerbDelete:
		if len(req.Numbers) == 0 {
			t.Fatalf("Parse(%q): %s without numbers", text, req.Verb)
		}
	case VerbEdit, VerbAssign, VerbUnassign, VerbDue, VerbMove:
		if len(req.Numbers) != 1 {
			t.Fatalf("Parse(%q): %s needs exactly one number, got %v", text, req.Verb, req.Numbers)
		}
	}
	if req.Verb == VerbAdd || req.Verb == VerbEdit {
		if req.Text == "" || req.Text != strings.TrimSpace(req.Text) || !strings.Contains(text, req.Text) {
			t.Fatalf("Parse(%q): text %q is not a trimmed part of the input", text, req.Text)
		}
	}
	if req.Implicit && (req.Verb != VerbAdd || req.Text != strings.TrimSpace(text)) {
		t.Fatalf("Parse(%q): implicit add changed the text to %q", text, req.Text)
	}
	for _, u := range req.Usernames {
		if !isUsername(u) {
			t.Fatalf("Parse(%q): bad username %q", text, u)
		}
	}
	if req.Verb == VerbAssign && len(req.Usernames) == 0 && !req.Self {
		t.Fatalf("Parse(%q): assign to nobody", text)
	}
	if req.Verb == VerbList || req.Verb == VerbMine {
		if req.Page < 1 || req.Page > MaxPage || (req.State != StateOpen && req.State != StateDone && req.State != StateAll) {
			t.Fatalf("Parse(%q): bad list request %+v", text, req)
		}
	}
	if req.Verb == VerbDue {
		d := req.Due
		if d.Clear == (d.Date != "") {
			t.Fatalf("Parse(%q): due must either clear or set a date: %+v", text, d)
		}
		if d.Date != "" {
			if _, err := time.Parse("2006-01-02", d.Date); err != nil {
				t.Fatalf("Parse(%q): due date %q: %v", text, d.Date, err)
			}
		}
		if d.Time != "" {
			if _, err := time.Parse("15:04", d.Time); err != nil {
				t.Fatalf("Parse(%q): due time %q: %v", text, d.Time, err)
			}
		}
	}
	if req.Verb == VerbMove && req.Place.Kind == PlacePosition && req.Place.Position < 1 {
		t.Fatalf("Parse(%q): position %d", text, req.Place.Position)
	}
	if req.Verb == VerbBridge {
		// Only `[my] bridge check` runs the tool check; anything longer is a todo.
		words := strings.Fields(strings.ToLower(text))
		if !slices.Equal(words, []string{"bridge", "check"}) && !slices.Equal(words, []string{"my", "bridge", "check"}) {
			t.Fatalf("Parse(%q): bridge check out of other words", text)
		}
	}
	if req.Verb == VerbExport && req.Format != FormatMarkdown && req.Format != FormatCSV {
		t.Fatalf("Parse(%q): format %q", text, req.Format)
	}
	if !utf8.ValidString(text) {
		return
	}
	for _, w := range []string{req.Text} {
		if !utf8.ValidString(w) {
			t.Fatalf("Parse(%q): invalid UTF-8 out of valid input", text)
		}
	}
}

// FuzzParseAddLine checks the one-line details grammar on any input: no
// panics, the same answer twice, a todo text whenever there was text, text
// that is the start of the line unless an escape or quotes were used, valid
// usernames, priorities and due dates, and a line with no details that is
// all text.
func FuzzParseAddLine(f *testing.F) {
	for _, seed := range []string{
		"Ship the release @ann @bob due friday 17:00 !high", "Buy milk", "@ann", "a !!!", `Thank \@ann`,
		`"Meet @ann" due friday`, "“Call @ann” !high", `"" @ann`, "Ask @ann about it", "x due in 3 days",
		"x due next monday at 5pm @me", "x due 02-29", "Tell @here @ann", "x due due due", "\x00 @\xff",
		"a\n- b @ann", `\due \!x \"`, "x !low !high", "x, @a,", "“x", `"x""`,
	} {
		f.Add(seed)
	}
	now := time.Date(2026, 2, 28, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))
	f.Fuzz(func(t *testing.T, text string) {
		line := ParseAddLine(text, now)
		again := ParseAddLine(text, now)
		if line.Text != again.Text || !slices.Equal(line.Usernames, again.Usernames) || line.Priority != again.Priority ||
			(line.Due == nil) != (again.Due == nil) || line.Self != again.Self {
			t.Fatalf("ParseAddLine(%q) is not deterministic", text)
		}
		body := strings.TrimSpace(text)
		if body != "" && strings.TrimSpace(line.Text) == "" {
			t.Fatalf("ParseAddLine(%q) lost the text", text)
		}
		if body == "" && (line.Text != "" || line.Details()) {
			t.Fatalf("ParseAddLine(%q) made something of nothing: %+v", text, line)
		}
		literal := !strings.ContainsAny(body, `\"“`)
		if literal && !strings.HasPrefix(body, line.Text) {
			t.Fatalf("ParseAddLine(%q): text %q is not the start of the line", text, line.Text)
		}
		if literal && !line.Details() && line.Text != body {
			t.Fatalf("ParseAddLine(%q): no details, but the text is %q", text, line.Text)
		}
		for _, u := range line.Usernames {
			if !isUsername(u) || broadcasts[u] {
				t.Fatalf("ParseAddLine(%q): bad username %q", text, u)
			}
		}
		if line.Priority < todo.PriorityNone || line.Priority > todo.PriorityHigh {
			t.Fatalf("ParseAddLine(%q): priority %d", text, line.Priority)
		}
		if line.Due != nil {
			if _, err := todo.ValidateDue(&todo.Due{Date: line.Due.Date, Time: line.Due.Time}); err != nil || line.Due.Clear {
				t.Fatalf("ParseAddLine(%q): due %+v: %v", text, line.Due, err)
			}
		}
	})
}
