package command

import (
	"strings"

	"github.com/channel-todo/channel-todo/server/i18n"
)

// RenderHelp renders the help reply: every verb with an example, where the
// commands act, how numbers are written and how to use mentions. With a
// topic it shows that verb only. bot is the bot's username.
func RenderHelp(l i18n.Localizer, bot string, topic Verb) string {
	if topic != "" {
		return l.Localize(i18n.HelpID(string(topic)), nil) + "\n\n" + l.Localize(i18n.MsgHelpMore, nil)
	}
	lines := []string{
		"#### " + l.Localize(i18n.MsgHelpTitle, nil),
		l.Localize(i18n.MsgHelpIntro, nil),
		"",
	}
	for _, v := range Verbs {
		lines = append(lines, "- "+l.Localize(i18n.HelpID(string(v)), nil))
	}
	lines = append(lines, "",
		l.Localize(i18n.MsgHelpWhere, nil),
		l.Localize(i18n.MsgHelpNumbers, nil),
		l.Localize(i18n.MsgHelpMention, map[string]any{"Bot": strings.TrimPrefix(bot, "@")}),
	)
	return strings.Join(lines, "\n")
}

// RenderShortHelp is the reply to something that is not a command: the
// usage error, then where to find the full help.
func RenderShortHelp(l i18n.Localizer, err *UsageError) string {
	return LocalizeError(l, err) + "\n" + l.Localize(i18n.MsgHelpShort, nil)
}
