package bridge

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// Preset names, as an admin picks them in the System Console.
const (
	PresetTodo        = "todo"
	PresetTodoTxt     = "todo.txt"
	PresetTaskwarrior = "taskwarrior"
	PresetCustom      = "custom"
)

// Presets lists every preset name.
var Presets = []string{PresetTodo, PresetTodoTxt, PresetTaskwarrior, PresetCustom}

// Defaults and bounds of the settings.
const (
	DefaultTimeout        = 30 * time.Second
	MinTimeout            = time.Second
	MaxTimeout            = 10 * time.Minute
	DefaultMaxConcurrent  = 4
	MaxMaxConcurrent      = 64
	DefaultMaxOutputBytes = 256 << 10
	MinMaxOutputBytes     = 1 << 10
	MaxMaxOutputBytes     = 16 << 20
	// DefaultReplyLimit keeps a reply well inside Mattermost's 16383-rune post limit.
	DefaultReplyLimit = 12000
	MaxReplyLimit     = 16000
	MinReplyLimit     = 200
	DefaultSearchPath = "/usr/local/bin:/usr/bin:/bin"
)

// Config is what an admin sets for the bridge.
type Config struct {
	// Preset is one of Presets.
	Preset string `json:"preset"`
	// Executable is the absolute path of the tool.
	Executable string `json:"executable"`
	// DataRoot is the absolute directory under which each list gets its own
	// private directory.
	DataRoot string `json:"data_root"`
	// Timeout bounds one run of the tool.
	Timeout time.Duration `json:"timeout"`
	// MaxConcurrent bounds how many tools run at once across all lists.
	MaxConcurrent int `json:"max_concurrent"`
	// MaxOutputBytes is how much of stdout (and of stderr) is read; the rest
	// is discarded.
	MaxOutputBytes int `json:"max_output_bytes"`
	// ReplyLimit is the longest Output, in runes, before it is trimmed with a note.
	ReplyLimit int `json:"reply_limit"`
	// SearchPath is the PATH the tool sees (scripts need it to find their helpers).
	SearchPath string `json:"search_path"`
	// TimeZone is the TZ the tool sees; empty means the server's TZ or UTC.
	TimeZone string `json:"time_zone"`
	// Custom holds the argv templates of the custom preset.
	Custom CustomTemplates `json:"custom"`
}

// CustomTemplates are the custom preset's argument templates, one per verb,
// written as the arguments after the executable: `new {text}`, `finish {id}`.
// `{text}` and `{id}` must each stand alone as one argument and are replaced
// by exactly one argument, whatever they contain. Quote an argument with
// spaces with '...' or "...".
type CustomTemplates struct {
	Add    string `json:"add"`
	Done   string `json:"done"`
	List   string `json:"list"`
	Delete string `json:"delete"`
	// IDPattern is a regular expression a whole id must match; empty means
	// digits only. An id may never start with '-'.
	IDPattern string `json:"id_pattern"`
}

// SetDefaults fills the unset settings.
func (c *Config) SetDefaults() {
	if c.Preset == "" {
		c.Preset = PresetTodo
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxConcurrent == 0 {
		c.MaxConcurrent = DefaultMaxConcurrent
	}
	if c.MaxOutputBytes == 0 {
		c.MaxOutputBytes = DefaultMaxOutputBytes
	}
	if c.ReplyLimit == 0 {
		c.ReplyLimit = DefaultReplyLimit
	}
	if c.SearchPath == "" {
		c.SearchPath = defaultSearchPath()
	}
	if c.TimeZone == "" {
		c.TimeZone = os.Getenv("TZ")
		if c.TimeZone == "" {
			c.TimeZone = "UTC"
		}
	}
}

// IsValid checks the settings without touching the disk. The error reads
// well in the System Console; several problems are joined.
func (c Config) IsValid() error {
	var errs []error
	if !knownPreset(c.Preset) {
		errs = append(errs, fmt.Errorf("Preset %q is not one of todo, todo.txt, taskwarrior or custom.", c.Preset))
	}
	switch {
	case c.Executable == "":
		errs = append(errs, errors.New("Executable path is empty: enter the absolute path of the tool, such as /usr/bin/todo-txt."))
	case !filepath.IsAbs(c.Executable):
		errs = append(errs, fmt.Errorf("Executable path %q is not absolute: enter the full path, such as /usr/bin/todo-txt.", c.Executable))
	}
	switch {
	case c.DataRoot == "":
		errs = append(errs, errors.New("Data directory is empty: enter an absolute directory the server may write to, such as /var/lib/channel-todo."))
	case !filepath.IsAbs(c.DataRoot):
		errs = append(errs, fmt.Errorf("Data directory %q is not absolute: enter the full path, such as /var/lib/channel-todo.", c.DataRoot))
	case filepath.Clean(c.DataRoot) == filepath.VolumeName(c.DataRoot)+string(filepath.Separator):
		errs = append(errs, errors.New("Data directory must not be the root directory."))
	case strings.ContainsAny(c.DataRoot, "\x00\n\r"):
		errs = append(errs, errors.New("Data directory must not contain line breaks."))
	}
	if strings.ContainsAny(c.Executable, "\x00\n\r") {
		errs = append(errs, errors.New("Executable path must not contain line breaks."))
	}
	if c.Timeout < MinTimeout || c.Timeout > MaxTimeout {
		errs = append(errs, fmt.Errorf("Timeout %s is out of range: use between %s and %s.", c.Timeout, MinTimeout, MaxTimeout))
	}
	if c.MaxConcurrent < 1 || c.MaxConcurrent > MaxMaxConcurrent {
		errs = append(errs, fmt.Errorf("Concurrency limit %d is out of range: use between 1 and %d.", c.MaxConcurrent, MaxMaxConcurrent))
	}
	if c.MaxOutputBytes < MinMaxOutputBytes || c.MaxOutputBytes > MaxMaxOutputBytes {
		errs = append(errs, fmt.Errorf("Output cap %d bytes is out of range: use between %d and %d.", c.MaxOutputBytes, MinMaxOutputBytes, MaxMaxOutputBytes))
	}
	if c.ReplyLimit < MinReplyLimit || c.ReplyLimit > MaxReplyLimit {
		errs = append(errs, fmt.Errorf("Reply limit %d is out of range: use between %d and %d characters.", c.ReplyLimit, MinReplyLimit, MaxReplyLimit))
	}
	if c.Preset == PresetCustom {
		if _, err := parseCustom(c.Custom); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Validate is IsValid plus the checks on disk an admin needs when saving the
// settings: the executable exists, is a regular file and may be run, and the
// data directory is (or can become) a directory.
func (c Config) Validate() error {
	c.SetDefaults()
	if err := c.IsValid(); err != nil {
		return err
	}
	var errs []error
	if err := checkExecutable(c.Executable); err != nil {
		errs = append(errs, err)
	}
	if err := checkDataRoot(c.DataRoot); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func checkExecutable(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("Executable %s does not exist on this server: install the tool or correct the path.", path)
	case err != nil:
		return fmt.Errorf("Executable %s cannot be checked: %v.", path, err)
	case info.IsDir():
		return fmt.Errorf("Executable %s is a directory, not a program.", path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("Executable %s is not a regular file.", path)
	case runtime.GOOS != "windows" && info.Mode().Perm()&0o111 == 0:
		return fmt.Errorf("Executable %s is not executable: run chmod +x on it.", path)
	}
	return nil
}

func checkDataRoot(path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		parent := filepath.Dir(filepath.Clean(path))
		pinfo, perr := os.Stat(parent)
		if perr != nil || !pinfo.IsDir() {
			return fmt.Errorf("Data directory %s does not exist and neither does its parent %s: create it first.", path, parent)
		}
		return nil // created (0700) on first use
	}
	if err != nil {
		return fmt.Errorf("Data directory %s cannot be checked: %v.", path, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("Data directory %s is a file, not a directory.", path)
	}
	return nil
}

func knownPreset(name string) bool {
	for _, p := range Presets {
		if p == name {
			return true
		}
	}
	return false
}

// digits is the id pattern of tools that number their todos.
var digits = regexp.MustCompile(`^[1-9][0-9]{0,8}$`)
