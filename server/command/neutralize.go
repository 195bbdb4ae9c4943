package command

import (
	"regexp"
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"
)

// WordJoiner is the invisible character Neutralize puts after an "@".
//
// Mattermost finds mentions on the server by parsing the post's Markdown,
// taking the text nodes (code spans and code blocks never mention) and
// splitting them into words at every character that is not a letter, a
// digit, or one of ":.-_@". U+2060 WORD JOINER is none of these, so "@" and
// the name after it become two words and neither is a mention; the web and
// mobile clients' highlighting of @name and @channel stops at it as well.
// It is a default-ignorable format character: it has no width and does not
// allow a line break, so "@​alice" still reads as "@alice".
const WordJoiner = "\u2060"

// atEntity matches the HTML character references Markdown turns into "@"
// (&#64; &#x40; &commat;, with any leading zeros), which would otherwise
// smuggle a mention past a check for the "@" character.
var atEntity = regexp.MustCompile(`^(?:&#0*64;|&#[xX]0*40;|&commat;)`)

// Neutralize makes user text safe to post as the bot: no @channel, @all,
// @here, @user or @group in it can notify anyone, while the text reads and
// renders as before. It only inserts WordJoiner after each "@" (and after
// each character reference for "@"), so it is idempotent and removing the
// joiners gives back the input.
func Neutralize(text string) string {
	if !strings.ContainsAny(text, "@&") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 8)
	for i := 0; i < len(text); {
		n := 0
		switch text[i] {
		case '@':
			n = 1
		case '&':
			n = len(atEntity.FindString(text[i:]))
		}
		if n == 0 {
			b.WriteByte(text[i])
			i++
			continue
		}
		b.WriteString(text[i : i+n])
		i += n
		if !strings.HasPrefix(text[i:], WordJoiner) {
			b.WriteString(WordJoiner)
		}
	}
	return b.String()
}

// NeutralizeAll neutralizes every string of a template data map, for replies
// whose data is user content (todo text, names).
func NeutralizeAll(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		switch s := v.(type) {
		case string:
			out[k] = Neutralize(s)
		case []string:
			ns := make([]string, len(s))
			for i := range s {
				ns[i] = Neutralize(s[i])
			}
			out[k] = ns
		default:
			out[k] = v
		}
	}
	return out
}

// Reply renders a reply message whose data may hold user content (todo text,
// usernames, quoted input): every string in data is neutralized first. All
// of the command layer's messages are safe to render this way.
func Reply(l i18n.Localizer, id string, data map[string]any) string {
	return l.Localize(id, NeutralizeAll(data))
}
