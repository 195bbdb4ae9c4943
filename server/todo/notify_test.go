package todo_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

type zones map[string]string

func (z zones) Zone(_ context.Context, userID string) string { return z[userID] }

type heard struct {
	mu        sync.Mutex
	assigned  [][]string
	completed []string
}

func (h *heard) Assigned(_ context.Context, _ string, _ todo.Todo, users []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.assigned = append(h.assigned, users)
}

func (h *heard) Completed(_ context.Context, actor string, _ todo.Todo) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.completed = append(h.completed, actor)
}

func newNotifyFixture(t *testing.T) (*fixture, *heard) {
	t.Helper()
	f := newFixture(t, todo.Config{})
	h := &heard{}
	f.svc = todo.NewService(todo.Deps{
		Store: f.store, Authorizer: f.auth, Publisher: f.pub,
		Clock:    todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)),
		Zones:    zones{f.creator: "Asia/Tokyo", f.member: "Local"},
		Notifier: h,
	}, todo.Config{})
	return f, h
}

func TestDueTimesKeepTheSettersZone(t *testing.T) {
	f, _ := newNotifyFixture(t)
	ctx := context.Background()
	td := f.add(t, "Call the bank")
	tests := []struct {
		name  string
		actor string
		due   todo.Due
		want  *todo.Due
		code  string
	}{
		{name: "a time gets the setter's zone", actor: f.creator, due: todo.Due{Date: "2026-11-02", Time: "17:00"},
			want: &todo.Due{Date: "2026-11-02", Time: "17:00", Zone: "Asia/Tokyo"}},
		{name: "a zone given is kept", actor: f.creator, due: todo.Due{Date: "2026-11-02", Time: "08:00", Zone: "Europe/Berlin"},
			want: &todo.Due{Date: "2026-11-02", Time: "08:00", Zone: "Europe/Berlin"}},
		{name: "a date alone has no zone", actor: f.creator, due: todo.Due{Date: "2026-11-03", Zone: "Europe/Berlin"},
			want: &todo.Due{Date: "2026-11-03"}},
		{name: "the server's local zone is no zone", actor: f.member, due: todo.Due{Date: "2026-11-04", Time: "10:00"},
			want: &todo.Due{Date: "2026-11-04", Time: "10:00"}},
		{name: "an unknown zone is refused", actor: f.creator, due: todo.Due{Date: "2026-11-02", Time: "17:00", Zone: "Mars/Olympus"},
			code: todo.CodeInvalidDue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.svc.SetDue(ctx, tt.actor, td.ID, &tt.due)
			if tt.code != "" {
				requireCode(t, err, todo.ErrInvalid, tt.code)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got.Due)
		})
	}

	added, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "x", Due: &todo.Due{Date: "2026-12-01", Time: "09:30"}})
	require.NoError(t, err)
	require.Equal(t, "Asia/Tokyo", added.Due.Zone)
}

func TestNotifierHearsOfNewAssigneesAndCompletions(t *testing.T) {
	f, h := newNotifyFixture(t)
	ctx := context.Background()

	td, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "Plan", Assignees: []string{f.creator, f.member}})
	require.NoError(t, err)
	require.Equal(t, [][]string{{f.member}}, h.assigned, "adding assigns the others, never the actor")

	_, err = f.svc.Assign(ctx, f.member, td.ID, f.member)
	require.NoError(t, err)
	require.Len(t, h.assigned, 1, "assigning someone already assigned tells nobody")

	_, err = f.svc.Assign(ctx, f.member, td.ID, f.admin, f.creator)
	require.NoError(t, err)
	require.Equal(t, []string{f.admin}, h.assigned[1], "only the newcomer is told")

	_, err = f.svc.Unassign(ctx, f.member, td.ID, f.admin)
	require.NoError(t, err)
	_, err = f.svc.Assign(ctx, f.admin, td.ID, f.admin)
	require.NoError(t, err)
	require.Len(t, h.assigned, 2, "assigning yourself tells nobody")

	_, err = f.svc.Complete(ctx, f.member, td.ID)
	require.NoError(t, err)
	_, err = f.svc.Complete(ctx, f.admin, td.ID)
	require.NoError(t, err)
	require.Equal(t, []string{f.member}, h.completed, "completing a done todo is no completion")

	_, err = f.svc.Complete(ctx, f.outsider, td.ID)
	require.Error(t, err)
	require.Len(t, h.completed, 1)
}
