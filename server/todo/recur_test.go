package todo_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestNextDue(t *testing.T) {
	// Wednesday 2026-11-25.
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		rule, date, want string
	}{
		{"monday", "2026-11-23", "2026-11-30"},
		{"monday", "", "2026-11-30"},
		{"wednesday", "2026-11-25", "2026-12-02"},
		{"friday", "2026-11-27", "2026-12-04"},
		{"friday", "2026-11-06", "2026-11-27"}, // completed late: the next one after today
		{"day", "2026-11-25", "2026-11-26"},
		{"day", "2026-11-01", "2026-11-26"},
		{"day", "2026-12-10", "2026-12-11"},
		{"week", "2026-11-20", "2026-11-27"},
		{"week", "2026-11-04", "2026-12-02"}, // three weeks on is today: the next is after it
		{"week", "2026-10-28", "2026-12-02"},
		{"month", "2026-11-25", "2026-12-25"},
		{"month", "2026-01-31", "2026-12-01"}, // Go's normalization of Nov 31
		{"month", "", "2026-12-25"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, todo.NextDue(tt.rule, tt.date, today), "%s after %q", tt.rule, tt.date)
	}
	require.Equal(t, "2026-11-30", todo.FirstDue("monday", today))
	require.Equal(t, "2026-11-25", todo.FirstDue("wednesday", today), "today, when it is that day")
	require.Equal(t, "2026-11-25", todo.FirstDue("week", today))
}

func TestRecurringTodoCreatesTheNextOnceWhenCompleted(t *testing.T) {
	f := newFixture(t, todo.Config{}) // the clock says 2026-11-01, a Sunday
	ctx := context.Background()
	_, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "x", Recur: "fortnight"})
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidRecur)

	td, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "Water the plants", Recur: "Monday",
		Assignees: []string{f.member}, Priority: todo.PriorityHigh, Due: &todo.Due{Date: "2026-11-02", Time: "09:00", Zone: "Europe/Berlin"}})
	require.NoError(t, err)
	require.Equal(t, "monday", td.Recur)

	done, err := f.svc.Complete(ctx, f.member, td.ID)
	require.NoError(t, err)
	require.NotEmpty(t, done.NextID)
	next, err := f.svc.Get(ctx, f.creator, done.NextID)
	require.NoError(t, err)
	require.Equal(t, int64(2), next.Number)
	require.Equal(t, "Water the plants", next.Text)
	require.Equal(t, todo.StateOpen, next.State)
	require.Equal(t, &todo.Due{Date: "2026-11-09", Time: "09:00", Zone: "Europe/Berlin"}, next.Due)
	require.Equal(t, []string{f.member}, next.Assignees)
	require.Equal(t, todo.PriorityHigh, next.Priority)
	require.Equal(t, "monday", next.Recur)
	require.Empty(t, next.NextID)
	events := f.pub.Events()
	require.Equal(t, todo.ActionAdded, events[len(events)-1].Action, "the next one is announced")
	require.Equal(t, next.ID, events[len(events)-1].Todo.ID)

	// Reopened and completed again, it does not recur a second time.
	_, err = f.svc.Reopen(ctx, f.creator, td.ID)
	require.NoError(t, err)
	_, err = f.svc.Complete(ctx, f.creator, td.ID)
	require.NoError(t, err)
	page, err := f.svc.List(ctx, f.creator, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{State: "all"}})
	require.NoError(t, err)
	require.Len(t, page.Todos, 2)

	// Stopped, the next one completes without a successor.
	stopped, err := f.svc.SetRecur(ctx, f.member, next.ID, "")
	require.NoError(t, err)
	require.Empty(t, stopped.Recur)
	done, err = f.svc.Complete(ctx, f.member, next.ID)
	require.NoError(t, err)
	require.Empty(t, done.NextID)
}

func TestRecurringWithoutDueGetsTheFirstDate(t *testing.T) {
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	td, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "standup notes", Recur: "friday"})
	require.NoError(t, err)
	require.Equal(t, &todo.Due{Date: "2026-11-06"}, td.Due)
	plain := f.add(t, "plain")
	got, err := f.svc.SetRecur(ctx, f.creator, plain.ID, "day")
	require.NoError(t, err)
	require.Equal(t, &todo.Due{Date: "2026-11-01"}, got.Due)
	_, err = f.svc.SetRecur(ctx, f.reader, plain.ID, "")
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
}

func TestConcurrentCompletesCreateOneSuccessor(t *testing.T) {
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	td, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "rotate keys", Recur: "week"})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.svc.Complete(ctx, f.member, td.ID)
			require.NoError(t, err)
		}()
	}
	wg.Wait()
	page, err := f.svc.List(ctx, f.creator, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{State: "open"}})
	require.NoError(t, err)
	require.Len(t, page.Todos, 1)
	require.Equal(t, int64(2), page.Todos[0].Number)
}
