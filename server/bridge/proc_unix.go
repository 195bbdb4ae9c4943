//go:build unix

package bridge

import (
	"os"
	"syscall"
)

// processAttributes puts the tool in its own process group, so one signal
// reaches it and everything it started.
func processAttributes() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

// killProcessTree kills the tool's whole process group, grandchildren that
// outlived their parent included. Called after the leader was reaped, the
// group id cannot be reused while any member lives, and ESRCH just means
// nothing was left.
func killProcessTree(p *os.Process) {
	if p == nil {
		return
	}
	_ = syscall.Kill(-p.Pid, syscall.SIGKILL)
	_ = p.Kill()
}

// platformEnvironment is what the minimal environment needs on this platform.
func platformEnvironment() []string { return nil }

func defaultSearchPath() string { return DefaultSearchPath }
