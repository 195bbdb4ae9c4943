package bridge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"sync/atomic"
	"time"
)

// invocation is one run of the tool: its arguments after the executable, the
// list directory it runs in and the preset's extra environment.
type invocation struct {
	dir  string
	env  []string
	args []string
}

// outcome is what one run produced, already cleaned.
type outcome struct {
	stdout   string
	stderr   string
	dropped  int64 // stdout bytes beyond the cap, discarded
	exitCode int
	kind     ErrorKind
	err      error
	timeout  time.Duration // the limit, when kind is KindTimeout
}

// ok reports whether the tool ran and exited 0.
func (o outcome) ok() bool { return o.kind == KindNone && o.exitCode == 0 }

// message is the tool's own explanation of a failure: stderr, else stdout.
func (o outcome) message() string {
	if o.stderr != "" {
		return o.stderr
	}
	if o.stdout != "" {
		return o.stdout
	}
	if o.err != nil {
		return o.err.Error()
	}
	return fmt.Sprintf("the tool exited with status %d and printed nothing", o.exitCode)
}

// readGrace is how long output readers may take after the process group was
// killed. Only a descendant that escaped the group (setsid) can still hold
// the pipes then; closing our ends unblocks the readers.
const readGrace = 2 * time.Second

// exec runs the tool once. It never uses a shell: the arguments are handed
// to the program as they are.
func (r *Runner) exec(ctx context.Context, inv invocation) outcome {
	exe := r.cfg.Executable
	if info, err := os.Stat(exe); err != nil || info.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return outcome{exitCode: -1, kind: KindMissingExecutable,
				err: fmt.Errorf("the todo tool %s is not installed on this server; ask a system admin to check the Channel Todo settings", exe)}
		}
		return outcome{exitCode: -1, kind: KindMissingExecutable, err: fmt.Errorf("the todo tool %s cannot be used: %w", exe, err)}
	}

	outR, outW, err := os.Pipe()
	if err != nil {
		return outcome{exitCode: -1, kind: KindInternal, err: fmt.Errorf("creating a pipe: %w", err)}
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		outR.Close()
		outW.Close()
		return outcome{exitCode: -1, kind: KindInternal, err: fmt.Errorf("creating a pipe: %w", err)}
	}
	defer outR.Close()
	defer errR.Close()

	cmd := &exec.Cmd{
		Path:        exe,
		Args:        append([]string{exe}, inv.args...),
		Env:         r.environment(inv),
		Dir:         inv.dir,
		Stdin:       nil, // os/exec connects the null device
		Stdout:      outW,
		Stderr:      errW,
		SysProcAttr: processAttributes(),
	}
	startErr := cmd.Start()
	// The child has its copies; ours must go or the readers never see EOF.
	outW.Close()
	errW.Close()
	if startErr != nil {
		// The file is there but cannot be run: no permission, or a script
		// whose interpreter is missing.
		return outcome{exitCode: -1, kind: KindMissingExecutable,
			err: fmt.Errorf("the todo tool %s cannot be started (%v); ask a system admin to check the Channel Todo settings", exe, errors.Unwrap(startErr))}
	}

	type read struct {
		data    []byte
		dropped int64
	}
	outC, errC := make(chan read, 1), make(chan read, 1)
	go func() { d, n := readCapped(outR, r.cfg.MaxOutputBytes); outC <- read{d, n} }()
	go func() { d, n := readCapped(errR, r.cfg.MaxOutputBytes); errC <- read{d, n} }()

	runCtx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	exited := make(chan struct{})
	var killed atomic.Bool
	watchdogDone := make(chan struct{})
	go func() {
		defer close(watchdogDone)
		select {
		case <-runCtx.Done():
			killed.Store(true)
			killProcessTree(cmd.Process)
		case <-exited:
		}
	}()

	waitErr := cmd.Wait()
	close(exited)
	<-watchdogDone
	// Whatever the leader left running in its group is a stray now.
	killProcessTree(cmd.Process)

	var stdout, stderr read
	grace := time.NewTimer(readGrace)
	defer grace.Stop()
	for got := 0; got < 2; {
		select {
		case stdout = <-outC:
			got++
			outC = nil
		case stderr = <-errC:
			got++
			errC = nil
		case <-grace.C:
			outR.Close()
			errR.Close()
		}
	}

	o := outcome{
		stdout:   cleanOutput(stdout.data),
		stderr:   cleanOutput(stderr.data),
		dropped:  stdout.dropped,
		exitCode: cmd.ProcessState.ExitCode(),
	}
	switch {
	case killed.Load() && ctx.Err() != nil:
		o.kind, o.err = KindCanceled, fmt.Errorf("the tool was stopped before it finished: %w", context.Cause(ctx))
	case killed.Load():
		o.kind, o.err, o.timeout = KindTimeout, fmt.Errorf("the tool did not finish within %s and was stopped", r.cfg.Timeout), r.cfg.Timeout
	case o.exitCode != 0:
		o.kind, o.err = KindToolFailed, waitErr
	}
	return o
}

// environment is the tool's whole environment: nothing is inherited from the
// server process.
func (r *Runner) environment(inv invocation) []string {
	env := []string{
		"PATH=" + r.cfg.SearchPath,
		"HOME=" + inv.dir,
		"LANG=C.UTF-8",
		"LC_ALL=C.UTF-8",
		"TZ=" + r.cfg.TimeZone,
		"NO_COLOR=1",
		"TERM=dumb",
	}
	env = append(env, platformEnvironment()...)
	return append(env, inv.env...)
}

// readCapped reads f to the end, keeping at most limit bytes and counting the
// rest. It keeps reading past the cap so a chatty tool is not blocked on a
// full pipe until the timeout.
func readCapped(f io.Reader, limit int) ([]byte, int64) {
	var kept []byte
	var dropped int64
	buf := make([]byte, 32<<10)
	for {
		n, err := f.Read(buf)
		if n > 0 {
			room := limit - len(kept)
			if room > n {
				room = n
			}
			kept = append(kept, buf[:room]...)
			dropped += int64(n - room)
		}
		if err != nil {
			return kept, dropped
		}
	}
}
