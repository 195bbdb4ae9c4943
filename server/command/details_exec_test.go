package command

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestAddWithDetailsAssignsDatesAndPrioritizes(t *testing.T) {
	w := newWorld(t)
	dev := todo.ChannelScope(w.dev)
	out := w.run(t, "add Ship the release @alice @bob due friday 17:00 !high")
	require.False(t, out.Failed, out.Text)
	// Friday is tomorrow in the writer's zone.
	require.Equal(t, "Added **#1** to ~dev: Ship the release · @\u2060alice, @\u2060bob · due tomorrow 17:00 · high priority", out.Text)
	got := w.todo(t, dev, 1)
	require.Equal(t, "Ship the release", got.Text)
	require.ElementsMatch(t, []string{w.alice, w.bob}, got.Assignees)
	require.Equal(t, &todo.Due{Date: "2026-11-27", Time: "17:00"}, got.Due)
	require.Equal(t, todo.PriorityHigh, got.Priority)

	// Plain text with details, and escapes that keep the words.
	out = w.run(t, `Thank \@bob !!`)
	require.False(t, out.Failed, out.Text)
	got = w.todo(t, dev, 2)
	require.Equal(t, "Thank @bob", got.Text)
	require.Empty(t, got.Assignees)
	require.Equal(t, todo.PriorityMedium, got.Priority)
	out = w.run(t, `add "Meet @bob due friday"`)
	require.False(t, out.Failed, out.Text)
	require.Equal(t, "Meet @bob due friday", w.todo(t, dev, 3).Text)
}

func TestAddWithUnknownAssigneeAddsNothing(t *testing.T) {
	w := newWorld(t)
	out := w.run(t, "add Ship it @nobody !high")
	require.True(t, out.Failed)
	require.Contains(t, out.Text, "Nothing was added")
	require.Contains(t, out.Text, `\@nobody`)
	_, err := w.svc.GetByNumber(context.Background(), w.alice, todo.ChannelScope(w.dev), 1)
	require.Error(t, err, "no todo was created")

	// Someone who cannot see the list cannot be assigned either, and the add is refused whole.
	out = w.run(t, "add Ship it @carol")
	require.True(t, out.Failed, out.Text)
	_, err = w.svc.GetByNumber(context.Background(), w.alice, todo.ChannelScope(w.dev), 1)
	require.Error(t, err)
}

func TestThreadRootIsAddedWithoutDetails(t *testing.T) {
	w := newWorld(t)
	w.exec.Directory.(*fakeDirectory).posts[w.rootID] = "Review the plan @bob !high"
	out := w.exec.Execute(context.Background(), Call{UserID: w.alice, ChannelID: w.dev, Locale: "en", Location: testZone, RootID: w.rootID, AddsThreadRoot: true})
	require.False(t, out.Failed, out.Text)
	got := w.todo(t, todo.ChannelScope(w.dev), 1)
	require.Equal(t, "Review the plan @bob !high", got.Text, "someone else's words are not details")
	require.Empty(t, got.Assignees)
}

func TestPriorityVerb(t *testing.T) {
	w := newWorld(t)
	dev := todo.ChannelScope(w.dev)
	w.add(t, dev, "a")
	out := w.run(t, "priority 1 high")
	require.False(t, out.Failed, out.Text)
	require.Equal(t, "**#1** now has high priority.", out.Text)
	require.Equal(t, todo.PriorityHigh, w.todo(t, dev, 1).Priority)
	require.Contains(t, w.run(t, "list").Text, "**#1** a · **high priority**")
	out = w.run(t, "prio #1 none")
	require.Equal(t, "**#1** has no priority now.", out.Text)
	require.Equal(t, todo.PriorityNone, w.todo(t, dev, 1).Priority)
	require.True(t, w.run(t, "priority 1 urgent").Failed)
	require.True(t, w.run(t, "priority 9 high").Failed)
	// "priority" followed by words is a todo, like every verb.
	out = w.run(t, "priority review of the backlog")
	require.False(t, out.Failed)
	require.Equal(t, "priority review of the backlog", w.todo(t, dev, 2).Text)
}

func TestListSortedAndFilteredPagesWithTheSameCommand(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	dev := todo.ChannelScope(w.dev)
	// 45 todos: every third high, the others low; every fifth assigned to bob.
	for i := 1; i <= 45; i++ {
		in := todo.AddInput{Scope: dev, Text: fmt.Sprintf("t%d", i), Priority: todo.PriorityLow}
		if i%3 == 0 {
			in.Priority = todo.PriorityHigh
		}
		if i%5 == 0 {
			in.Assignees = []string{w.bob}
		}
		_, err := w.svc.Add(ctx, w.alice, in)
		require.NoError(t, err)
	}
	out := w.run(t, "list sort:priority")
	require.Contains(t, out.Text, "#### Todos in ~dev: open · most urgent first")
	require.Contains(t, out.Text, "- [ ] **#3** t3 · **high priority**")
	require.Contains(t, out.Text, "- [ ] **#7** t7 · **low priority**", "after the 15 high ones come the low ones in list order")
	require.Contains(t, out.Text, "Showing 1–20. Next page: `/todo list open 2 sort:priority`")
	require.Nil(t, out.Listed, "a sorted list has no page buttons")
	second := w.run(t, "list open 2 sort:priority")
	require.Contains(t, second.Text, "Showing 21–40.")
	require.Contains(t, second.Text, "- [ ] **#8** t8")
	require.NotContains(t, second.Text, "**#3** t3")
	require.NotContains(t, second.Text, "**#7** t7")
	third := w.run(t, "list sort:priority 3")
	require.NotContains(t, third.Text, "Next page")

	out = w.run(t, "list !high @bob")
	require.Contains(t, out.Text, "#### Todos in ~dev: open, high priority, assigned to @\u2060bob")
	for _, n := range []int{15, 30, 45} {
		require.Contains(t, out.Text, fmt.Sprintf("**#%d** t%d", n, n))
	}
	require.NotContains(t, out.Text, "**#5** ")
	require.Contains(t, w.run(t, "list !none").Text, "No todos in ~dev match.")
	require.True(t, w.run(t, "list @nobody").Failed)
}

func TestMineSortsAndFiltersWithTheListsWords(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	dev := todo.ChannelScope(w.dev)
	// Alice's own todos and dev's todos assigned to her, in this order of creation.
	adds := []todo.AddInput{
		{Scope: todo.PersonalScope(w.alice), Text: "own low", Priority: todo.PriorityLow, Due: &todo.Due{Date: "2026-12-20"}},
		{Scope: dev, Text: "dev high", Priority: todo.PriorityHigh, Assignees: []string{w.alice}},
		{Scope: dev, Text: "dev shared", Due: &todo.Due{Date: "2026-12-01"}, Assignees: []string{w.alice, w.bob}},
		{Scope: dev, Text: "bob's", Priority: todo.PriorityHigh, Assignees: []string{w.bob}},
	}
	for _, in := range adds {
		_, err := w.svc.Add(ctx, w.alice, in)
		require.NoError(t, err)
	}
	order := func(text string, want ...string) {
		t.Helper()
		at := -1
		for _, s := range want {
			i := strings.Index(text, s)
			require.Greater(t, i, at, "%q in order in:\n%s", s, text)
			at = i
		}
	}
	out := w.run(t, "mine sort:priority")
	require.False(t, out.Failed, out.Text)
	require.Contains(t, out.Text, "#### Your todos: open · most urgent first")
	order(out.Text, "dev high", "own low", "dev shared")
	require.NotContains(t, out.Text, "bob's")

	out = w.run(t, "mine sort:due")
	order(out.Text, "dev shared", "own low", "dev high")

	out = w.run(t, "mine all !high")
	require.Contains(t, out.Text, "#### Your todos: high priority")
	require.Contains(t, out.Text, "dev high")
	require.NotContains(t, out.Text, "own low")

	out = w.run(t, "mine @bob")
	require.Contains(t, out.Text, "assigned to @\u2060bob")
	require.Contains(t, out.Text, "dev shared")
	require.NotContains(t, out.Text, "dev high")
	require.Contains(t, w.run(t, "mine !medium").Text, "None of your todos match.")
	require.True(t, w.run(t, "mine @nobody").Failed)
}

func TestMineNarrowedPagesWithTheSameCommand(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	for i := 1; i <= 25; i++ {
		_, err := w.svc.Add(ctx, w.alice, todo.AddInput{Scope: todo.PersonalScope(w.alice), Text: fmt.Sprintf("t%d", i), Priority: todo.PriorityHigh})
		require.NoError(t, err)
	}
	out := w.run(t, "mine sort:priority !high")
	require.Contains(t, out.Text, "Showing 1–20. Next page: `/todo mine open 2 sort:priority !high`")
	second := w.run(t, "mine open 2 sort:priority !high")
	require.Contains(t, second.Text, "**#21** t21")
	require.NotContains(t, second.Text, "**#20** t20")
	require.NotContains(t, second.Text, "Next page")
}

func TestRecurringTodosInChat(t *testing.T) {
	w := newWorld(t)
	dev := todo.ChannelScope(w.dev)
	// testNow is Thursday 2026-11-26 in testZone; the service's clock zone is UTC (Wednesday).
	out := w.run(t, "add Water the plants every monday")
	require.False(t, out.Failed, out.Text)
	require.Contains(t, out.Text, "Water the plants · due 2026-11-30 · every Monday")
	require.Equal(t, "monday", w.todo(t, dev, 1).Recur)
	require.Contains(t, w.run(t, "list").Text, "**#1** Water the plants · due 2026-11-30 · every Monday")

	out = w.run(t, "done 1")
	require.Equal(t, "Completed **#1**: Water the plants · Next: **#2**, due 2026-12-07.", out.Text)
	require.Equal(t, "2026-12-07", w.todo(t, dev, 2).Due.Date)

	require.Equal(t, "**#2** no longer repeats.", w.run(t, "recur 2 off").Text)
	out = w.run(t, "done 2")
	require.NotContains(t, out.Text, "Next:")
	require.Equal(t, "**#2** repeats every week · due 2026-12-07.", w.run(t, "recur 2 every week").Text)
	require.True(t, w.run(t, "recur 2 hourly").Failed)
}
