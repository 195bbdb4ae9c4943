//go:build unix

package bridge

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// napRunner drives the fake tool's `nap SECONDS` through `add`.
func napRunner(t *testing.T, edit func(*Config)) *Runner {
	t.Helper()
	return newFakeRunner(t, func(c *Config) {
		c.Preset = PresetCustom
		c.Custom = CustomTemplates{Add: "nap {text}", List: "list"}
		if edit != nil {
			edit(c)
		}
	})
}

// waitForFile waits until the fake tool wrote name into dir, or fails.
func waitForFile(t *testing.T, dir, name string) {
	t.Helper()
	require.Eventually(t, func() bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}, 10*time.Second, 10*time.Millisecond)
}

// TestCallerDeadlineBoundsOnlyTheWait: a door's deadline shorter than the configured timeout
// no longer cuts a run short; the tool meets the timeout the admin set and the answer says it
// was a timeout; a command that gets no turn before the deadline is "busy" and never runs.
func TestCallerDeadlineBoundsOnlyTheWait(t *testing.T) {
	short := func() context.Context {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		t.Cleanup(cancel)
		return ctx
	}

	t.Run("a run longer than the caller's deadline but inside the timeout finishes", func(t *testing.T) {
		r := napRunner(t, func(c *Config) { c.Timeout = 10 * time.Second })
		res := r.Add(short(), ChannelList("slow"), "1")
		require.True(t, res.OK, res.Reply)
		require.Equal(t, "woke after 1", res.Reply)
	})

	t.Run("a run past the configured timeout is a timeout, whatever the caller's deadline", func(t *testing.T) {
		r := napRunner(t, func(c *Config) { c.Timeout = time.Second })
		list := ChannelList("stuck")
		start := time.Now()
		res := r.Add(short(), list, "300")
		require.Equal(t, KindTimeout, res.Kind, res.Reply)
		require.Equal(t, time.Second, res.Timeout)
		require.GreaterOrEqual(t, time.Since(start), time.Second, "the tool had its whole timeout")
		dir := filepath.Join(r.cfg.DataRoot, string(list))
		leader := readPID(t, dir, "leader.pid")
		requireGone(t, leader, leader, readPID(t, dir, "child.pid"))
	})

	t.Run("a command queued past the caller's deadline is busy and does not run", func(t *testing.T) {
		r := napRunner(t, func(c *Config) { c.Timeout = time.Minute; c.MaxConcurrent = 1 })
		busy := ChannelList("busy")
		first := make(chan Result, 1)
		go func() { first <- r.Add(context.Background(), busy, "300") }()
		waitForFile(t, filepath.Join(r.cfg.DataRoot, string(busy)), "child.pid")

		queued := r.Add(short(), ChannelList("queued"), "1")
		require.Equal(t, KindBusy, queued.Kind, queued.Reply)
		require.NoFileExists(t, filepath.Join(r.cfg.DataRoot, "channel-queued", "argv.log"), "the queued command never ran")

		r.Stop()
		require.Equal(t, KindCanceled, (<-first).Kind)
	})
}

// TestStopKillsRunningTools: Stop kills every running tool with its whole process group,
// including those started under older settings, refuses new commands and returns only once
// every command has returned.
func TestStopKillsRunningTools(t *testing.T) {
	old := napRunner(t, func(c *Config) { c.Timeout = 10 * time.Minute })
	cfg := old.Config()
	cfg.MaxConcurrent = 8
	current, err := old.WithConfig(cfg)
	require.NoError(t, err)

	lists := []ListKey{ChannelList("a"), ChannelList("b")}
	results := make(chan Result, len(lists))
	go func() { results <- old.Add(context.Background(), lists[0], "300") }()
	go func() { results <- current.Add(context.Background(), lists[1], "300") }()
	var groups [][]int
	for _, list := range lists {
		dir := filepath.Join(cfg.DataRoot, string(list))
		waitForFile(t, dir, "child.pid")
		leader := readPID(t, dir, "leader.pid")
		groups = append(groups, []int{leader, readPID(t, dir, "child.pid")})
	}

	current.Stop()
	// Stop returned once every command had answered; the goroutines above still have to hand
	// the answers over, so allow them a moment (the tools themselves would run for 300 s).
	for range lists {
		select {
		case res := <-results:
			require.Equal(t, KindCanceled, res.Kind, res.Reply)
		case <-time.After(5 * time.Second):
			require.Fail(t, "a command did not answer after Stop")
		}
	}
	for _, g := range groups {
		requireGone(t, g[0], g...)
	}
	require.Equal(t, KindCanceled, current.Add(context.Background(), lists[0], "1").Kind, "no new command starts")
	require.Equal(t, KindCanceled, old.List(context.Background(), lists[0]).Kind)
	require.False(t, current.SelfTest(context.Background()).OK)
}
