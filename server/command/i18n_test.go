package command

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/i18n"
)

// i18nDir is assets/i18n, relative to this package.
var i18nDir = filepath.Join("..", "..", "assets", "i18n")

// messageIDs is every message id the translation files must define: i18n.MessageIDs with the
// verbs, weekdays and import skip reasons of this package.
func messageIDs() []string {
	verbs := make([]string, len(Verbs))
	for i, v := range Verbs {
		verbs[i] = string(v)
	}
	reasons := make([]string, len(importReasons))
	for i, r := range importReasons {
		reasons[i] = string(r)
	}
	return i18n.MessageIDs(verbs, weekdayNames, reasons)
}

func loadTestTranslations(t *testing.T) *i18n.Translations {
	t.Helper()
	tr, err := i18n.LoadTranslations(os.DirFS(i18nDir))
	require.NoError(t, err)
	return tr
}

// readMessages reads a translation file as id -> every text of the message
// (one text, or one per plural form).
func readMessages(t *testing.T, name string) map[string][]string {
	t.Helper()
	buf, err := os.ReadFile(filepath.Join(i18nDir, name))
	require.NoError(t, err)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(buf, &raw), name)
	out := map[string][]string{}
	for id, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[id] = []string{s}
			continue
		}
		var forms map[string]string
		require.NoError(t, json.Unmarshal(v, &forms), "%s: %s", name, id)
		require.Contains(t, forms, "other", "%s: %s needs an 'other' form", name, id)
		for _, f := range forms {
			out[id] = append(out[id], f)
		}
	}
	return out
}

var templateVar = regexp.MustCompile(`\{\{\s*\.([A-Za-z0-9_]+)\s*\}\}`)

// variables lists the template variables used by the texts of a message.
func variables(texts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, text := range texts {
		for _, m := range templateVar.FindAllStringSubmatch(text, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				out = append(out, m[1])
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestTranslationFilesMatch(t *testing.T) {
	en := readMessages(t, "en.json")
	zh := readMessages(t, "zh-CN.json")

	ids := messageIDs()
	sort.Strings(ids)
	enIDs := make([]string, 0, len(en))
	for id := range en {
		enIDs = append(enIDs, id)
	}
	sort.Strings(enIDs)
	require.Equal(t, ids, enIDs, "en.json must define exactly the ids the code uses")

	for id, texts := range en {
		require.Contains(t, zh, id, "zh-CN.json lacks %s", id)
		require.Equal(t, variables(texts), variables(zh[id]), "template variables of %s differ", id)
		for _, s := range append(texts, zh[id]...) {
			require.NotEmpty(t, s, id)
			require.Equal(t, len(templateVar.FindAllString(s, -1)), countActions(s), "%s: only {{.Name}} actions are allowed: %q", id, s)
		}
	}
	for id := range zh {
		require.Contains(t, en, id, "zh-CN.json has %s, en.json does not", id)
	}
}

// countActions counts template actions, so a typo like {{.Name} or {{Name}}
// is caught by comparing with the well-formed ones.
func countActions(s string) int {
	return len(regexp.MustCompile(`\{\{`).FindAllString(s, -1))
}

func TestVariablesCanFail(t *testing.T) {
	require.Equal(t, []string{"List", "Number"}, variables([]string{"No #{{.Number}} in {{ .List }}", "{{.Number}}"}))
	require.NotEqual(t, variables([]string{"{{.Number}}"}), variables([]string{"{{.Numbr}}"}))
}

func TestLocalizer(t *testing.T) {
	tr := loadTestTranslations(t)
	require.Equal(t, []string{"en", "zh-CN"}, tr.Languages())

	data := map[string]any{"Number": 9, "List": "~town-square"}
	tests := []struct {
		lang []string
		id   string
		data map[string]any
		want string
	}{
		{[]string{"en"}, i18n.MsgReplyNotFoundOpen, data, "No open todo #9 in ~town-square."},
		{[]string{"zh-CN"}, i18n.MsgReplyNotFoundOpen, data, "~town-square 中没有未完成的待办 #9。"},
		{[]string{"fr", "de"}, i18n.MsgReplyNotFoundOpen, data, "No open todo #9 in ~town-square."},
		{nil, i18n.MsgListOverdue, nil, "overdue"},
		{[]string{"zh-CN"}, i18n.MsgListOverdue, nil, "已逾期"},
		{[]string{"en"}, i18n.MsgListTitleOpen, map[string]any{"Count": 1, "List": "~x"}, "1 open todo in ~x"},
		{[]string{"en"}, i18n.MsgListTitleOpen, map[string]any{"Count": 3, "List": "~x"}, "3 open todos in ~x"},
		{[]string{"zh-CN"}, i18n.MsgListTitleOpen, map[string]any{"Count": 1, "List": "~x"}, "~x 中有 1 条未完成的待办"},
		{[]string{"en"}, "no.such.id", nil, "no.such.id"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, tr.Localizer(tt.lang...).Localize(tt.id, tt.data), "%v %s", tt.lang, tt.id)
	}
}

func TestEveryMessageRendersInEveryLanguage(t *testing.T) {
	tr := loadTestTranslations(t)
	data := map[string]any{
		"Verb": "done", "Word": "rm", "Arg": "x", "Max": 100, "Suggestion": "done",
		"Number": 3, "List": "~town-square", "Text": "Buy milk", "Users": "@alice", "User": "@bob",
		"Due": "tomorrow", "Position": 2, "Count": 2, "Channel": "town-square", "From": 1, "To": 20,
		"Total": 45, "Command": "/todo list 2", "Bot": "todo", "Limit": 4000,
		"Link": "http://x/pl/1", "Time": "09:00", "Digest": "09:00", "Completion": "on",
		"Priority": "high priority", "Filter": "open", "Recur": "every Monday",
		"Imported": 3, "Skipped": 1, "Sender": "@carol", "Words": "milk", "Done": 1, "Open": 2, "Item": "2",
	}
	for _, lang := range tr.Languages() {
		l := tr.Localizer(lang)
		for _, id := range messageIDs() {
			got := l.Localize(id, data)
			require.NotEqual(t, id, got, "%s: %s is missing", lang, id)
			require.NotContains(t, got, "<no value>", "%s: %s uses data it is not given", lang, id)
			require.NotContains(t, got, "{{", "%s: %s", lang, id)
		}
	}
}

func TestLocalizeError(t *testing.T) {
	tr := loadTestTranslations(t)
	_, err := Parse("rm", testNow, testZone)
	var ue *UsageError
	require.ErrorAs(t, err, &ue)
	en := LocalizeError(tr.Localizer("en"), ue)
	require.Equal(t, "Tell me which todos, for example `/todo delete 3` or `/todo delete 1 2 #5`.\n"+
		"To add a todo that starts with “rm”, write `/todo add rm …`.", en)
	zh := LocalizeError(tr.Localizer("zh-CN"), ue)
	require.Contains(t, zh, "请指明是哪些待办")

	// User input quoted back is neutralized.
	_, err = Parse("assign 3 @channel!", testNow, testZone)
	require.ErrorAs(t, err, &ue)
	msg := LocalizeError(tr.Localizer("en"), ue)
	require.Contains(t, msg, "@"+WordJoiner+"channel!")
	require.Empty(t, mentionWords(msg))
}
