package todo_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestPriorityNamesRoundTrip(t *testing.T) {
	for _, p := range []todo.Priority{todo.PriorityNone, todo.PriorityLow, todo.PriorityMedium, todo.PriorityHigh} {
		b, err := json.Marshal(p)
		require.NoError(t, err)
		var back todo.Priority
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, p, back)
	}
	var p todo.Priority
	require.NoError(t, json.Unmarshal([]byte(`"HIGH"`), &p))
	require.Equal(t, todo.PriorityHigh, p)
	for _, bad := range []string{`"urgent"`, `3`, `null`, `{}`} {
		err := json.Unmarshal([]byte(bad), &p)
		if bad == `null` {
			// JSON null leaves a value as it is, as for every other field.
			require.NoError(t, err)
			continue
		}
		requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidPriority)
	}
}

func TestPriorityIsSetOnAddAndChangedByWriters(t *testing.T) {
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	td, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "ship", Priority: todo.PriorityHigh})
	require.NoError(t, err)
	require.Equal(t, todo.PriorityHigh, td.Priority)
	_, err = f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "x", Priority: todo.Priority(9)})
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidPriority)

	events := len(f.pub.Events())
	got, err := f.svc.SetPriority(ctx, f.member, td.ID, todo.PriorityLow)
	require.NoError(t, err, "any member may plan the work, as with due dates")
	require.Equal(t, todo.PriorityLow, got.Priority)
	require.Len(t, f.pub.Events(), events+1)
	_, err = f.svc.SetPriority(ctx, f.member, td.ID, todo.PriorityLow)
	require.NoError(t, err)
	require.Len(t, f.pub.Events(), events+1, "setting the same priority again changes nothing")

	_, err = f.svc.SetPriority(ctx, f.reader, td.ID, todo.PriorityHigh)
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
	_, err = f.svc.SetPriority(ctx, f.member, td.ID, todo.Priority(-1))
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidPriority)
}

func TestListSortsAndFiltersByPriorityAcrossPages(t *testing.T) {
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	prios := []todo.Priority{todo.PriorityNone, todo.PriorityHigh, todo.PriorityLow, todo.PriorityHigh, todo.PriorityMedium}
	for _, p := range prios {
		_, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "x", Priority: p})
		require.NoError(t, err)
	}
	walk := func(q todo.ListQuery) []int64 {
		q.Scope, q.Limit = f.scope(), 2
		var got []int64
		for {
			page, err := f.svc.List(ctx, f.member, q)
			require.NoError(t, err)
			for _, td := range page.Todos {
				got = append(got, td.Number)
			}
			if page.NextCursor == "" {
				return got
			}
			q.Cursor = page.NextCursor
		}
	}
	require.Equal(t, []int64{2, 4, 5, 3, 1}, walk(todo.ListQuery{Filter: todo.Filter{Sort: "priority"}}))
	require.Equal(t, []int64{2, 4}, walk(todo.ListQuery{Filter: todo.Filter{Priority: "high"}}))
	require.Equal(t, []int64{1}, walk(todo.ListQuery{Filter: todo.Filter{Priority: "none", Sort: "due"}}))

	// A cursor belongs to the sort it was made for.
	first, err := f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Sort: "priority", Limit: 2}})
	require.NoError(t, err)
	_, err = f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Cursor: first.NextCursor, Limit: 2}})
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidCursor)
	_, err = f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Sort: "due", Cursor: first.NextCursor}})
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidCursor)

	_, err = f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Sort: "size"}})
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidSort)
	_, err = f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Priority: "urgent"}})
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidPriority)
	_, err = f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Priority: "high", Total: true}})
	require.Error(t, err, "a filtered view has no counter to total it")
}
