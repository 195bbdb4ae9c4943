package bridge

import (
	"context"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// todoTxt drives todo.txt's `todo.sh` (Debian's `todo-txt`). Its config file
// is sourced as bash, so the bridge writes one per list, quoting the
// directory, and points TODOTXT_CFG_FILE at it. The options go before the
// action: -p plain, -f never prompt, -a keep done items in todo.txt and -N
// keep line numbers on delete, so a number always means the same line.
type todoTxt struct{}

const todoTxtConfig = "todo.cfg"

var todoTxtOptions = []string{"-p", "-f", "-a", "-N"}

func (todoTxt) idPattern() *regexp.Regexp { return digits }

// takesDashText: todo.sh reads options only before the action (getopts stops at the first
// word that is not one), and `add` takes every later word as text. It does not know `--`
// (`add -- x` stores "-- x"), so none is passed.
func (todoTxt) takesDashText() bool { return true }

func (todoTxt) setup(dir string) ([]string, error) {
	cfg := "# Written by Channel Todo for this list; rewritten when it differs.\n" +
		"export TODO_DIR=" + bashQuote(dir) + "\n" +
		"export TODO_FILE=\"$TODO_DIR/todo.txt\"\n" +
		"export DONE_FILE=\"$TODO_DIR/done.txt\"\n" +
		"export REPORT_FILE=\"$TODO_DIR/report.txt\"\n" +
		"export TODO_ACTIONS_DIR=\"$TODO_DIR/actions.d\"\n"
	path := listFile(dir, todoTxtConfig)
	if err := writeIfChanged(path, []byte(cfg)); err != nil {
		return nil, err
	}
	return []string{"TODOTXT_CFG_FILE=" + path}, nil
}

func (todoTxt) do(ctx context.Context, call caller, _ string, verb Verb, arg string) Result {
	action := map[Verb]string{VerbAdd: "add", VerbDone: "do", VerbList: "ls", VerbDelete: "del"}[verb]
	args := append(append([]string{}, todoTxtOptions...), action)
	if verb != VerbList {
		args = append(args, arg)
	}
	res := fromOutcome(call(ctx, args...))
	if verb == VerbList && res.OK {
		res.Items, res.Parsed = parseTodoTxtList(res.Output), true
	}
	return res
}

// todoTxtLine is one `ls` line: a (possibly zero-padded) number and the text.
var todoTxtLine = regexp.MustCompile(`^\s*0*([0-9]+) (.*)$`)

// todoTxtDone is the marker -a leaves on a completed line: "x 2026-11-25 ".
var todoTxtDone = regexp.MustCompile(`^x (?:[0-9]{4}-[0-9]{2}-[0-9]{2} ){0,2}`)

// parseTodoTxtList reads `ls` output: "N text" lines, then "--" and a
// summary. The tool sorts by text; items come back in number order.
func parseTodoTxtList(out string) []Item {
	items := []Item{}
	for _, line := range strings.Split(out, "\n") {
		if line == "--" {
			break
		}
		m := todoTxtLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		text := m[2]
		done := false
		if loc := todoTxtDone.FindStringIndex(text); loc != nil {
			done, text = true, text[loc[1]:]
		}
		items = append(items, Item{ID: m[1], Key: m[1], Text: text, Done: done})
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, _ := strconv.Atoi(items[i].ID)
		b, _ := strconv.Atoi(items[j].ID)
		return a < b
	})
	return items
}

// bashQuote quotes s as one bash word with nothing expanded.
func bashQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
