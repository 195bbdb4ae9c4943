package command

import (
	"net/url"
	"testing"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/require"
)

func TestAutocomplete(t *testing.T) {
	tr := loadTestTranslations(t)
	for _, lang := range tr.Languages() {
		t.Run(lang, func(t *testing.T) {
			l := tr.Localizer(lang)
			ac := Autocomplete(l, "/api/v1/autocomplete/todos")
			require.NoError(t, ac.IsValid())
			require.Equal(t, Trigger, ac.Trigger)

			sub := map[string]*model.AutocompleteData{}
			for _, c := range ac.SubCommands {
				sub[c.Trigger] = c
				require.NotEmpty(t, c.HelpText, c.Trigger)
				require.NotEqual(t, i18n.AutocompleteDescID(string(Verb(c.Trigger))), c.HelpText, "untranslated")
			}
			for _, v := range Verbs {
				require.Contains(t, sub, string(v))
			}
			require.Contains(t, sub, "my")
			for _, c := range sub["my"].SubCommands {
				_, ok := LookupVerb(c.Trigger)
				require.True(t, ok, c.Trigger)
			}

			// Where a number is expected, open todos are suggested; reopen
			// suggests done ones; under `my` the personal list's.
			checkDynamic := func(ad *model.AutocompleteData, state string, personal bool) {
				t.Helper()
				require.NotEmpty(t, ad.Arguments, ad.Trigger)
				arg := ad.Arguments[0]
				require.Equal(t, model.AutocompleteArgTypeDynamicList, arg.Type, ad.Trigger)
				u, err := url.Parse(arg.Data.(*model.AutocompleteDynamicListArg).FetchURL)
				require.NoError(t, err)
				require.Equal(t, "/api/v1/autocomplete/todos", u.Path)
				require.Equal(t, state, u.Query().Get("state"), ad.Trigger)
				if personal {
					require.Equal(t, "personal", u.Query().Get("scope"), ad.Trigger)
				} else {
					require.Empty(t, u.Query().Get("scope"), ad.Trigger)
				}
			}
			checkDynamic(sub["done"], "open", false)
			checkDynamic(sub["delete"], "open", false)
			checkDynamic(sub["reopen"], "done", false)
			checkDynamic(sub["edit"], "all", false)
			checkDynamic(sub["due"], "open", false)
			checkDynamic(sub["move"], "open", false)
			checkDynamic(sub["assign"], "open", false)
			checkDynamic(sub["unassign"], "all", false)
			for _, c := range sub["my"].SubCommands {
				if c.Trigger == "done" {
					checkDynamic(c, "open", true)
				}
			}

			// Every static suggestion is something Parse accepts there.
			for _, c := range ac.SubCommands {
				for _, arg := range c.Arguments {
					list, ok := arg.Data.(*model.AutocompleteStaticListArg)
					if !ok {
						continue
					}
					for _, item := range list.PossibleArguments {
						in := c.Trigger + " " + item.Item
						if len(c.Arguments) == 2 {
							in = c.Trigger + " 1 " + item.Item
						}
						_, err := Parse(in, testNow, testZone)
						require.NoError(t, err, in)
					}
				}
			}
		})
	}
}

func TestAutocompleteKeepsAnExistingQuery(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	ac := Autocomplete(l, "/api/v1/todos/suggest?limit=20")
	for _, c := range ac.SubCommands {
		if c.Trigger != "done" {
			continue
		}
		u, err := url.Parse(c.Arguments[0].Data.(*model.AutocompleteDynamicListArg).FetchURL)
		require.NoError(t, err)
		require.Equal(t, "20", u.Query().Get("limit"))
		require.Equal(t, "open", u.Query().Get("state"))
		return
	}
	t.Fatal("no done subcommand")
}

func TestSuggestTodos(t *testing.T) {
	items := []Item{
		{Number: 1, Text: "Buy milk"},
		{Number: 12, Text: "Call Bob\nabout the *release*"},
		{Number: 21, Text: "Milk the cows"},
	}
	numbers := func(s []model.AutocompleteListItem) []string {
		out := []string{}
		for _, it := range s {
			out = append(out, it.Item)
		}
		return out
	}
	tests := []struct {
		typed string
		want  []string
	}{
		{"", []string{"1", "12", "21"}},
		{"1", []string{"1", "12"}},
		{"#2", []string{"21"}},
		{"MILK", []string{"1", "21"}},
		{"release", []string{"12"}},
		{"nothing", []string{}},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, numbers(SuggestTodos(items, tt.typed)), tt.typed)
	}
	got := SuggestTodos(items, "12")
	require.Equal(t, model.AutocompleteListItem{Item: "12", Hint: "#12", HelpText: "Call Bob about the *release*"}, got[0])

	many := make([]Item, 100)
	for i := range many {
		many[i] = Item{Number: int64(i + 1), Text: "x"}
	}
	require.Len(t, SuggestTodos(many, ""), MaxSuggestions)
}
