package command

import "github.com/channel-todo/channel-todo/server/i18n"

// LocalizeError says a usage error in the user's language: the message,
// then, for a recognised verb, how to add a todo starting with that word.
func LocalizeError(l i18n.Localizer, err *UsageError) string {
	data := map[string]any{}
	for k, v := range err.Data {
		if s, ok := v.(string); ok {
			v = Neutralize(s)
		}
		data[k] = v
	}
	msg := l.Localize(err.ID, data)
	if err.Verb != "" && err.Verb != VerbAdd && err.Verb != VerbHelp {
		word, ok := data["Word"].(string)
		if !ok {
			word = string(err.Verb)
		}
		msg += "\n" + l.Localize(i18n.MsgUsageAddHint, map[string]any{"Word": word})
	}
	return msg
}
