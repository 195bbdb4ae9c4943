package command

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestExtractCommand(t *testing.T) {
	triggers := []string{"todo:", "!todo", " ", ""}
	tests := []struct {
		name string
		msg  string
		want string
		ok   bool
	}{
		{"mention with command", "@todo add Buy milk", "add Buy milk", true},
		{"bare mention", "@todo", "", true},
		{"bare mention with spaces", "  @todo \n", "", true},
		{"mention in capitals", "@TODO list", "list", true},
		{"mention with colon", "@todo: done 3", "done 3", true},
		{"mention with comma", "@todo, list all", "list all", true},
		{"mention ending a sentence", "@todo.", "", true},
		{"mention then newline keeps text", "@todo\nadd first\nsecond", "add first\nsecond", true},
		{"plain text after mention", "@todo Review the *draft*", "Review the *draft*", true},
		{"longer username", "@todobot add x", "", false},
		{"hyphenated username", "@todo-other add x", "", false},
		{"underscored username", "@todo_x add x", "", false},
		{"dotted username", "@todo.bot add x", "", false},
		{"mention not at the start", "hey @todo add x", "", false},
		{"no mention", "todo add x", "", false},
		{"trigger with colon", "todo: add x", "add x", true},
		{"trigger with colon, no space", "todo:add x", "add x", true},
		{"trigger in capitals", "TODO: list", "list", true},
		{"bang trigger", "!todo done 1", "done 1", true},
		{"bang trigger alone", "!todo", "", true},
		{"bang trigger is a word", "!todoist add x", "", false},
		{"trigger not at the start", "see todo: later", "", false},
		{"empty message", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ExtractCommand(tt.msg, "todo", triggers)
			require.Equal(t, tt.ok, ok)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestExtractCommandOtherBotNames(t *testing.T) {
	got, ok := ExtractCommand("@Todo.Bot add x", "todo.bot", nil)
	require.True(t, ok)
	require.Equal(t, "add x", got)

	got, ok = ExtractCommand("@待办 add x", "待办", nil)
	require.True(t, ok)
	require.Equal(t, "add x", got)

	_, ok = ExtractCommand("@todo add x", "", nil)
	require.False(t, ok, "no bot name, no mention")

	// A non-ASCII trigger word and case folding beyond ASCII.
	got, ok = ExtractCommand("ÄRGER: x", "todo", []string{"ärger:"})
	require.True(t, ok)
	require.Equal(t, "x", got)
}

func TestExtractCommandPrefersTheLongestTrigger(t *testing.T) {
	for _, triggers := range [][]string{{"todo", "todo list"}, {"todo list", "todo"}} {
		got, ok := ExtractCommand("todo list done", "todo", triggers)
		require.True(t, ok)
		require.Equal(t, "done", got, "%v", triggers)
	}
}

func TestSlashCommandText(t *testing.T) {
	tests := map[string]string{
		"/todo":                    "",
		"/todo   ":                 "",
		"/todo add Buy milk":       "add Buy milk",
		"/TODO done 1 2":           "done 1 2",
		"/todo add line\nline two": "add line\nline two",
		"  /todo list":             "list",
	}
	for in, want := range tests {
		require.Equal(t, want, SlashCommandText(in), in)
	}
}

func TestMentionsBot(t *testing.T) {
	tests := []struct {
		msg  string
		want bool
	}{
		{"@todo add x", true},
		{"thanks @todo!", true},
		{"cc @TODO", true},
		{"(@todo)", true},
		{"@todobot hi", false},
		{"mail todo@todo.com", false},
		{"x.@todo", true},
		{"nothing here", false},
		{"@", false},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, MentionsBot(tt.msg, "todo"), tt.msg)
	}
	require.False(t, MentionsBot("@todo", ""))
}
