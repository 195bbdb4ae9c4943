//go:build unix

package bridge

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// hostileTexts must reach the tool as one literal argument each.
var hostileTexts = []string{
	"--help",
	"-f",
	"rc.data.location=/tmp",
	"$(id)",
	"; rm -rf ~",
	"`id` && echo pwned | cat > /tmp/x",
	"first line\nsecond line",
	"{id} {text}",
	"it's \"quoted\"",
}

// plainHostileTexts are the hostile texts that do not start with '-', which the presets that
// cannot end options refuse (TestOptionLikeTextNeverReachesTheToolAsAnOption).
func plainHostileTexts() []string {
	var texts []string
	for _, text := range hostileTexts {
		if !strings.HasPrefix(text, "-") {
			texts = append(texts, text)
		}
	}
	return append(texts, "call mum -f --help")
}

func TestTodoPresetPassesTextLiterally(t *testing.T) {
	r := newFakeRunner(t, nil)
	list := ChannelList("hostile")
	dir, err := r.listDir(list)
	require.NoError(t, err)
	for _, text := range plainHostileTexts() {
		t.Run(text, func(t *testing.T) {
			res := r.Add(context.Background(), list, text)
			require.True(t, res.OK, res.Reply)
			require.Equal(t, "`add` done.", res.Reply)
			require.Equal(t, []string{"add", text}, lastArgv(t, dir))
		})
	}
}

func TestTodoPresetVerbs(t *testing.T) {
	r := newFakeRunner(t, nil)
	list := ChannelList("verbs")
	ctx := context.Background()
	dir, err := r.listDir(list)
	require.NoError(t, err)

	require.Equal(t, "`add` done.", r.Add(ctx, list, "  buy milk  ").Reply)
	require.Equal(t, []string{"add", "buy milk"}, lastArgv(t, dir))
	require.Equal(t, "`add` done.", r.Add(ctx, list, "call mum").Reply)

	listed := r.List(ctx, list)
	require.True(t, listed.OK)
	require.False(t, listed.Parsed)
	require.Empty(t, listed.Items)
	require.Equal(t, "1 buy milk\n2 call mum", listed.Reply)
	require.Equal(t, []string{"list"}, lastArgv(t, dir))

	done := r.Done(ctx, list, "#2")
	require.Equal(t, "done 2 ok", done.Reply)
	require.Equal(t, []string{"done", "2"}, lastArgv(t, dir))

	failed := r.Done(ctx, list, "99")
	require.Equal(t, KindToolFailed, failed.Kind)
	require.Equal(t, 1, failed.ExitCode)
	require.Equal(t, "Error running `done`: no todo 99", failed.Reply)

	deleted := r.Delete(ctx, list, "1")
	require.Equal(t, "`delete` done.", deleted.Reply)
	require.Equal(t, "1 call mum", r.List(ctx, list).Reply)
}

func TestInvalidInputNeverRunsTheTool(t *testing.T) {
	r := newFakeRunner(t, nil)
	list := ChannelList("ids")
	dir, err := r.listDir(list)
	require.NoError(t, err)
	tests := []struct {
		name string
		verb Verb
		arg  string
	}{
		{"option as id", VerbDone, "-f"},
		{"long option as id", VerbDelete, "--help"},
		{"command substitution as id", VerbDone, "$(id)"},
		{"path as id", VerbDelete, "../x"},
		{"two ids", VerbDone, "1 2"},
		{"empty id", VerbDone, ""},
		{"id with newline", VerbDone, "1\n--help"},
		{"empty text", VerbAdd, "   "},
		{"NUL in text", VerbAdd, "a\x00b"},
		{"text too long", VerbAdd, strings.Repeat("x", maxTextBytes+1)},
		{"unknown verb", Verb("edit"), "1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := r.Run(context.Background(), list, tc.verb, tc.arg)
			require.False(t, res.OK)
			require.Equal(t, KindInvalidInput, res.Kind)
			require.True(t, strings.HasPrefix(res.Reply, "Error running `"+string(tc.verb)+"`: "), res.Reply)
			require.Empty(t, argvRecords(t, dir), "the tool must not run")
		})
	}
}

func TestInvalidListKeyNeverRunsTheTool(t *testing.T) {
	r := newFakeRunner(t, nil)
	for _, key := range []ListKey{"", "../etc", ".hidden", "a/b", "Channel-X", "-rf", ListKey(strings.Repeat("a", 101))} {
		res := r.Add(context.Background(), key, "milk")
		require.Equal(t, KindInvalidInput, res.Kind, string(key))
	}
	matches, err := filepath.Glob(filepath.Join(r.cfg.DataRoot, "*"))
	require.NoError(t, err)
	require.Empty(t, matches)
}

func TestCustomPreset(t *testing.T) {
	r := newFakeRunner(t, func(c *Config) {
		c.Preset = PresetCustom
		c.Custom = CustomTemplates{
			Add:       `add {text}`,
			Done:      `done {id}`,
			List:      `list`,
			IDPattern: `[a-z][a-z0-9]*`,
		}
	})
	list := ChannelList("custom")
	ctx := context.Background()
	dir, err := r.listDir(list)
	require.NoError(t, err)

	for _, text := range plainHostileTexts() {
		require.True(t, r.Add(ctx, list, text).OK)
		require.Equal(t, []string{"add", text}, lastArgv(t, dir))
	}
	done := r.Done(ctx, list, "abc1")
	require.Equal(t, "done abc1 ok", done.Reply)
	require.Equal(t, KindInvalidInput, r.Done(ctx, list, "12").Kind, "the admin's id pattern applies")

	del := r.Delete(ctx, list, "abc")
	require.Equal(t, KindInvalidInput, del.Kind)
	require.Equal(t, "Error running `delete`: this tool has no delete command set up", del.Reply)
}

func TestSelfTestWithFakeTool(t *testing.T) {
	r := newFakeRunner(t, nil)
	rep := r.SelfTest(context.Background())
	require.True(t, rep.OK, rep.String())
	names := []string{}
	for _, s := range rep.Steps {
		names = append(names, s.Name)
		require.True(t, s.OK, s.Name)
	}
	require.Equal(t, []string{"check settings", "create scratch directory", "add a todo", "list the todos",
		"delete the todo", "list again"}, names)
	require.Contains(t, rep.String(), "The todo tool works.")

	// The scratch directory is gone and no list directory was created.
	matches, err := filepath.Glob(filepath.Join(r.cfg.DataRoot, "*"))
	require.NoError(t, err)
	require.Empty(t, matches)
	hidden, err := filepath.Glob(filepath.Join(r.cfg.DataRoot, ".*"))
	require.NoError(t, err)
	require.Empty(t, hidden)
}

func TestSelfTestReportsWhatWentWrong(t *testing.T) {
	t.Run("missing executable", func(t *testing.T) {
		r := newFakeRunner(t, func(c *Config) { c.Executable = filepath.Join(t.TempDir(), "todo") })
		rep := r.SelfTest(context.Background())
		require.False(t, rep.OK)
		require.Len(t, rep.Steps, 1)
		require.Equal(t, "check settings", rep.Steps[0].Name)
		require.Contains(t, rep.Steps[0].Detail, "does not exist on this server")
		require.Contains(t, rep.String(), "The todo tool does not work yet.")
	})
	t.Run("add fails", func(t *testing.T) {
		r := newFakeRunner(t, func(c *Config) {
			c.Preset = PresetCustom
			c.Custom = CustomTemplates{Add: "exit 4 {text}", List: "list"}
		})
		rep := r.SelfTest(context.Background())
		require.False(t, rep.OK)
		last := rep.Steps[len(rep.Steps)-1]
		require.Equal(t, "add a todo", last.Name)
		require.False(t, last.OK)
		require.Equal(t, "Error running `add`: failing with 4", last.Detail)
	})
	t.Run("delete does not delete", func(t *testing.T) {
		r := newFakeRunner(t, func(c *Config) {
			c.Preset = PresetCustom
			c.Custom = CustomTemplates{Add: "add {text}", List: "list", Delete: "say {id}"}
		})
		rep := r.SelfTest(context.Background())
		require.False(t, rep.OK)
		last := rep.Steps[len(rep.Steps)-1]
		require.Equal(t, "list again", last.Name)
		require.Equal(t, "the todo is still listed after delete", last.Detail)
	})
}

// optionLikeTexts look like options of the tool or of the bridge's presets.
var optionLikeTexts = []string{"--help", "-f", "--data-dir=/elsewhere", "-d /elsewhere/todo.cfg", "-", "--"}

// TestOptionLikeTextNeverReachesTheToolAsAnOption: a text starting with '-' reaches the tool
// only where the tool is known to read it as text (todo.txt's options end at the action,
// Taskwarrior's and a custom template's at `--`); elsewhere it is refused before anything runs.
func TestOptionLikeTextNeverReachesTheToolAsAnOption(t *testing.T) {
	withMarker := CustomTemplates{Add: "add {--} {text}", List: "list"}
	tests := []struct {
		name   string
		preset string
		custom CustomTemplates
		argv   func(text string) []string // nil: refused
	}{
		{name: "todo preset refuses", preset: PresetTodo},
		{name: "custom without {--} refuses", preset: PresetCustom, custom: CustomTemplates{Add: "add {text}", List: "list"}},
		{name: "custom with {--} passes it after --", preset: PresetCustom, custom: withMarker,
			argv: func(text string) []string { return []string{"add", "--", text} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newFakeRunner(t, func(c *Config) { c.Preset, c.Custom = tc.preset, tc.custom })
			list := ChannelList("options")
			dir, err := r.listDir(list)
			require.NoError(t, err)
			for _, text := range optionLikeTexts {
				res := r.Add(context.Background(), list, "  "+text)
				if tc.argv == nil {
					require.False(t, res.OK, text)
					require.Equal(t, KindInvalidInput, res.Kind, text)
					require.Contains(t, res.Reply, `starts with "-"`, text)
					require.Empty(t, argvRecords(t, dir), "the tool must not run for %q", text)
					continue
				}
				require.True(t, res.OK, res.Reply)
				require.Equal(t, tc.argv(text), lastArgv(t, dir))
			}
			// Text that only contains a dash further on is ordinary text.
			res := r.Add(context.Background(), list, "call -- mum --help")
			require.True(t, res.OK, res.Reply)
		})
	}
}

// TestOptionLikeTextStaysTextInRealTools runs the Debian CLIs: todo-txt stops reading options
// at the action and Taskwarrior at `--`, so the text is stored exactly as typed.
func TestOptionLikeTextStaysTextInRealTools(t *testing.T) {
	for _, tc := range []struct{ preset, tool string }{
		{PresetTodoTxt, "todo-txt"},
		{PresetTaskwarrior, "task"},
	} {
		t.Run(tc.preset, func(t *testing.T) {
			r := newRealRunner(t, tc.preset, tc.tool)
			list := ChannelList("options")
			want := map[string]string{}
			for i, text := range optionLikeTexts {
				res := r.Add(context.Background(), list, text)
				require.True(t, res.OK, res.Reply)
				want[strconv.Itoa(i+1)] = text
			}
			listed := r.List(context.Background(), list)
			require.True(t, listed.OK, listed.Reply)
			require.Equal(t, want, itemTexts(listed.Items))
			// Nothing was written where the text pointed.
			require.NoDirExists(t, "/elsewhere")
		})
	}
}
