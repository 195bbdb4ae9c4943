package command

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ExtractCommand decides whether a post is addressed to the bot and returns
// the command text in it. A post is addressed to the bot when, after leading
// white space, it starts with a mention of the bot (`@todo add milk`, a bare
// `@todo`, `@todo: list`) or with one of the admin's trigger words (`todo:`,
// `!todo`), compared without regard to case. The mention or word must end
// there: `@todobot`, `@todo-other` and `@todo.bot` are other users.
//
// The text is what follows, with one ':' or ',' right after the mention and
// the surrounding white space removed; it is "" for a bare mention.
func ExtractCommand(message, botUsername string, triggerWords []string) (string, bool) {
	msg := strings.TrimLeftFunc(message, unicode.IsSpace)
	if botUsername != "" {
		if rest, ok := cutWord(msg, "@"+strings.TrimPrefix(botUsername, "@")); ok {
			return commandText(rest), true
		}
	}
	words := make([]string, 0, len(triggerWords))
	for _, w := range triggerWords {
		if w = strings.TrimSpace(w); w != "" {
			words = append(words, w)
		}
	}
	// Longest first, so "todo:" wins over "todo" and the result never depends
	// on the order the admin typed them in.
	sort.SliceStable(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	for _, w := range words {
		if rest, ok := cutWord(msg, w); ok {
			return commandText(rest), true
		}
	}
	return "", false
}

// MentionsBot reports whether the message mentions the bot anywhere, for a
// door that wants to answer a mention that is not a command (ExtractCommand
// only takes one at the start, so "thanks @todo!" adds nothing).
func MentionsBot(message, botUsername string) bool {
	if botUsername == "" {
		return false
	}
	mention := "@" + strings.TrimPrefix(botUsername, "@")
	for i := 0; i < len(message); i++ {
		if message[i] != '@' {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(message[:i])
		if i > 0 && isNameRune(before) {
			continue // an e-mail address, not a mention
		}
		if _, ok := cutWord(message[i:], mention); ok {
			return true
		}
	}
	return false
}

// cutWord reports whether s starts with word (ignoring case) followed by a
// word boundary, and returns what follows.
func cutWord(s, word string) (string, bool) {
	i := 0
	for _, want := range word {
		got, size := utf8.DecodeRuneInString(s[i:])
		if size == 0 || !equalFoldRune(got, want) {
			return "", false
		}
		i += size
	}
	rest := s[i:]
	last, _ := utf8.DecodeLastRuneInString(word)
	if !isNameRune(last) {
		// A word ending in punctuation ("todo:", "!") needs no boundary.
		return rest, true
	}
	next, size := utf8.DecodeRuneInString(rest)
	switch {
	case size == 0:
		return rest, true
	case next == '.':
		// "@todo." ends a sentence; "@todo.bot" is someone else.
		after, size2 := utf8.DecodeRuneInString(rest[size:])
		if size2 != 0 && !unicode.IsSpace(after) {
			return "", false
		}
		return rest, true
	case isNameRune(next):
		return "", false
	}
	return rest, true
}

// isNameRune reports whether r can continue a username or trigger word.
func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-'
}

func equalFoldRune(a, b rune) bool {
	return a == b || strings.EqualFold(string(a), string(b))
}

func commandText(rest string) string {
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, ".") {
		rest = strings.TrimSpace(rest[1:])
	}
	return rest
}

// SlashCommandText returns what follows the trigger of a slash command, as
// Mattermost passes it in CommandArgs.Command: "/todo add x" gives "add x".
func SlashCommandText(command string) string {
	_, rest := nextField(command)
	return strings.TrimSpace(rest)
}
