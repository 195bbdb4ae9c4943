package bridge

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMentionsServerPath(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Fatal Error: Cannot read configuration file /var/lib/channel-todo/channel-x/todo.cfg", true},
		{"Could not read '/srv/todo/taskrc'.", true},
		{"HOME=/home/mattermost", true},
		{"see ~/.taskrc", true},
		{"/usr/bin/todo-txt: line 3: syntax error", true},
		{"TODO: No task 99.", false},
		{"no todo 99", false},
		{"buy 1/2 litre and/or cream", false},
		{"meet at 10 / 11", false},
		{"usage: todo [-fhp] action", false},
		{"", false},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, MentionsServerPath(tc.text), tc.text)
	}
}
