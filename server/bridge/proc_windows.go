package bridge

import (
	"os"
	"syscall"
)

// processAttributes gives the tool a console process group of its own.
// Windows has no Setpgid; see killProcessTree for what that costs.
func processAttributes() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: syscall.CREATE_NEW_PROCESS_GROUP}
}

// killProcessTree kills the tool. Without process groups (or a job object)
// only the process itself is killed; a grandchild it left running keeps
// running, and the output readers are released by closing our pipe ends
// after readGrace.
func killProcessTree(p *os.Process) {
	if p == nil {
		return
	}
	_ = p.Kill()
}

// platformEnvironment carries the variables Windows programs cannot start
// without.
func platformEnvironment() []string {
	var env []string
	for _, name := range []string{"SystemRoot", "SYSTEMROOT", "WINDIR", "TEMP", "TMP"} {
		if v, ok := os.LookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return env
}

func defaultSearchPath() string { return os.Getenv("PATH") }
