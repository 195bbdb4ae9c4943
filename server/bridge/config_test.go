package bridge

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestConfigSetDefaults(t *testing.T) {
	var c Config
	c.SetDefaults()
	require.Equal(t, PresetTodo, c.Preset)
	require.Equal(t, DefaultTimeout, c.Timeout)
	require.Equal(t, DefaultMaxConcurrent, c.MaxConcurrent)
	require.Equal(t, DefaultMaxOutputBytes, c.MaxOutputBytes)
	require.Equal(t, DefaultReplyLimit, c.ReplyLimit)
	require.NotEmpty(t, c.SearchPath)
	require.NotEmpty(t, c.TimeZone)
}

func TestConfigValidate(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "todo")
	require.NoError(t, os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755))
	plain := filepath.Join(dir, "plain")
	require.NoError(t, os.WriteFile(plain, []byte("x"), 0o644))
	abs := func(parts ...string) string { return filepath.Join(append([]string{dir}, parts...)...) }

	good := Config{Preset: PresetTodoTxt, Executable: exe, DataRoot: abs("data")}
	tests := []struct {
		name string
		edit func(*Config)
		want string // part of the error; empty means valid
	}{
		{"valid", func(*Config) {}, ""},
		{"data root exists", func(c *Config) { c.DataRoot = dir }, ""},
		{"unknown preset", func(c *Config) { c.Preset = "todoist" }, `Preset "todoist" is not one of`},
		{"empty executable", func(c *Config) { c.Executable = "" }, "Executable path is empty"},
		{"relative executable", func(c *Config) { c.Executable = "todo-txt" }, `Executable path "todo-txt" is not absolute`},
		{"missing executable", func(c *Config) { c.Executable = abs("nope") }, "does not exist on this server"},
		{"directory as executable", func(c *Config) { c.Executable = dir }, "is a directory, not a program"},
		{"relative data root", func(c *Config) { c.DataRoot = "data" }, `Data directory "data" is not absolute`},
		{"empty data root", func(c *Config) { c.DataRoot = "" }, "Data directory is empty"},
		{"root as data root", func(c *Config) { c.DataRoot = filepath.VolumeName(dir) + string(filepath.Separator) }, "must not be the root directory"},
		{"data root is a file", func(c *Config) { c.DataRoot = exe }, "is a file, not a directory"},
		{"line break in data root", func(c *Config) { c.DataRoot = abs("a\nb") }, "must not contain line breaks"},
		{"data root without parent", func(c *Config) { c.DataRoot = abs("a", "b") }, "neither does its parent"},
		{"timeout too short", func(c *Config) { c.Timeout = time.Millisecond }, "Timeout 1ms is out of range"},
		{"timeout too long", func(c *Config) { c.Timeout = time.Hour }, "Timeout 1h0m0s is out of range"},
		{"concurrency too high", func(c *Config) { c.MaxConcurrent = 1000 }, "Concurrency limit 1000 is out of range"},
		{"negative concurrency", func(c *Config) { c.MaxConcurrent = -1 }, "Concurrency limit -1 is out of range"},
		{"output cap too small", func(c *Config) { c.MaxOutputBytes = 10 }, "Output cap 10 bytes is out of range"},
		{"reply limit too big", func(c *Config) { c.ReplyLimit = 20000 }, "Reply limit 20000 is out of range"},
		{"custom without list", func(c *Config) {
			c.Preset = PresetCustom
			c.Custom = CustomTemplates{Add: "add {text}"}
		}, "Custom list arguments are empty"},
		{"custom valid", func(c *Config) {
			c.Preset = PresetCustom
			c.Custom = CustomTemplates{Add: "add {text}", List: "ls"}
		}, ""},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct {
			name string
			edit func(*Config)
			want string
		}{"not executable", func(c *Config) { c.Executable = plain }, "is not executable: run chmod +x"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.edit(&c)
			err := c.Validate()
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestConfigValidateJoinsProblems(t *testing.T) {
	err := Config{Preset: "x", Executable: "rel", DataRoot: "rel"}.Validate()
	require.Error(t, err)
	require.Contains(t, err.Error(), "Preset")
	require.Contains(t, err.Error(), "Executable path")
	require.Contains(t, err.Error(), "Data directory")
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	_, err := New(Config{Executable: "todo", DataRoot: "/srv/todo"}, nil)
	require.ErrorContains(t, err, "is not absolute")
}

func TestParseCustom(t *testing.T) {
	full := CustomTemplates{Add: "add {text}", Done: "do {id}", List: "ls", Delete: "rm {id}"}
	tests := []struct {
		name string
		edit func(*CustomTemplates)
		want string
	}{
		{"valid", func(*CustomTemplates) {}, ""},
		{"done and delete optional", func(c *CustomTemplates) { c.Done, c.Delete = "", "" }, ""},
		{"quoted arguments", func(c *CustomTemplates) { c.Add = `"new item" --title {text}` }, ""},
		{"add without text", func(c *CustomTemplates) { c.Add = "add" }, "must contain {text} exactly once"},
		{"text twice", func(c *CustomTemplates) { c.Add = "add {text} {text}" }, "must contain {text} exactly once"},
		{"text inside an argument", func(c *CustomTemplates) { c.Add = "add --title={text}" }, "must be an argument of its own"},
		{"id in add", func(c *CustomTemplates) { c.Add = "add {text} {id}" }, "Custom add arguments cannot use {id}"},
		{"text in list", func(c *CustomTemplates) { c.List = "ls {text}" }, "Custom list arguments cannot use {text}"},
		{"done without id", func(c *CustomTemplates) { c.Done = "do" }, "must contain {id} exactly once"},
		{"unclosed quote", func(c *CustomTemplates) { c.List = `ls "x` }, "quote is not closed"},
		{"bad id pattern", func(c *CustomTemplates) { c.IDPattern = "[" }, "is not a valid regular expression"},
		{"end of options before text", func(c *CustomTemplates) { c.Add = "add {--} {text}" }, ""},
		{"end of options after text", func(c *CustomTemplates) { c.Add = "add {text} {--}" }, "{--} must come before {text}"},
		{"end of options inside an argument", func(c *CustomTemplates) { c.Add = "add x{--} {text}" }, "must be an argument of its own"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := full
			tc.edit(&c)
			_, err := parseCustom(c)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestSplitTemplate(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"add {text}", []string{"add", "{text}"}},
		{"  a\tb  ", []string{"a", "b"}},
		{`say "two words" 'and $HOME' x`, []string{"say", "two words", "and $HOME", "x"}},
		{`--flag="a b"`, []string{"--flag=a b"}},
		{`""`, []string{""}},
		{"", nil},
	}
	for _, tc := range tests {
		got, err := SplitTemplate(tc.in)
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
}

func TestCustomIDPatternMatchesWholeID(t *testing.T) {
	c, err := parseCustom(CustomTemplates{Add: "a {text}", List: "l", Done: "d {id}", IDPattern: "[0-9]+|[a-f]+"})
	require.NoError(t, err)
	require.True(t, c.idPattern().MatchString("12"))
	require.True(t, c.idPattern().MatchString("abc"))
	require.False(t, c.idPattern().MatchString("12abc"))
}

func TestIDStartingWithDashIsRejectedWhateverThePattern(t *testing.T) {
	r, err := New(Config{Preset: PresetCustom, Executable: filepath.Join(t.TempDir(), "tool"), DataRoot: t.TempDir(),
		Custom: CustomTemplates{Add: "a {text}", List: "l", Done: "d {id}", IDPattern: "-?[0-9]+"}}, nil)
	require.NoError(t, err)
	_, err = r.checkArg(VerbDone, "-1")
	require.ErrorContains(t, err, "is not a todo id")
	id, err := r.checkArg(VerbDone, "#7")
	require.NoError(t, err)
	require.Equal(t, "7", id)
}

func TestListKey(t *testing.T) {
	require.NoError(t, ChannelList("abc123").Validate())
	require.NoError(t, PersonalList("u_1-x").Validate())
	for _, bad := range []ListKey{"", ".", "..", "../x", "a/b", `a\b`, ".x", "-x", "A", "a b", "a\x00"} {
		require.Error(t, bad.Validate(), string(bad))
	}
}
