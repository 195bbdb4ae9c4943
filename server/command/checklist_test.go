package command

import (
	"context"
	"strings"
	"testing"

	"github.com/channel-todo/channel-todo/server/i18n"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestParseItem(t *testing.T) {
	tests := []struct {
		in     string
		action ItemAction
		items  []int64
		text   string
		place  Place
	}{
		{"item 3", ItemShow, nil, "", Place{}},
		{"ITEMS #3", ItemShow, nil, "", Place{}},
		{"checklist 3", ItemShow, nil, "", Place{}},
		{"item 3 add Buy milk", ItemAdd, nil, "Buy milk", Place{}},
		{"item 3 Buy oat milk", ItemAdd, nil, "Buy oat milk", Place{}},
		{"item 3 tick the box", ItemAdd, nil, "tick the box", Place{}},
		{"item 3 move fast", ItemAdd, nil, "move fast", Place{}},
		{"item 3 add tick 2", ItemAdd, nil, "tick 2", Place{}},
		{"item 3 tick 2", ItemTick, []int64{2}, "", Place{}},
		{"item 3 check 1 2-4", ItemTick, []int64{1, 2, 3, 4}, "", Place{}},
		{"item 3 untick 2", ItemUntick, []int64{2}, "", Place{}},
		{"item 3 remove 2,5", ItemRemove, []int64{2, 5}, "", Place{}},
		{"item 3 rm #1", ItemRemove, []int64{1}, "", Place{}},
		{"item 3 move 2 1", ItemMove, []int64{2}, "", Place{Kind: PlacePosition, Position: 1}},
		{"item 3 mv 2 to top", ItemMove, []int64{2}, "", Place{Kind: PlaceTop}},
		{"item 3 move 1 bottom", ItemMove, []int64{1}, "", Place{Kind: PlaceBottom}},
		{"item 3 edit 2 Buy **oat** milk", ItemEdit, []int64{2}, "Buy **oat** milk", Place{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			req, err := Parse(tt.in, testNow, testZone)
			require.NoError(t, err)
			require.Equal(t, VerbItem, req.Verb)
			require.Equal(t, []int64{3}, req.Numbers)
			require.Equal(t, tt.action, req.ItemAction)
			require.Equal(t, tt.items, req.Items)
			require.Equal(t, tt.text, req.Text)
			require.Equal(t, tt.place, req.Place)
		})
	}

	for in, id := range map[string]string{
		"item":               i18n.MsgUsageItem,
		"item 3 add":         i18n.MsgUsageItem,
		"item 3 move 2":      i18n.MsgUsageItem,
		"item 3 move 2 away": i18n.MsgUsageItem,
		"item 3 edit 2":      i18n.MsgUsageItem,
		"item 3 tick 2 x":    i18n.MsgUsageNotANumber,
	} {
		_, err := Parse(in, testNow, testZone)
		var ue *UsageError
		require.ErrorAs(t, err, &ue, in)
		require.Equal(t, id, ue.ID, in)
	}
	// "item" before something that is not a number is a todo, as other verbs are.
	req, err := Parse("item of clothing to buy", testNow, testZone)
	require.NoError(t, err)
	require.Equal(t, VerbAdd, req.Verb)
}

func TestParseDoneAnyway(t *testing.T) {
	for _, in := range []string{"done 3 anyway", "done 3 --force", "finish 3 FORCE"} {
		req, err := Parse(in, testNow, testZone)
		require.NoError(t, err, in)
		require.Equal(t, VerbDone, req.Verb, in)
		require.Equal(t, []int64{3}, req.Numbers, in)
		require.True(t, req.Force, in)
	}
	req, err := Parse("done 3", testNow, testZone)
	require.NoError(t, err)
	require.False(t, req.Force)
	req, err = Parse("done anyway", testNow, testZone)
	require.NoError(t, err)
	require.Equal(t, VerbAdd, req.Verb, "a todo's text, not a forced nothing")
}

func TestExecuteChecklist(t *testing.T) {
	w := newWorld(t)
	dev := todo.ChannelScope(w.dev)
	w.add(t, dev, "Pack for the trip")

	out := w.run(t, "item 1")
	require.False(t, out.Failed, out.Text)
	require.Contains(t, out.Text, "No checklist yet")

	for _, text := range []string{"item 1 add Socks", "item 1 Shirt @channel", "item 1 add Hat"} {
		out = w.run(t, text)
		require.False(t, out.Failed, out.Text)
		require.True(t, out.Changed)
	}
	require.Contains(t, out.Text, "Added item 3 to **#1**.")
	require.NotContains(t, out.Text, "@channel", "item text cannot notify anyone")

	out = w.run(t, "item 1 tick 1 2")
	require.False(t, out.Failed, out.Text)
	require.Contains(t, out.Text, "Ticked item 1, 2 of **#1**.")
	require.Contains(t, out.Text, "checklist 2/3")
	require.Contains(t, out.Text, "- [x] **1.** Socks")
	require.Contains(t, out.Text, "- [ ] **3.** Hat")

	out = w.run(t, "list")
	require.Contains(t, out.Text, "**#1** Pack for the trip `2/3`", "the list shows the progress after the text")

	out = w.run(t, "done 1")
	require.True(t, out.Failed, out.Text)
	require.Contains(t, out.Text, "still has 1 of 3 checklist items open")
	require.Contains(t, out.Text, "/todo done 1 anyway")
	require.Equal(t, todo.StateOpen, w.todo(t, dev, 1).State)

	out = w.run(t, "item 1 move 3 top")
	require.False(t, out.Failed, out.Text)
	require.Contains(t, out.Text, "- [ ] **1.** Hat")
	out = w.run(t, "item 1 edit 1 Sun hat")
	require.False(t, out.Failed, out.Text)
	require.Contains(t, out.Text, "**1.** Sun hat")
	out = w.run(t, "item 1 remove 2")
	require.False(t, out.Failed, out.Text)
	require.NotContains(t, out.Text, "Socks")
	out = w.run(t, "item 1 untick 9")
	require.True(t, out.Failed)
	require.Contains(t, out.Text, "**#1** has no checklist item 9.")

	out = w.run(t, "done 1 anyway")
	require.False(t, out.Failed, out.Text)
	require.Equal(t, todo.StateDone, w.todo(t, dev, 1).State)
}

func TestExecuteChecklistRefusals(t *testing.T) {
	w := newWorld(t)
	news := todo.ChannelScope(w.news)
	w.add(t, news, "Announce")
	bob := func(text string) Outcome {
		return w.exec.Execute(context.Background(), Call{UserID: w.bob, ChannelID: w.news, Text: text, Locale: "en", Location: testZone})
	}
	out := bob("item 1 add Draft")
	require.True(t, out.Failed)
	require.Contains(t, out.Text, "permission")
	out = bob("item 1")
	require.False(t, out.Failed, "reading is enough to see a checklist: %s", out.Text)

	carol := w.exec.Execute(context.Background(), Call{UserID: w.carol, ChannelID: w.news, Text: "item 1 add Draft", Locale: "zh-CN", Location: testZone})
	require.True(t, carol.Failed)
	c, err := w.svc.Checklist(context.Background(), w.alice, w.todo(t, news, 1).ID)
	require.NoError(t, err)
	require.Empty(t, c.Items)

	zh := w.exec.Execute(context.Background(), Call{UserID: w.alice, ChannelID: w.news, Text: "item 1 add 草稿", Locale: "zh-CN", Location: testZone})
	require.False(t, zh.Failed, zh.Text)
	require.True(t, strings.Contains(zh.Text, "清单 0/1"), zh.Text)
}

func TestCardDetailsShowTheChecklistProgress(t *testing.T) {
	l := loadTestTranslations(t).Localizer("en")
	require.Equal(t, " · `2/5`", DetailsText(l, nil, todo.Todo{ItemsTotal: 5, ItemsDone: 2}, testNow))
	require.Equal(t, "", DetailsText(l, nil, todo.Todo{}, testNow), "no checklist, no progress")
}
