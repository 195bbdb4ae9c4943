package bridge

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestCleanOutput(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "hello\n", "hello"},
		{"colours", "\x1b[1;31mred\x1b[0m and \x1b[32mgreen\x1b[m", "red and green"},
		{"cursor moves", "a\x1b[2K\x1b[1Ab\x1b[?25l", "ab"},
		{"title via OSC with BEL", "\x1b]0;owned\x07text", "text"},
		{"hyperlink via OSC with ST", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"two-byte escapes", "a\x1bcb\x1b7c", "abc"},
		{"CRLF", "a\r\nb\r\n", "a\nb"},
		{"bare CR", "a\rb", "a\nb"},
		{"control characters", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"C1 controls", "a\u009bb\u0085c", "abc"},
		{"invalid UTF-8", "ok \xff\xfe end", "ok \uFFFD end"},
		{"tabs kept", "1\tmilk", "1\tmilk"},
		{"trailing space and blank lines", "\n\na  \nb\t\n\n", "a\nb"},
		{"unicode kept", "café ☕ 日本", "café ☕ 日本"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cleanOutput([]byte(tc.in))
			require.Equal(t, tc.want, got)
			require.True(t, utf8.ValidString(got))
		})
	}
}

func TestTrimForPost(t *testing.T) {
	short, cut := trimForPost("abc", 200, 0)
	require.False(t, cut)
	require.Equal(t, "abc", short)

	dropped, cut := trimForPost("abc", 200, 500)
	require.True(t, cut)
	require.Equal(t, "abc\n… (output trimmed: 500 more bytes not shown)", dropped)

	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString("é line\n")
	}
	long := strings.TrimSuffix(b.String(), "\n")
	got, cut := trimForPost(long, 300, 0)
	require.True(t, cut)
	require.LessOrEqual(t, utf8.RuneCountInString(got), 300)
	require.True(t, utf8.ValidString(got))
	body, note, found := strings.Cut(got, "\n… (output trimmed: ")
	require.True(t, found)
	require.True(t, strings.HasSuffix(body, "é line"), "cut at a line break")
	require.Equal(t, strings.Count(body, "\n")+1, strings.Count(body, "é line"))
	require.Regexp(t, `^[0-9]+ more bytes not shown\)$`, note)
}
