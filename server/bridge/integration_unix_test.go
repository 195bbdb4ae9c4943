//go:build unix

package bridge

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/bridge/bridgetest"
)

// realTool finds an installed CLI; see bridgetest.Tool for when a missing one fails.
func realTool(t *testing.T, name string) string {
	t.Helper()
	return bridgetest.Tool(t, name)
}

func newRealRunner(t *testing.T, preset, tool string) *Runner {
	t.Helper()
	r, err := New(Config{Preset: preset, Executable: realTool(t, tool), DataRoot: filepath.Join(t.TempDir(), "data")}, nil)
	require.NoError(t, err)
	return r
}

func itemTexts(items []Item) map[string]string {
	m := map[string]string{}
	for _, it := range items {
		m[it.ID] = it.Text
	}
	return m
}

// addMilkAndHostileTexts adds "buy milk" (number 1) and then every hostile
// text to list, checks each reply against reply(number, stored text), where
// stored says how the tool keeps a text, and returns the list afterwards,
// checked to hold exactly those texts under those numbers.
func addMilkAndHostileTexts(t *testing.T, r *Runner, list ListKey, stored func(text string) string, reply func(id, stored string) string) Result {
	t.Helper()
	ctx := context.Background()
	want := map[string]string{}
	for i, text := range append([]string{"buy milk"}, hostileTexts...) {
		id := strconv.Itoa(i + 1)
		res := r.Add(ctx, list, text)
		require.True(t, res.OK, res.Reply)
		require.Equal(t, reply(id, stored(text)), res.Reply)
		want[id] = stored(text)
	}
	listed := r.List(ctx, list)
	require.True(t, listed.OK, listed.Reply)
	require.True(t, listed.Parsed)
	require.Equal(t, want, itemTexts(listed.Items))
	return listed
}

// requireOtherListEmpty checks that another list is separate: empty, with the
// tool's own words for an empty list.
func requireOtherListEmpty(t *testing.T, r *Runner, reply string) {
	t.Helper()
	other := r.List(context.Background(), ChannelList("other"))
	require.True(t, other.OK, other.Reply)
	require.True(t, other.Parsed)
	require.Empty(t, other.Items)
	require.Equal(t, reply, other.Reply)
}

func TestTodoTxtIntegration(t *testing.T) {
	r := newRealRunner(t, PresetTodoTxt, "todo-txt")
	ctx := context.Background()
	list := ChannelList("todotxt")

	// todo.txt is one todo per line: the tool itself joins lines with a space.
	listed := addMilkAndHostileTexts(t, r, list, func(text string) string { return strings.ReplaceAll(text, "\n", " ") },
		func(id, stored string) string { return id + " " + stored + "\nTODO: " + id + " added." })
	require.Equal(t, "1", listed.Items[0].ID, "items come in number order")
	require.Contains(t, listed.Reply, "TODO: 10 of 10 tasks shown")

	// The data is in the list's own directory, text exactly as typed.
	data, err := os.ReadFile(filepath.Join(r.cfg.DataRoot, string(list), "todo.txt"))
	require.NoError(t, err)
	require.Contains(t, string(data), "\n$(id)\n")
	require.Contains(t, string(data), "\n; rm -rf ~\n")

	done := r.Done(ctx, list, "1")
	require.True(t, done.OK, done.Reply)
	require.Contains(t, done.Reply, "TODO: 1 marked as done.")

	deleted := r.Delete(ctx, list, "#2")
	require.True(t, deleted.OK, deleted.Reply)
	require.Equal(t, "2 --help\nTODO: 2 deleted.", deleted.Reply)

	listed = r.List(ctx, list)
	require.True(t, listed.OK)
	byID := map[string]Item{}
	for _, it := range listed.Items {
		byID[it.ID] = it
	}
	require.Equal(t, Item{ID: "1", Key: "1", Text: "buy milk", Done: true}, byID["1"])
	require.NotContains(t, byID, "2")
	require.Equal(t, "-f", byID["3"].Text, "numbers stay put after done and delete")
	require.False(t, byID["3"].Done)

	missing := r.Done(ctx, list, "99")
	require.False(t, missing.OK)
	require.Equal(t, KindToolFailed, missing.Kind)
	require.Equal(t, 1, missing.ExitCode)
	require.Equal(t, "Error running `done`: TODO: No task 99.", missing.Reply)

	requireOtherListEmpty(t, r, "--\nTODO: 0 of 0 tasks shown")
}

func TestTodoTxtIntegrationManyItems(t *testing.T) {
	r := newRealRunner(t, PresetTodoTxt, "todo-txt")
	ctx := context.Background()
	list := PersonalList("many")
	for i := 1; i <= 12; i++ {
		require.True(t, r.Add(ctx, list, "item "+strconv.Itoa(i)).OK)
	}
	listed := r.List(ctx, list)
	require.True(t, listed.OK)
	require.Len(t, listed.Items, 12)
	for i, it := range listed.Items {
		require.Equal(t, strconv.Itoa(i+1), it.ID, "zero padding is not part of the id")
		require.Equal(t, "item "+strconv.Itoa(i+1), it.Text)
	}
}

func TestTodoTxtConfigQuotesTheDirectory(t *testing.T) {
	tool := realTool(t, "todo-txt")
	base := t.TempDir()
	// The config file is sourced by bash: the directory must stay one word.
	root := filepath.Join(base, "it's $(touch pwned) `touch pwned2`")
	r, err := New(Config{Preset: PresetTodoTxt, Executable: tool, DataRoot: root}, nil)
	require.NoError(t, err)
	res := r.Add(context.Background(), ChannelList("q"), "milk")
	require.True(t, res.OK, res.Reply)
	data, err := os.ReadFile(filepath.Join(root, "channel-q", "todo.txt"))
	require.NoError(t, err)
	require.Equal(t, "milk\n", string(data))
	for _, dir := range []string{base, root, filepath.Join(root, "channel-q")} {
		for _, name := range []string{"pwned", "pwned2"} {
			require.NoFileExists(t, filepath.Join(dir, name))
		}
	}
}

func TestTodoTxtConcurrentAddsTakeTurns(t *testing.T) {
	r := newRealRunner(t, PresetTodoTxt, "todo-txt")
	list := ChannelList("busy")
	const n = 16
	replies := make(chan Result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies <- r.Add(context.Background(), list, "todo "+strconv.Itoa(i))
		}()
	}
	wg.Wait()
	close(replies)
	// todo.sh numbers a new line by counting lines after appending, so two
	// adds at once would both answer with the same number.
	numbers := map[string]bool{}
	for res := range replies {
		require.True(t, res.OK, res.Reply)
		numbers[strings.Fields(res.Reply)[0]] = true
	}
	require.Len(t, numbers, n)
	listed := r.List(context.Background(), list)
	require.Len(t, listed.Items, n)
	require.Equal(t, 0, r.locks.size())
}

func TestTaskwarriorIntegration(t *testing.T) {
	r := newRealRunner(t, PresetTaskwarrior, "task")
	ctx := context.Background()
	list := ChannelList("taskwarrior")

	// Descriptions are stored literally.
	listed := addMilkAndHostileTexts(t, r, list, func(text string) string { return text },
		func(id, _ string) string { return "Created task " + id + "." })
	require.True(t, strings.HasPrefix(listed.Reply, "1 buy milk\n2 --help\n3 -f\n4 rc.data.location=/tmp\n"), listed.Reply)

	// Taskwarrior renumbers after a completion; the bridge's numbers do not move.
	done := r.Done(ctx, list, "1")
	require.True(t, done.OK, done.Reply)
	require.Equal(t, "Completed task 1 'buy milk'.\nCompleted 1 task.", done.Reply)
	require.True(t, r.List(ctx, list).OK)
	// A report in between is what makes Taskwarrior renumber.
	report := r.exec(ctx, invocation{dir: filepath.Join(r.cfg.DataRoot, string(list)), env: taskEnv(t, r, list), args: []string{"list"}})
	require.True(t, report.ok(), report.message())
	done = r.Done(ctx, list, "2")
	require.True(t, done.OK, done.Reply)
	require.Equal(t, "Completed task 2 '--help'.\nCompleted 1 task.", done.Reply)

	deleted := r.Delete(ctx, list, "4")
	require.True(t, deleted.OK, deleted.Reply)
	require.Equal(t, "Deleting task 4 'rc.data.location=/tmp'.\nDeleted 1 task.", deleted.Reply)

	after := r.Add(ctx, list, "after the renumbering")
	require.Equal(t, "Created task 11.", after.Reply, "numbers are never reused")

	listed = r.List(ctx, list)
	got := itemTexts(listed.Items)
	require.NotContains(t, got, "1")
	require.NotContains(t, got, "2")
	require.NotContains(t, got, "4")
	require.Equal(t, "-f", got["3"])
	require.Equal(t, "$(id)", got["5"])
	require.Equal(t, "after the renumbering", got["11"])
	for _, it := range listed.Items {
		require.Regexp(t, taskUUID, it.Key)
		require.False(t, it.Done)
	}

	again := r.Done(ctx, list, "1")
	require.Equal(t, KindUnknownID, again.Kind)
	require.Equal(t, "Error running `done`: there is no open task 1", again.Reply)
	require.Equal(t, KindUnknownID, r.Delete(ctx, list, "999").Kind)

	// The data lives in the list's directory, not where the text pointed.
	_, err := os.Stat(filepath.Join(r.cfg.DataRoot, string(list), "task", "pending.data"))
	require.NoError(t, err)

	requireOtherListEmpty(t, r, "No tasks.")
}

func TestTaskwarriorNumbersTasksAddedOutsideTheBridge(t *testing.T) {
	r := newRealRunner(t, PresetTaskwarrior, "task")
	ctx := context.Background()
	list := ChannelList("outside")
	require.True(t, r.Add(ctx, list, "first").OK)

	// Someone adds a task with the tool directly, in the same data.
	dir := filepath.Join(r.cfg.DataRoot, string(list))
	o := r.exec(ctx, invocation{dir: dir, env: taskEnv(t, r, list), args: []string{"add", "--", "direct"}})
	require.True(t, o.ok(), o.message())

	done := r.Done(ctx, list, "2")
	require.True(t, done.OK, done.Reply)
	require.Equal(t, "Completed task 2 'direct'.\nCompleted 1 task.", done.Reply)
	require.Equal(t, map[string]string{"1": "first"}, itemTexts(r.List(ctx, list).Items))
}

func TestSelfTestWithRealTools(t *testing.T) {
	for _, tc := range []struct{ preset, tool string }{
		{PresetTodoTxt, "todo-txt"},
		{PresetTaskwarrior, "task"},
	} {
		t.Run(tc.preset, func(t *testing.T) {
			r := newRealRunner(t, tc.preset, tc.tool)
			rep := r.SelfTest(context.Background())
			require.True(t, rep.OK, rep.String())
			require.Len(t, rep.Steps, 6)
		})
	}
}

// taskEnv prepares list's directory and returns its Taskwarrior variables,
// for running the tool directly as someone outside the bridge would.
func taskEnv(t *testing.T, r *Runner, list ListKey) []string {
	t.Helper()
	env, err := r.preset.setup(filepath.Join(r.cfg.DataRoot, string(list)))
	require.NoError(t, err)
	return env
}
