package bridge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// probeSlack is what a change may add to the list's files: a todo's text is at most
// maxTextBytes, and a tool's bookkeeping little more.
const probeSlack = 2 * maxTextBytes

// checkWritable makes sure a change to the list can be stored before the tool runs: some tools
// say "added" even when their write failed (todo.txt's, on a full or read-only disk), and the
// person would be told of a todo that is not there. The probe writes, syncs and removes as much
// as the list's files hold plus probeSlack, which is what a tool that rewrites its file needs.
func checkWritable(dir string) error {
	size := int64(probeSlack)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			size += info.Size()
		}
	}
	f, err := os.CreateTemp(dir, ".channel-todo-probe-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(make([]byte, size))
	if werr == nil {
		werr = f.Sync()
	}
	cerr := f.Close()
	rerr := os.Remove(filepath.Clean(f.Name()))
	return errors.Join(werr, cerr, rerr)
}

// unwritable explains a failed probe without naming server paths (the reply reaches users).
func unwritable(err error) error {
	why := "it cannot be written"
	switch {
	case errors.Is(err, syscall.EROFS):
		why = "it is on a read-only file system"
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		why = "its disk is full"
	case errors.Is(err, os.ErrPermission):
		why = "the server may not write to it"
	}
	return fmt.Errorf("the tool's data directory cannot take the change (%s), so the tool did not run and nothing was changed; tell your system administrator", why)
}
