package command

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/channel-todo/channel-todo/server/i18n"
)

// Trigger is the slash command's trigger word.
const Trigger = "todo"

// Autocomplete builds the autocomplete tree of /todo: every verb with its
// arguments, and the same verbs under `my`. Where a todo number is expected
// the argument is a dynamic list fetched from todosURL (a path relative to
// the plugin, such as "/api/v1/autocomplete/todos"), with "state" (open,
// done or all: which todos fit the verb) and, under `my`, "scope=personal"
// added to its query. Mattermost adds user_input, parsed, channel_id,
// root_id and user_id to the request itself. Texts are in l's language.
func Autocomplete(l i18n.Localizer, todosURL string) *model.AutocompleteData {
	root := model.NewAutocompleteData(Trigger, l.Localize(i18n.MsgACHint, nil), l.Localize(i18n.MsgACDesc, nil))
	for _, v := range Verbs {
		root.AddCommand(verbAutocomplete(l, v, todosURL, false))
	}
	my := model.NewAutocompleteData("my", "", l.Localize(i18n.MsgACMy, nil))
	for _, v := range Verbs {
		if v == VerbHelp || v == VerbMine || v == VerbBridge || v == VerbSettings || v == VerbImport || v == VerbFind {
			continue
		}
		my.AddCommand(verbAutocomplete(l, v, todosURL, true))
	}
	root.AddCommand(my)
	return root
}

func verbAutocomplete(l i18n.Localizer, v Verb, todosURL string, personal bool) *model.AutocompleteData {
	say := func(id string) string { return l.Localize(id, nil) }
	ac := model.NewAutocompleteData(string(v), say(i18n.AutocompleteHintID(string(v))), say(i18n.AutocompleteDescID(string(v))))
	todos := func(state ListState) string { return todoListURL(todosURL, state, personal) }
	states := []model.AutocompleteListItem{
		{Item: string(StateOpen), HelpText: say(i18n.MsgACOpen)},
		{Item: string(StateDone), HelpText: say(i18n.MsgACDone)},
		{Item: string(StateAll), HelpText: say(i18n.MsgACAll)},
	}
	switch v {
	case VerbAdd:
		ac.AddTextArgument(say(i18n.MsgACText), say(i18n.AutocompleteHintID(string(v))), "")
	case VerbList, VerbMine:
		ac.AddStaticListArgument(say(i18n.MsgACState), false, states)
	case VerbDone, VerbDelete:
		ac.AddDynamicListArgument(say(i18n.MsgACNumbers), todos(StateOpen), true)
	case VerbReopen:
		ac.AddDynamicListArgument(say(i18n.MsgACNumbers), todos(StateDone), true)
	case VerbComment:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateAll), true)
		ac.AddTextArgument(say(i18n.MsgACText), "", "")
	case VerbItem:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateOpen), true)
		ac.AddTextArgument(say(i18n.AutocompleteDescID(string(v))), "[add <text>|tick <item>|untick <item>|move <item> <place>|edit <item> <text>|remove <item>]", "")
	case VerbEdit:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateAll), true)
		ac.AddTextArgument(say(i18n.MsgACText), "", "")
	case VerbAssign:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateOpen), true)
		ac.AddTextArgument(say(i18n.MsgACUsers), "@user", "")
	case VerbUnassign:
		// Mattermost does not allow an optional positional text argument,
		// so the optional user is only named in the verb's hint.
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateAll), true)
	case VerbDue:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateOpen), true)
		ac.AddStaticListArgument(say(i18n.MsgACDate), true, []model.AutocompleteListItem{
			{Item: "today", HelpText: say(i18n.MsgACToday)},
			{Item: "tomorrow", HelpText: say(i18n.MsgACTomorrow)},
			{Item: "next monday", HelpText: say(i18n.MsgACNextWeek)},
			{Item: "none", HelpText: say(i18n.MsgACDateNone)},
			{Item: "2026-12-31", Hint: "YYYY-MM-DD [HH:MM]", HelpText: say(i18n.MsgACDateOther)},
		})
	case VerbPriority:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateOpen), true)
		ac.AddStaticListArgument(say(i18n.AutocompleteDescID(string(v))), true, []model.AutocompleteListItem{
			{Item: "high", HelpText: say(i18n.MsgPriorityHigh)},
			{Item: "medium", HelpText: say(i18n.MsgPriorityMedium)},
			{Item: "low", HelpText: say(i18n.MsgPriorityLow)},
			{Item: "none", HelpText: say(i18n.MsgACPriorityNone)},
		})
	case VerbRecur:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateOpen), true)
		ac.AddStaticListArgument(say(i18n.AutocompleteDescID(string(v))), true, []model.AutocompleteListItem{
			{Item: "monday", HelpText: say("recur.monday")},
			{Item: "day", HelpText: say(i18n.MsgRecurDay)},
			{Item: "week", HelpText: say(i18n.MsgRecurWeek)},
			{Item: "month", HelpText: say(i18n.MsgRecurMonth)},
			{Item: "off", HelpText: say(i18n.AutocompleteDescID(string(v)))},
		})
	case VerbMove:
		ac.AddDynamicListArgument(say(i18n.MsgACNumber), todos(StateOpen), true)
		ac.AddStaticListArgument(say(i18n.MsgACPlace), true, []model.AutocompleteListItem{
			{Item: string(PlaceTop), HelpText: say(i18n.MsgACTop)},
			{Item: string(PlaceBottom), HelpText: say(i18n.MsgACBottom)},
		})
	case VerbExport:
		ac.AddStaticListArgument(say(i18n.MsgACFormat), false, []model.AutocompleteListItem{
			{Item: string(FormatMarkdown), HelpText: say(i18n.MsgACMarkdown)},
			{Item: string(FormatCSV), HelpText: say(i18n.MsgACCSV)},
		})
	case VerbHelp:
		items := make([]model.AutocompleteListItem, 0, len(Verbs))
		for _, t := range Verbs {
			if t != VerbHelp {
				items = append(items, model.AutocompleteListItem{Item: string(t), HelpText: say(i18n.AutocompleteDescID(string(t)))})
			}
		}
		ac.AddStaticListArgument(say(i18n.MsgACTopic), false, items)
	case VerbSettings:
		ac.AddCommand(model.NewAutocompleteData(settingDigest, "on 09:00 | off", say(i18n.MsgDigestTitleAC)))
		ac.AddCommand(model.NewAutocompleteData(settingCompletion, "on | off", say(i18n.MsgCompletionAC)))
	case VerbBridge:
		// Shown to everyone (Mattermost has one tree per command); the
		// check itself answers non-admins that it is for system admins.
		ac.AddCommand(model.NewAutocompleteData(bridgeCheckWord, "", say(i18n.MsgACBridgeCheck)))
	case VerbImport:
		official := model.NewAutocompleteData(importOfficialWord, "["+importConfirmWord+"]", say(i18n.MsgACImportOfficial))
		official.AddCommand(model.NewAutocompleteData(importConfirmWord, "", say(i18n.MsgACImportConfirm)))
		ac.AddCommand(official)
	}
	return ac
}

// todoListURL adds which todos to suggest to the dynamic list's URL.
func todoListURL(base string, state ListState, personal bool) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("state", string(state))
	if personal {
		q.Set("scope", "personal")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// MaxSuggestions is how many todos a dynamic autocomplete list offers.
const MaxSuggestions = 25

// SuggestTodos picks the todos to offer while a number is being typed.
// typed is the word typed so far (Mattermost's user_input minus parsed): a
// number or `#number` prefix matches numbers, anything else matches words of
// the text, without regard to case. The suggestion inserts the number and
// shows the text, which autocomplete displays as plain text.
func SuggestTodos(items []Item, typed string) []model.AutocompleteListItem {
	typed = strings.TrimSpace(typed)
	number := strings.TrimPrefix(strings.TrimPrefix(typed, "#"), "＃")
	needle := strings.ToLower(typed)
	out := []model.AutocompleteListItem{}
	for _, it := range items {
		n := strconv.FormatInt(it.Number, 10)
		text := oneLine(it.Text, 80)
		if typed != "" && !strings.HasPrefix(n, number) && !strings.Contains(strings.ToLower(text), needle) {
			continue
		}
		out = append(out, model.AutocompleteListItem{Item: n, Hint: "#" + n, HelpText: text})
		if len(out) == MaxSuggestions {
			break
		}
	}
	return out
}
