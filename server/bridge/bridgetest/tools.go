// Package bridgetest helps tests that need a real todo command-line tool.
package bridgetest

import (
	"os"
	"os/exec"
	"path/filepath"
)

// RequireEnv is the variable that turns a missing tool from a skip into a failure. `make test`
// sets it, so a test that needs a tool can never pass there without running it.
const RequireEnv = "CHANNEL_TODO_REQUIRE_CLIS"

// TB is the part of testing.TB that Tool uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// Tool returns the absolute path of an installed tool (todo-txt, task). When it is missing the
// test fails if RequireEnv is "1" and is skipped, saying so, otherwise.
func Tool(t TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		path, err = filepath.Abs(path)
	}
	if err != nil {
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("%s is not installed and %s=1: run `make deps`", name, RequireEnv)
			return ""
		}
		t.Skipf("%s is not installed (set %s=1 to fail instead; make deps installs it)", name, RequireEnv)
		return ""
	}
	return path
}
