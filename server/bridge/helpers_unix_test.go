//go:build unix

package bridge

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeTool is the absolute path of the scripted fake tool.
func fakeTool(t *testing.T) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", "faketool.sh"))
	require.NoError(t, err)
	return path
}

// newFakeRunner builds a runner on the fake tool with its own data root.
func newFakeRunner(t *testing.T, edit func(*Config)) *Runner {
	t.Helper()
	cfg := Config{Preset: PresetTodo, Executable: fakeTool(t), DataRoot: filepath.Join(t.TempDir(), "data")}
	if edit != nil {
		edit(&cfg)
	}
	r, err := New(cfg, nil)
	require.NoError(t, err)
	return r
}

// runArgs runs the fake tool with arbitrary arguments in list's directory.
func runArgs(t *testing.T, r *Runner, list ListKey, args ...string) (Result, string) {
	t.Helper()
	dir, err := r.listDir(list)
	require.NoError(t, err)
	env, err := r.preset.setup(dir)
	require.NoError(t, err)
	res := fromOutcome(r.exec(context.Background(), invocation{dir: dir, env: env, args: args}))
	res.Verb = Verb(args[0])
	return finish(res, r.cfg.ReplyLimit), dir
}

// lastArgv reads the argv the fake tool recorded in its last run.
func lastArgv(t *testing.T, dir string) []string {
	t.Helper()
	records := argvRecords(t, dir)
	require.NotEmpty(t, records)
	return records[len(records)-1]
}

func argvRecords(t *testing.T, dir string) [][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "argv.log"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	require.NoError(t, err)
	var records [][]string
	// Each record is NUL-terminated arguments followed by a newline.
	for _, rec := range bytes.SplitAfter(data, []byte("\x00\n")) {
		if len(rec) == 0 {
			continue
		}
		rec = bytes.TrimSuffix(rec, []byte("\x00\n"))
		records = append(records, strings.Split(string(rec), "\x00"))
	}
	return records
}

// readPID reads a pid the fake tool wrote into its directory.
func readPID(t *testing.T, dir, name string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	require.NoError(t, err)
	return pid
}

// alive reports whether pid is a running (not zombie) process.
func alive(pid int) bool {
	if runtime.GOOS == "linux" {
		data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return false
		}
		return procState(data) != "Z"
	}
	return syscall.Kill(pid, 0) == nil
}

// groupMembers lists the live (not zombie) processes in process group pgid.
func groupMembers(t *testing.T, pgid int) []int {
	t.Helper()
	if runtime.GOOS != "linux" {
		if syscall.Kill(-pgid, 0) == nil {
			return []int{pgid}
		}
		return nil
	}
	entries, err := os.ReadDir("/proc")
	require.NoError(t, err)
	var members []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(fields) > 2 && fields[2] == strconv.Itoa(pgid) && fields[0] != "Z" {
			members = append(members, pid)
		}
	}
	return members
}

func procState(stat []byte) string {
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(fields) == 0 {
		return ""
	}
	return fields[0]
}

// requireGone checks that the processes and their group have ended. The
// runner returns only after the group was killed and its pipes closed, but a
// SIGKILLed process may take a moment to be torn down, so this waits a little.
func requireGone(t *testing.T, pgid int, pids ...int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var left []int
		for _, pid := range pids {
			if alive(pid) {
				left = append(left, pid)
			}
		}
		left = append(left, groupMembers(t, pgid)...)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			require.Failf(t, "processes left behind", "still running: %v", left)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
