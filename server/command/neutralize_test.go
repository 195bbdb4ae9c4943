package command

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/mattermost/mattermost/server/public/shared/markdown"
	"github.com/stretchr/testify/require"
)

// mentionWords finds what Mattermost's server would treat as @-mentions in a
// post: it walks the Markdown with Mattermost's own parser (shared/markdown,
// the one the server's notification code uses), joins adjacent text nodes
// as the server does, splits them into words the way the server's mention
// parser does, and returns every word that still starts with "@" and names
// something (a user, a group, @channel, @all, @here). It errs on the side of
// finding too much: any such word counts, whether or not the name exists.
func mentionWords(message string) []string {
	var found []string
	buf := ""
	flush := func() {
		found = append(found, atWords(buf)...)
		buf = ""
	}
	markdown.Inspect(message, func(node any) bool {
		if text, ok := node.(*markdown.Text); ok {
			buf += text.Text
			return false
		}
		flush()
		return true
	})
	flush()
	return found
}

// atWords splits text as Mattermost's mention parser does: at every rune
// that is not a letter, digit or one of ":.-_@"; each word is then looked at
// whole, without leading ":.-_", without trailing ".-:_", and in the pieces
// between '.', '-' and ':'.
func atWords(text string) []string {
	var out []string
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(r == ':' || r == '.' || r == '-' || r == '_' || r == '@' || unicode.IsLetter(r) || unicode.IsNumber(r))
	})
	for _, w := range words {
		candidates := []string{strings.TrimLeft(w, ":.-_"), strings.TrimRight(strings.TrimLeft(w, ":.-_"), ".-:_")}
		candidates = append(candidates, strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '-' || r == ':' })...)
		for _, c := range candidates {
			if len(c) > 1 && c[0] == '@' && c[1] != '@' {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func TestMentionWordsFindsWhatMattermostWould(t *testing.T) {
	// The checker itself must be able to fail, or the tests below prove
	// nothing.
	tests := []struct {
		in   string
		want []string
	}{
		{"hello @channel", []string{"@channel"}},
		{"@alice, please", []string{"@alice"}},
		{"x.@here", []string{"@here"}},
		{"_@all", []string{"@all"}},
		// This server version ends a text node at a character reference,
		// so "&#64;bob" is "@" and "bob"; Neutralize guards it anyway, in
		// case a later parser merges them.
		{"mail &#64;bob now", nil},
		{"named &commat;bob", nil},
		{"escaped \\@bob", []string{"@bob"}},
		{"[@bob](http://example.com)", []string{"@bob"}},
		{"`@bob` in code", nil},
		{"```\n@bob\n```", nil},
		{"    @bob indented code", nil},
		{"email bob@example.com", nil},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, mentionWords(tt.in), tt.in)
	}
}

func TestNeutralize(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", ""},
		{"no mentions here", "no mentions here"},
		{"@channel", "@\u2060channel"},
		{"ping @Alice and @here!", "ping @\u2060Alice and @\u2060here!"},
		{"&#64;all &#x40;all &#0064;all &commat;all", "&#64;\u2060all &#x40;\u2060all &#0064;\u2060all &commat;\u2060all"},
		{"a & b &amp; c", "a & b &amp; c"},
		{"already @\u2060safe", "already @\u2060safe"},
		{"`git@host:repo`", "`git@\u2060host:repo`"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, Neutralize(tt.in), tt.in)
	}
}

func TestNeutralizeLeavesNoMention(t *testing.T) {
	for _, in := range neutralizeSeeds {
		require.NotEmpty(t, in)
		out := Neutralize(in)
		require.Empty(t, mentionWords(out), "Neutralize(%q) = %q", in, out)
		// And it reads the same: only invisible joiners were added.
		require.Equal(t, strings.ReplaceAll(in, WordJoiner, ""), strings.ReplaceAll(out, WordJoiner, ""))
	}
	// The seeds do mention someone before neutralizing, or they test nothing.
	require.NotEmpty(t, mentionWords(strings.Join(neutralizeSeeds, "\n\n")))
}

var neutralizeSeeds = []string{
	"@channel", "@all please look", "cc @here", "@alice @bob.smith @carol_d @dave-e",
	"**@channel**", "*@all*", "~~@here~~", "> @channel in a quote", "- [ ] @alice in a task",
	"# @channel heading", "[@channel](https://example.com)", "![@all](https://example.com/x.png)",
	"x.@here", "_@all", "-@channel", ":@here:", "(@alice)", "\"@bob\"", "@alice's",
	"&#64;channel", "&#x40;all", "&#X40;here", "&#0000064;alice", "&commat;bob",
	"\\@channel", "@\\channel", "@@channel", "@", "email bob@example.com and @channel",
	"www.example.com@channel", "http://example.com/@channel", "<@channel>",
	"@channel\n@here\n\n@all", "line\u2028@channel", "＠channel", "@ｃhannel",
	"a@channel.b", "@channel.", "@channel-", "@channel:", "@channel_",
}

// FuzzNeutralize checks Neutralize on any text: what it returns mentions no
// one by Mattermost's own Markdown parsing, it only adds joiners, and it is
// idempotent.
func FuzzNeutralize(f *testing.F) {
	for _, s := range neutralizeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			// Posts are UTF-8 (the API decodes them from JSON), and
			// Mattermost's Markdown parser can panic on invalid bytes.
			t.Skip()
		}
		out := Neutralize(in)
		if words := mentionWords(out); len(words) > 0 {
			t.Fatalf("Neutralize(%q) = %q still mentions %v", in, out, words)
		}
		if strings.ReplaceAll(out, WordJoiner, "") != strings.ReplaceAll(in, WordJoiner, "") {
			t.Fatalf("Neutralize(%q) = %q changed more than joiners", in, out)
		}
		if again := Neutralize(out); again != out {
			t.Fatalf("Neutralize is not idempotent on %q", in)
		}
	})
}

func TestReplyNeutralizesData(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	got := Reply(l, i18n.MsgReplyAdded, map[string]any{"Number": 3, "List": "~town-square", "Text": "tell @all about &#64;here"})
	require.Equal(t, "Added **#3** to ~town-square: tell @\u2060all about &#64;\u2060here", got)
	require.Empty(t, mentionWords(got))
	got = Reply(l, i18n.MsgReplyAssigned, map[string]any{"Number": 3, "Users": Mentions([]string{"alice", "bob"})})
	require.Equal(t, "Assigned **#3** to @\u2060alice, @\u2060bob.", got)
}
