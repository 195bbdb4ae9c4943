package command

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestSplitPost(t *testing.T) {
	line := func(c string, n int) string { return strings.Repeat(c, n) }
	atLimit := line("a", 100) + "\n" + line("é", MaxPostRunes-101)
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{name: "short", text: "one\ntwo", limit: 10, want: []string{"one\ntwo"}},
		{name: "exactly at Mattermost's limit", text: atLimit, limit: MaxPostRunes, want: []string{atLimit}},
		{name: "one over Mattermost's limit", text: atLimit + "é", limit: MaxPostRunes,
			want: []string{line("a", 100), line("é", MaxPostRunes-100)}},
		{name: "between lines", text: "aaaa\nbbbb\ncccc", limit: 9, want: []string{"aaaa\nbbbb", "cccc"}},
		{name: "a code block is closed and opened again", text: "head\n```csv\nx1\nx2\nx3\n```", limit: 18,
			want: []string{"head\n```csv\nx1\n```", "```csv\nx2\nx3\n```"}},
		{name: "a longer fence stays the fence", text: "````markdown\n```\ninner\n```\n````", limit: 27,
			want: []string{"````markdown\n```\ninner\n````", "````markdown\n```\n````"}},
		{name: "a line longer than a post is cut with a note", text: "short\n" + line("x", 30), limit: 20,
			want: []string{"short", line("x", 13) + "… [cut]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitPost(tt.text, tt.limit, " [cut]")
			require.Equal(t, tt.want, got)
			for _, part := range got {
				require.LessOrEqual(t, utf8.RuneCountInString(part), tt.limit)
			}
		})
	}
}
