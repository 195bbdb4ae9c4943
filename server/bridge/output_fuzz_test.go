package bridge

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzToolOutput feeds any bytes to what reads a tool's output: the cleaning every answer goes
// through, the todo.txt list parser and the Taskwarrior export reader. None may panic, and each
// keeps its promise: cleaned text is valid UTF-8 without escape or control characters and stays
// the same when cleaned again; parsed items are numbered, in number order, one line each; the
// bridge's Taskwarrior numbers are unique. `make soak` runs it for minutes; a crasher found
// there lands in testdata/fuzz/FuzzToolOutput and runs in every go test from then on.
func FuzzToolOutput(f *testing.F) {
	for _, seed := range []string{
		"", "1 Buy milk\n2 x 2026-11-25 Call Bob\n--\nTODO: 2 of 2 tasks shown",
		"01 (A) padded\n10 ten\n2 two\n--\n", "\x1b[31mred\x1b[0m\r\nnext\x07",
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\xff\xfe bad utf8 \x00\x7f\u0085",
		`[{"id":1,"uuid":"0f9ae6a8-6b7a-4c4e-9f5f-0c2f2f2f2f2f","description":"milk","status":"pending","entry":"20261125T120000Z"}]`,
		`[{"id":2,"uuid":"0f9ae6a8-6b7a-4c4e-9f5f-0c2f2f2f2f2f","description":"twice","status":"pending"},{"id":3,"uuid":"0f9ae6a8-6b7a-4c4e-9f5f-0c2f2f2f2f2f","description":"twice","status":"pending"}]`,
		`[{"id":"x"}]`, `{}`, `null`, "999999999999999999999 huge\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		clean := cleanOutput(raw)
		if !utf8.ValidString(clean) {
			t.Fatalf("cleanOutput(%q) = %q is not valid UTF-8", raw, clean)
		}
		for _, r := range clean {
			if r == 0x1b || (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("cleanOutput(%q) = %q keeps control character %U", raw, clean, r)
			}
		}
		if again := cleanOutput([]byte(clean)); again != clean {
			t.Fatalf("cleanOutput is not stable: %q, then %q", clean, again)
		}
		if cut, _ := trimForPost(clean, 100, 0); utf8.RuneCountInString(cut) > 200 {
			t.Fatalf("trimForPost left %d runes of %q", utf8.RuneCountInString(cut), clean)
		}

		items := parseTodoTxtList(clean)
		last := -1
		for _, it := range items {
			n, err := strconv.Atoi(it.ID)
			if err != nil && len(it.ID) < 19 {
				t.Fatalf("todo.txt item id %q is not a number (from %q)", it.ID, clean)
			}
			if err == nil && n < last {
				t.Fatalf("todo.txt items out of number order: %v", items)
			}
			if err == nil {
				last = n
			}
			if strings.Contains(it.Text, "\n") || it.Key != it.ID {
				t.Fatalf("todo.txt item %+v spans lines or has a foreign key", it)
			}
		}

		var tasks []exportedTask
		if json.Unmarshal(raw, &tasks) != nil {
			return
		}
		numbers := &taskNumbers{Next: 1, Numbers: map[string]int{}}
		numbers.sync(tasks)
		seen := map[int]bool{}
		for _, n := range numbers.Numbers {
			if seen[n] || n < 1 || n >= numbers.Next {
				t.Fatalf("task numbers %v are not unique and below next %d", numbers.Numbers, numbers.Next)
			}
			seen[n] = true
		}
		if numbers.sync(tasks) {
			t.Fatalf("syncing the same export twice changed the numbers again: %v", numbers.Numbers)
		}
		listed := numbers.items(tasks)
		for i := 1; i < len(listed); i++ {
			a, _ := strconv.Atoi(listed[i-1].ID)
			b, _ := strconv.Atoi(listed[i].ID)
			if a > b {
				t.Fatalf("task items out of number order: %v", listed)
			}
		}
		_ = renderTaskList(listed)
	})
}
