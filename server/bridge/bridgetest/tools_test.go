package bridgetest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// recorder is a TB that remembers how the test ended.
type recorder struct{ fatal, skip string }

func (r *recorder) Helper()                           {}
func (r *recorder) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }
func (r *recorder) Skipf(format string, args ...any)  { r.skip = fmt.Sprintf(format, args...) }

func TestTool(t *testing.T) {
	bin := t.TempDir()
	tool := filepath.Join(bin, "some-tool")
	require.NoError(t, os.WriteFile(tool, []byte("#!/bin/sh\n"), 0o755))
	t.Setenv("PATH", bin)
	tests := []struct {
		name, tool, require string
		path, fatal, skip   bool
	}{
		{name: "installed", tool: "some-tool", require: "1", path: true},
		{name: "missing under make test fails", tool: "no-such-tool", require: "1", fatal: true},
		{name: "missing elsewhere skips, saying why", tool: "no-such-tool", require: "", skip: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(RequireEnv, tc.require)
			r := &recorder{}
			path := Tool(r, tc.tool)
			require.Equal(t, tc.path, path == tool, path)
			require.Equal(t, tc.fatal, r.fatal != "", r.fatal)
			require.Equal(t, tc.skip, r.skip != "", r.skip)
			if tc.skip {
				require.Contains(t, r.skip, RequireEnv)
			}
		})
	}
}
