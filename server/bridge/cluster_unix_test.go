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
)

// sharedLocker stands in for the cluster-wide lock: one in-process lock per list, shared by
// runners that otherwise know nothing of each other, as two servers of a cluster do. It
// counts the holders of each list so a test sees any overlap.
type sharedLocker struct {
	mu      sync.Mutex
	lists   map[ListKey]chan struct{}
	holders map[ListKey]int
	overlap bool
	locked  int
}

func newSharedLocker() *sharedLocker {
	return &sharedLocker{lists: map[ListKey]chan struct{}{}, holders: map[ListKey]int{}}
}

func (l *sharedLocker) LockList(ctx context.Context, list ListKey) (func(), error) {
	l.mu.Lock()
	ch := l.lists[list]
	if ch == nil {
		ch = make(chan struct{}, 1)
		l.lists[list] = ch
	}
	l.mu.Unlock()
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	l.mu.Lock()
	l.holders[list]++
	l.locked++
	if l.holders[list] > 1 {
		l.overlap = true
	}
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		l.holders[list]--
		l.mu.Unlock()
		<-ch
	}, nil
}

// twoNodes builds two runners on one data root that share nothing but locker: no per-list
// turns, as on two servers.
func twoNodes(t *testing.T, preset, tool string, locker ListLocker) (*Runner, *Runner) {
	t.Helper()
	cfg := Config{Preset: preset, Executable: tool, DataRoot: filepath.Join(t.TempDir(), "data"), MaxConcurrent: 8}
	a, err := New(cfg, locker)
	require.NoError(t, err)
	b, err := New(cfg, locker)
	require.NoError(t, err)
	require.NotSame(t, a.locks.lists, b.locks.lists)
	return a, b
}

// addInParallel adds n todos to list, alternating between the runners, all at once.
func addInParallel(t *testing.T, n int, list ListKey, runners ...*Runner) []Result {
	t.Helper()
	results := make([]Result, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i] = runners[i%len(runners)].Add(context.Background(), list, "todo "+strconv.Itoa(i))
		}()
	}
	close(start)
	wg.Wait()
	return results
}

// TestTwoNodesSerializeOnTheSharedLock: two runners that share only the list lock never run a
// command on the same list at once. The custom template runs the fake tool's `critical`,
// which fails when another run is inside it.
func TestTwoNodesSerializeOnTheSharedLock(t *testing.T) {
	locker := newSharedLocker()
	cfg := func(c *Config) {
		c.Preset = PresetCustom
		c.Custom = CustomTemplates{Add: "critical {text}", List: "list"}
	}
	a := newFakeRunner(t, cfg)
	bcfg := a.Config()
	a, err := New(bcfg, locker)
	require.NoError(t, err)
	b, err := New(bcfg, locker)
	require.NoError(t, err)

	results := addInParallel(t, 20, ChannelList("shared"), a, b)
	for _, res := range results {
		require.True(t, res.OK, res.Reply)
	}
	require.False(t, locker.overlap)
	require.Equal(t, 20, locker.locked, "every run took the shared lock")
}

// TestTwoNodesOneDataRootTodoTxt: 50 adds at once through two runners on one data root, with
// the real todo-txt, which numbers a line by counting lines after appending: no line is lost
// and no number is given twice.
func TestTwoNodesOneDataRootTodoTxt(t *testing.T) {
	locker := newSharedLocker()
	a, b := twoNodes(t, PresetTodoTxt, realTool(t, "todo-txt"), locker)
	list := ChannelList("busy")
	const n = 50
	numbers := map[string]bool{}
	for _, res := range addInParallel(t, n, list, a, b) {
		require.True(t, res.OK, res.Reply)
		numbers[strings.Fields(res.Reply)[0]] = true
	}
	require.Len(t, numbers, n, "every add got its own number")
	require.False(t, locker.overlap)

	data, err := os.ReadFile(filepath.Join(a.cfg.DataRoot, string(list), "todo.txt"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	require.Len(t, lines, n, "no line was lost")
	listed := b.List(context.Background(), list)
	require.Len(t, listed.Items, n)
}

// TestTwoNodesOneDataRootTaskwarrior: the bridge's own numbers file is read and written under
// the shared lock, so parallel adds from two runners never hand out a number twice.
func TestTwoNodesOneDataRootTaskwarrior(t *testing.T) {
	locker := newSharedLocker()
	a, b := twoNodes(t, PresetTaskwarrior, realTool(t, "task"), locker)
	list := ChannelList("busy")
	const n = 20
	numbers := map[string]bool{}
	for _, res := range addInParallel(t, n, list, a, b) {
		require.True(t, res.OK, res.Reply)
		numbers[res.Reply] = true
	}
	require.Len(t, numbers, n, "every add got its own number")
	listed := a.List(context.Background(), list)
	require.Len(t, listed.Items, n)
	ids := map[string]bool{}
	for _, it := range listed.Items {
		ids[it.ID] = true
	}
	require.Len(t, ids, n)
}

// TestWriteIfChangedConcurrently: writers of one file never trip over each other's temporary
// file (a fixed name made one writer's rename fail after another moved it away).
func TestWriteIfChangedConcurrently(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "taskrc")
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- writeIfChanged(path, []byte("version "+strconv.Itoa(i)+"\n"))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file is left behind")
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}
