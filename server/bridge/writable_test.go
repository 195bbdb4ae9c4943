package bridge

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheckWritableLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "todo.txt"), []byte("first\n"), 0o600))
	require.NoError(t, checkWritable(dir))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the tool's own file remains")
}

func TestCheckWritableFailsWhereNothingCanBeWritten(t *testing.T) {
	require.Error(t, checkWritable(filepath.Join(t.TempDir(), "missing")))
}

func TestUnwritableSaysWhyWithoutPaths(t *testing.T) {
	for errno, want := range map[syscall.Errno]string{
		syscall.EROFS:  "read-only file system",
		syscall.ENOSPC: "disk is full",
		syscall.EACCES: "may not write",
	} {
		err := unwritable(&os.PathError{Op: "open", Path: "/srv/secret/list", Err: errno})
		require.Contains(t, err.Error(), want)
		require.Contains(t, err.Error(), "nothing was changed")
		require.NotContains(t, err.Error(), "/srv", fmt.Sprint(errno))
	}
}
