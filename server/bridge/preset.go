package bridge

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// caller runs the configured tool once with args, in the list's directory.
type caller func(ctx context.Context, args ...string) outcome

// preset knows how one tool is driven: which ids it accepts, how its data
// directory is configured, and how each verb maps to runs of the tool and
// back to a Result.
type preset interface {
	idPattern() *regexp.Regexp
	// takesDashText reports whether todo text starting with '-' reaches the tool as text:
	// the tool stops reading options before it (at the action, or at `--`). Otherwise such
	// text is refused, since the tool would read it as an option.
	takesDashText() bool
	// setup prepares dir (config files) and returns the preset's variables.
	setup(dir string) (env []string, err error)
	do(ctx context.Context, call caller, dir string, verb Verb, arg string) Result
}

func newPreset(cfg Config) (preset, error) {
	switch cfg.Preset {
	case PresetTodo:
		return plainTodo{}, nil
	case PresetTodoTxt:
		return todoTxt{}, nil
	case PresetTaskwarrior:
		return taskwarrior{}, nil
	case PresetCustom:
		return parseCustom(cfg.Custom)
	}
	return nil, fmt.Errorf("unknown preset %q", cfg.Preset)
}

// fromOutcome turns one run into a Result: stdout on success, the tool's
// message on failure.
func fromOutcome(o outcome) Result {
	res := Result{OK: o.ok(), Kind: o.kind, ExitCode: o.exitCode, Err: o.err, Timeout: o.timeout}
	if res.OK {
		// What the tool printed is its answer; stderr counts when stdout is empty.
		res.Output, res.dropped = o.stdout, o.dropped
		if res.Output == "" && res.dropped == 0 {
			res.Output = o.stderr
		}
		return res
	}
	if res.Kind == KindNone {
		res.Kind = KindToolFailed
	}
	switch res.Kind {
	case KindToolFailed:
		res.Output = o.message()
	default:
		res.Output = o.err.Error()
	}
	return res
}

// finish trims the output to fit a post and writes the reply.
func finish(res Result, limit int) Result {
	if res.OK {
		res.Kind = KindNone
	}
	res.Output, res.Truncated = trimForPost(res.Output, limit, res.dropped)
	switch {
	case res.OK && res.Output == "":
		res.Reply = fmt.Sprintf("`%s` done.", res.Verb)
	case res.OK:
		res.Reply = res.Output
	default:
		res.Reply = fmt.Sprintf("Error running `%s`: %s", res.Verb, res.Output)
	}
	return res
}

// writeIfChanged writes a small private file unless it already holds data. The new content
// goes to a temporary file of its own (never a fixed name another writer could be using, on
// this server or another that shares the directory) and is renamed into place, so readers see
// the old file or the new one, never half of one.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp") // mode 0600
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// plainTodo is the webhook setup's `todo add|done|list|delete <args>` tool.
// It keeps its data wherever it likes under HOME, which is the list's
// directory; CHANNEL_TODO_DIR says the same for tools that prefer a variable.
type plainTodo struct{}

var plainTodoID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$`)

func (plainTodo) idPattern() *regexp.Regexp { return plainTodoID }

// takesDashText is false: nothing says the webhook setup's tool knows `--`.
func (plainTodo) takesDashText() bool { return false }

func (plainTodo) setup(dir string) ([]string, error) {
	return []string{"CHANNEL_TODO_DIR=" + dir}, nil
}

func (plainTodo) do(ctx context.Context, call caller, _ string, verb Verb, arg string) Result {
	if verb == VerbList {
		return fromOutcome(call(ctx, string(verb)))
	}
	return fromOutcome(call(ctx, string(verb), arg))
}

// custom runs an admin-written argv template per verb.
type custom struct {
	templates map[Verb][]string
	ids       *regexp.Regexp
	// endsOptions is set when the add template has {--} before {text}.
	endsOptions bool
}

const (
	textSlot = "{text}"
	idSlot   = "{id}"
	// endSlot becomes `--`. Writing it instead of a literal `--` is the admin's word that the
	// tool stops reading options there, so text starting with '-' may follow.
	endSlot = "{--}"
)

// parseCustom checks the templates: add needs {text}, done and delete need
// {id} (or may be left empty when the tool lacks them), list takes neither,
// and each placeholder is a whole argument of its own.
func parseCustom(t CustomTemplates) (*custom, error) {
	c := &custom{templates: map[Verb][]string{}, ids: digits}
	if t.IDPattern != "" {
		re, err := regexp.Compile(`^(?:` + t.IDPattern + `)$`)
		if err != nil {
			return nil, fmt.Errorf("Custom id pattern %q is not a valid regular expression: %v.", t.IDPattern, err)
		}
		c.ids = re
	}
	for _, v := range []struct {
		verb     Verb
		template string
		slot     string
		optional bool
	}{
		{VerbAdd, t.Add, textSlot, false},
		{VerbDone, t.Done, idSlot, true},
		{VerbList, t.List, "", false},
		{VerbDelete, t.Delete, idSlot, true},
	} {
		if strings.TrimSpace(v.template) == "" {
			if !v.optional {
				return nil, fmt.Errorf("Custom %s arguments are empty: enter the arguments that %s, such as %q.", v.verb, describeVerb(v.verb), exampleTemplate(v.verb))
			}
			continue
		}
		args, err := SplitTemplate(v.template)
		if err != nil {
			return nil, fmt.Errorf("Custom %s arguments: %v.", v.verb, err)
		}
		slots := 0
		for _, a := range args {
			if a == endSlot {
				if slots > 0 {
					return nil, fmt.Errorf("Custom %s arguments: %s must come before %s.", v.verb, endSlot, v.slot)
				}
				if v.verb == VerbAdd {
					c.endsOptions = true
				}
				continue
			}
			for _, s := range []string{textSlot, idSlot, endSlot} {
				if strings.Contains(a, s) && a != s {
					return nil, fmt.Errorf("Custom %s arguments: %s must be an argument of its own, not part of %q.", v.verb, s, a)
				}
			}
			if a == textSlot || a == idSlot {
				if a != v.slot {
					return nil, fmt.Errorf("Custom %s arguments cannot use %s.", v.verb, a)
				}
				slots++
			}
		}
		if v.slot != "" && slots != 1 {
			return nil, fmt.Errorf("Custom %s arguments must contain %s exactly once.", v.verb, v.slot)
		}
		c.templates[v.verb] = args
	}
	return c, nil
}

func describeVerb(v Verb) string {
	switch v {
	case VerbAdd:
		return "add a todo"
	case VerbList:
		return "list the todos"
	}
	return string(v) + " a todo"
}

func exampleTemplate(v Verb) string {
	switch v {
	case VerbAdd:
		return "add {text}"
	case VerbList:
		return "list"
	}
	return string(v) + " {id}"
}

func (c *custom) idPattern() *regexp.Regexp { return c.ids }
func (c *custom) takesDashText() bool       { return c.endsOptions }

func (c *custom) setup(dir string) ([]string, error) {
	return []string{"CHANNEL_TODO_DIR=" + dir}, nil
}

func (c *custom) do(ctx context.Context, call caller, _ string, verb Verb, arg string) Result {
	tmpl, ok := c.templates[verb]
	if !ok {
		err := fmt.Errorf("this tool has no %s command set up", verb)
		return Result{Kind: KindInvalidInput, Output: err.Error(), Err: err, ExitCode: -1}
	}
	args := make([]string, len(tmpl))
	for i, a := range tmpl {
		switch a {
		case textSlot, idSlot:
			a = arg
		case endSlot:
			a = "--"
		}
		args[i] = a
	}
	return fromOutcome(call(ctx, args...))
}

// SplitTemplate splits an argument template at spaces. Single or double
// quotes keep spaces inside one argument; there are no escapes, variables
// or globs: what is written is what the tool gets.
func SplitTemplate(s string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inArg := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inArg = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteRune(r)
			inArg = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("a %c quote is not closed", quote)
	}
	if inArg {
		args = append(args, cur.String())
	}
	return args, nil
}

// listFile joins a file name onto a list directory.
func listFile(dir, name string) string { return filepath.Join(dir, name) }
