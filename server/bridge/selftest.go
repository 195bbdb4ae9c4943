package bridge

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
)

// SelfTestStep is one step of SelfTest.
type SelfTestStep struct {
	Name   string        `json:"name"`
	OK     bool          `json:"ok"`
	Detail string        `json:"detail"`
	Result *Result       `json:"result,omitempty"`
	Took   time.Duration `json:"took"`
}

// SelfTestReport is what an admin sees after testing the configured tool.
type SelfTestReport struct {
	OK    bool           `json:"ok"`
	Steps []SelfTestStep `json:"steps"`
}

// String renders the report as Markdown for a post or the System Console.
func (r SelfTestReport) String() string {
	var b strings.Builder
	if r.OK {
		b.WriteString("The todo tool works.\n")
	} else {
		b.WriteString("The todo tool does not work yet.\n")
	}
	for i, s := range r.Steps {
		mark := "ok"
		if !s.OK {
			mark = "FAILED"
		}
		fmt.Fprintf(&b, "%d. %s: %s", i+1, s.Name, mark)
		if s.Detail != "" {
			fmt.Fprintf(&b, " (%s)", s.Detail)
		}
		b.WriteString("\n")
		if s.Result != nil && s.Result.OK && s.Result.Output != "" {
			b.WriteString("   ```\n")
			for _, line := range strings.Split(s.Result.Output, "\n") {
				b.WriteString("   " + strings.ReplaceAll(line, "```", "'''") + "\n")
			}
			b.WriteString("   ```\n")
		}
	}
	return b.String()
}

// selfTestText is what SelfTest adds; it carries characters a shell would
// interpret, to show they reach the tool untouched.
const selfTestText = "Channel Todo self-test $(id) --help"

// SelfTest checks the configuration, then runs add, list and delete in a
// scratch directory under the data root and removes it. It stops at the
// first step that fails; each step says what happened.
func (r *Runner) SelfTest(ctx context.Context) SelfTestReport {
	var rep SelfTestReport
	step := func(name string, ok bool, detail string, res *Result, took time.Duration) bool {
		rep.Steps = append(rep.Steps, SelfTestStep{Name: name, OK: ok, Detail: detail, Result: res, Took: took})
		return ok
	}

	if err := r.cfg.Validate(); err != nil {
		step("check settings", false, err.Error(), nil, 0)
		return rep
	}
	step("check settings", true, fmt.Sprintf("preset %s, %s", r.cfg.Preset, r.cfg.Executable), nil, 0)

	if err := os.MkdirAll(r.cfg.DataRoot, 0o700); err != nil {
		step("create scratch directory", false, err.Error(), nil, 0)
		return rep
	}
	dir, err := os.MkdirTemp(r.cfg.DataRoot, ".selftest-")
	if err != nil {
		step("create scratch directory", false, err.Error(), nil, 0)
		return rep
	}
	defer os.RemoveAll(dir)
	step("create scratch directory", true, "", nil, 0)

	leave, ok := r.life.enter()
	if !ok {
		step("wait for a free slot", false, errStopping.Error(), nil, 0)
		return rep
	}
	defer leave()
	waitCtx, stopWaiting := r.life.bind(ctx)
	release, err := r.locks.acquire(waitCtx, "\x00selftest")
	stopWaiting()
	if err != nil {
		step("wait for a free slot", false, err.Error(), nil, 0)
		return rep
	}
	defer release()

	run := func(verb Verb, arg string) (Result, time.Duration) {
		start := time.Now()
		res := r.runIn(dir, verb, arg)
		return res, time.Since(start)
	}

	added, took := run(VerbAdd, selfTestText)
	if !step("add a todo", added.OK, failureDetail(added), &added, took) {
		return rep
	}

	listed, took := run(VerbList, "")
	if !step("list the todos", listed.OK, listDetail(listed), &listed, took) {
		return rep
	}
	if !strings.Contains(listed.Output, "Channel Todo self-test") {
		step("find the new todo in the list", false, "the list does not show the todo that was just added", nil, 0)
		return rep
	}

	id := selfTestID(r.preset.idPattern(), added, listed)
	if id == "" {
		step("delete the todo", false, "no id for the new todo was found in the tool's output, so delete was not tried", nil, 0)
		return rep
	}
	deleted, took := run(VerbDelete, id)
	if !step("delete the todo", deleted.OK, joinDetail("id "+id, failureDetail(deleted)), &deleted, took) {
		return rep
	}

	after, took := run(VerbList, "")
	gone := after.OK && !strings.Contains(after.Output, "Channel Todo self-test")
	detail := "the todo is gone"
	if after.OK && !gone {
		detail = "the todo is still listed after delete"
	} else if !after.OK {
		detail = after.Reply
	}
	if step("list again", gone, detail, &after, took) {
		rep.OK = true
	}
	return rep
}

// failureDetail is the reply of a failed step; a successful one shows its
// output instead.
func failureDetail(res Result) string {
	if res.OK {
		return ""
	}
	return res.Reply
}

func joinDetail(a, b string) string {
	if b == "" {
		return a
	}
	return a + ": " + b
}

func listDetail(res Result) string {
	if !res.OK {
		return res.Reply
	}
	if res.Parsed {
		return fmt.Sprintf("%d items parsed", len(res.Items))
	}
	return "shown as text (this preset does not parse lists)"
}

var numberInOutput = regexp.MustCompile(`[0-9]+`)

// selfTestID finds the new todo's id: from the parsed list when there is
// one, else the first number in add's output, else the listed line that
// holds the text.
func selfTestID(pattern *regexp.Regexp, added, listed Result) string {
	for _, it := range listed.Items {
		if strings.Contains(it.Text, "Channel Todo self-test") {
			return it.ID
		}
	}
	for _, n := range numberInOutput.FindAllString(added.Output, -1) {
		if pattern.MatchString(n) {
			return n
		}
	}
	for _, line := range strings.Split(listed.Output, "\n") {
		if strings.Contains(line, "Channel Todo self-test") {
			if n := numberInOutput.FindString(line); n != "" && pattern.MatchString(n) {
				return n
			}
		}
	}
	return ""
}
