//go:build unix

package bridge

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestExecBehaviours(t *testing.T) {
	r := newFakeRunner(t, nil)
	list := ChannelList("town")
	tests := []struct {
		name     string
		args     []string
		ok       bool
		kind     ErrorKind
		exitCode int
		output   string
		reply    string
	}{
		{name: "prints output", args: []string{"say", "hello"}, ok: true, output: "hello", reply: "hello"},
		{name: "prints only to stderr", args: []string{"warn", "noted"}, ok: true, output: "noted", reply: "noted"},
		{name: "prints nothing", args: []string{"add", "milk"}, ok: true, output: "", reply: "`add` done."},
		{name: "exit code 1", args: []string{"exit", "1"}, kind: KindToolFailed, exitCode: 1,
			output: "failing with 1", reply: "Error running `exit`: failing with 1"},
		{name: "exit code 3", args: []string{"exit", "3"}, kind: KindToolFailed, exitCode: 3,
			output: "failing with 3", reply: "Error running `exit`: failing with 3"},
		{name: "ansi stripped", args: []string{"ansi"}, ok: true, output: "red plain\nnext", reply: "red plain\nnext"},
		{name: "stdin is empty", args: []string{"stdin"}, ok: true, output: "stdin closed", reply: "stdin closed"},
		{name: "invalid utf-8 repaired", args: []string{"badutf8"}, ok: true,
			output: "ok \uFFFD end é", reply: "ok \uFFFD end é"},
		{name: "unknown command", args: []string{"frobnicate"}, kind: KindToolFailed, exitCode: 2,
			output: "unknown command: frobnicate", reply: "Error running `frobnicate`: unknown command: frobnicate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := runArgs(t, r, list, tc.args...)
			require.Equal(t, tc.ok, res.OK, res.Output)
			require.Equal(t, tc.kind, res.Kind)
			require.Equal(t, tc.exitCode, res.ExitCode)
			require.Equal(t, tc.output, res.Output)
			require.Equal(t, tc.reply, res.Reply)
			require.True(t, utf8.ValidString(res.Output))
		})
	}
}

func TestExecEnvironmentIsMinimal(t *testing.T) {
	t.Setenv("CHANNEL_TODO_SECRET", "do-not-leak")
	r := newFakeRunner(t, func(c *Config) { c.TimeZone = "Europe/Berlin" })
	res, dir := runArgs(t, r, ChannelList("env"), "env")
	require.True(t, res.OK, res.Output)

	got := map[string]string{}
	for _, line := range strings.Split(res.Output, "\n") {
		name, value, _ := strings.Cut(line, "=")
		got[name] = value
	}
	// The shell adds PWD, SHLVL and _ itself; everything else is ours.
	for _, name := range []string{"PWD", "SHLVL", "_"} {
		delete(got, name)
	}
	require.Equal(t, map[string]string{
		"PATH":             DefaultSearchPath,
		"HOME":             dir,
		"LANG":             "C.UTF-8",
		"LC_ALL":           "C.UTF-8",
		"TZ":               "Europe/Berlin",
		"NO_COLOR":         "1",
		"TERM":             "dumb",
		"CHANNEL_TODO_DIR": dir,
	}, got)

	pwd, _ := runArgs(t, r, ChannelList("env"), "pwd")
	require.Equal(t, dir, pwd.Output)
}

func TestExecListDirectoryIsPrivate(t *testing.T) {
	r := newFakeRunner(t, nil)
	_, dir := runArgs(t, r, PersonalList("u1"), "say", "x")
	info, err := os.Stat(dir)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	require.Equal(t, filepath.Join(r.cfg.DataRoot, "user-u1"), dir)
	root, err := os.Stat(r.cfg.DataRoot)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), root.Mode().Perm())
}

func TestExecTimeoutKillsTheWholeProcessGroup(t *testing.T) {
	r := newFakeRunner(t, func(c *Config) { c.Timeout = time.Second })
	tests := []struct {
		name string
		args []string
	}{
		{name: "sleeping tool", args: []string{"sleep"}},
		{name: "child outlives the killed parent", args: []string{"orphan-timeout"}},
		{name: "flooding tool", args: []string{"flood"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, dir := runArgs(t, r, ChannelList("slow"), tc.args...)
			require.False(t, res.OK)
			require.Equal(t, KindTimeout, res.Kind)
			require.Equal(t, -1, res.ExitCode)
			require.Equal(t, "Error running `"+tc.args[0]+"`: the tool did not finish within 1s and was stopped", res.Reply)
			if tc.args[0] == "orphan-timeout" {
				leader := readPID(t, dir, "leader.pid")
				requireGone(t, leader, leader, readPID(t, dir, "child.pid"))
			}
		})
	}
}

func TestExecChildThatOutlivesItsParentDoesNotHang(t *testing.T) {
	// The default 30 s timeout would turn a hang into a timeout result.
	r := newFakeRunner(t, nil)
	res, dir := runArgs(t, r, ChannelList("orphan"), "orphan")
	require.True(t, res.OK, res.Reply)
	require.Equal(t, "parent exits", res.Output)
	leader := readPID(t, dir, "leader.pid")
	requireGone(t, leader, leader, readPID(t, dir, "child.pid"))
}

func TestExecOutputIsCappedAndTrimmed(t *testing.T) {
	r := newFakeRunner(t, func(c *Config) {
		c.MaxOutputBytes = 64 << 10
		c.ReplyLimit = 1000
	})
	res, _ := runArgs(t, r, ChannelList("big"), "bigprint", "100000")
	require.True(t, res.OK, res.Reply)
	require.True(t, res.Truncated)
	require.LessOrEqual(t, utf8.RuneCountInString(res.Reply), 1000)
	require.True(t, strings.HasPrefix(res.Reply, "line 1\nline 2\n"))
	require.Regexp(t, `\n… \(output trimmed: [0-9]+ more bytes not shown\)$`, res.Reply)
	require.Greater(t, res.dropped, int64(0))

	small, _ := runArgs(t, r, ChannelList("big"), "bigprint", "3")
	require.False(t, small.Truncated)
	require.Equal(t, "line 1\nline 2\nline 3", small.Reply)
}

func TestExecMissingExecutable(t *testing.T) {
	r := newFakeRunner(t, func(c *Config) { c.Executable = filepath.Join(t.TempDir(), "no-such-todo") })
	res := r.Add(context.Background(), ChannelList("x"), "milk")
	require.False(t, res.OK)
	require.Equal(t, KindMissingExecutable, res.Kind)
	require.Contains(t, res.Reply, "Error running `add`: the todo tool ")
	require.Contains(t, res.Reply, "is not installed on this server")
}

func TestExecExecutableThatCannotStart(t *testing.T) {
	dir := t.TempDir()
	notExecutable := filepath.Join(dir, "plain")
	require.NoError(t, os.WriteFile(notExecutable, []byte("#!/bin/sh\necho hi\n"), 0o644))
	noInterpreter := filepath.Join(dir, "orphaned-script")
	require.NoError(t, os.WriteFile(noInterpreter, []byte("#!/nonexistent/interpreter\n"), 0o755))
	for _, exe := range []string{notExecutable, noInterpreter, dir} {
		r := newFakeRunner(t, func(c *Config) { c.Executable = exe })
		res := r.List(context.Background(), ChannelList("x"))
		require.Equal(t, KindMissingExecutable, res.Kind, exe)
		require.True(t, strings.HasPrefix(res.Reply, "Error running `list`: the todo tool "+exe), res.Reply)
	}
}

func TestWithConfigKeepsTheListTurns(t *testing.T) {
	r := newFakeRunner(t, nil)
	cfg := r.Config()
	cfg.Timeout = time.Minute
	next, err := r.WithConfig(cfg)
	require.NoError(t, err)
	require.Equal(t, time.Minute, next.Config().Timeout)
	require.Same(t, r.locks.lists, next.locks.lists)
	require.True(t, next.List(context.Background(), ChannelList("x")).OK)

	cfg.Executable = "relative"
	_, err = r.WithConfig(cfg)
	require.Error(t, err)
}

func TestExecCanceledWhileRunning(t *testing.T) {
	r := newFakeRunner(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	dir, err := r.listDir(ChannelList("cancel"))
	require.NoError(t, err)
	done := make(chan outcome, 1)
	go func() { done <- r.exec(ctx, invocation{dir: dir, args: []string{"orphan-timeout"}}) }()
	// Cancel once the tool is known to be running (it wrote its pid).
	for {
		if _, err := os.Stat(filepath.Join(dir, "leader.pid")); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	o := <-done
	require.Equal(t, KindCanceled, o.kind)
	leader := readPID(t, dir, "leader.pid")
	requireGone(t, leader, leader, readPID(t, dir, "child.pid"))
}

func TestExecLeavesNoGoroutinesBehind(t *testing.T) {
	r := newFakeRunner(t, func(c *Config) { c.Timeout = time.Second })
	list := ChannelList("leaks")
	// Warm up once so lazily started runtime helpers are not counted.
	runArgs(t, r, list, "say", "warm")
	before := runtime.NumGoroutine()
	for _, args := range [][]string{{"say", "x"}, {"exit", "2"}, {"orphan"}, {"sleep"}, {"bigprint", "1000"}} {
		runArgs(t, r, list, args...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.Equal(t, KindCanceled, r.Add(ctx, list, "never runs").Kind)

	// Goroutines end right after their work; give the scheduler a moment.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	require.LessOrEqual(t, runtime.NumGoroutine(), before)
}
