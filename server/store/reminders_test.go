package store

import (
	"context"
	"errors"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/remind"
	"github.com/channel-todo/channel-todo/server/todo"
)

func TestDueOpenReadsOpenDatedTodosThroughADay(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	scope := todo.ChannelScope(todo.NewID())
	mk := func(text string, due *todo.Due) todo.Todo {
		td := newTodo(scope, text, 1)
		td.Due = due
		return add(t, s, td)
	}
	early := mk("early", &todo.Due{Date: "2026-03-01", Time: "09:00", Zone: "Asia/Tokyo"})
	today := mk("today", &todo.Due{Date: "2026-03-10"})
	mk("later", &todo.Due{Date: "2026-03-11"})
	mk("undated", nil)
	done := mk("done", &todo.Due{Date: "2026-03-02"})
	_, err := s.Update(ctx, done.ID, func(x *todo.Todo) error { x.State = todo.StateDone; return nil })
	require.NoError(t, err)
	gone := mk("gone", &todo.Due{Date: "2026-03-03"})
	_, err = s.Update(ctx, gone.ID, func(x *todo.Todo) error { x.DeletedAt = 5; return nil })
	require.NoError(t, err)

	got, err := s.DueOpen(ctx, "2026-03-10", time.Now())
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, early.ID, got[0].ID)
	require.Equal(t, &todo.Due{Date: "2026-03-01", Time: "09:00", Zone: "Asia/Tokyo"}, got[0].Due)
	require.Equal(t, today.ID, got[1].ID)
}

// A postponed todo is not read until its moment; a postponement of a todo changed since it
// was read is not written, and any change ends one.
func TestPostponedTodosAreReadAtTheirMoment(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	scope := todo.ChannelScope(todo.NewID())
	mk := func(text string) todo.Todo {
		td := newTodo(scope, text, 1)
		td.Due = &todo.Due{Date: "2026-03-01"}
		return add(t, s, td)
	}
	a, b, c := mk("a"), mk("b"), mk("c")
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	ids := func(ts []todo.Todo) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.Text)
		}
		sort.Strings(out)
		return out
	}
	read := func(at time.Time) []string {
		got, err := s.DueOpen(ctx, "2026-03-10", at)
		require.NoError(t, err)
		return ids(got)
	}
	require.Equal(t, []string{"a", "b", "c"}, read(now))

	// c was changed after the round read it: its postponement is not written.
	_, err := s.Update(ctx, c.ID, func(x *todo.Todo) error { x.UpdatedAt = 99; return nil })
	require.NoError(t, err)
	later := now.Add(time.Hour)
	require.NoError(t, s.Postpone(ctx, []remind.Postponement{
		{TodoID: a.ID, UpdatedAt: a.UpdatedAt, Until: later},
		{TodoID: b.ID, UpdatedAt: b.UpdatedAt, Until: later},
		{TodoID: c.ID, UpdatedAt: c.UpdatedAt, Until: later},
	}))
	require.Equal(t, []string{"c"}, read(now.Add(time.Minute)))
	require.Equal(t, []string{"a", "b", "c"}, read(later))

	// A change ends a postponement.
	_, err = s.Update(ctx, b.ID, func(x *todo.Todo) error { x.Text = "b2"; x.UpdatedAt = 100; return nil })
	require.NoError(t, err)
	require.Equal(t, []string{"b2", "c"}, read(now.Add(time.Minute)))
}

func TestClaimSendsOnceAndRecordsNothingWhenSendingFails(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	key := remind.Key{TodoID: todo.NewID(), UserID: todo.NewID(), Kind: remind.KindDue, Occasion: "2026-03-10  "}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

	ok, err := s.Claim(ctx, key, now, func() error { return errors.New("the server is down") })
	require.Error(t, err)
	require.False(t, ok)
	sent, err := s.Sent(ctx, []string{key.TodoID}, time.Time{})
	require.NoError(t, err)
	require.Empty(t, sent, "a failed send is not recorded, so it is tried again")

	// Ten claims at once (ticks on several nodes): exactly one sends.
	var mu sync.Mutex
	sends := 0
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Claim(ctx, key, now, func() error {
				mu.Lock()
				defer mu.Unlock()
				sends++
				return nil
			})
			require.NoError(t, err)
		}()
	}
	wg.Wait()
	require.Equal(t, 1, sends)
	sent, err = s.Sent(ctx, []string{key.TodoID, todo.NewID()}, time.Time{})
	require.NoError(t, err)
	require.Equal(t, map[remind.Key]bool{key: true}, sent)

	other := key
	other.Occasion = "2026-03-11 2026-03-10  "
	ok, err = s.Claim(ctx, other, now, func() error { return nil })
	require.NoError(t, err)
	require.True(t, ok, "another occasion is another message")

	// Only what was sent since the given moment is read: a todo overdue for weeks has a
	// record per day, and only the recent ones can match a message owed now.
	sent, err = s.Sent(ctx, []string{key.TodoID}, now.Add(time.Millisecond))
	require.NoError(t, err)
	require.Empty(t, sent)
	sent, err = s.Sent(ctx, []string{key.TodoID}, now)
	require.NoError(t, err)
	require.Len(t, sent, 2)
}

func TestUserSettingsAndDigestSubscribers(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	ann, bob := todo.NewID(), todo.NewID()
	got, err := s.UserSettings(ctx, ann)
	require.NoError(t, err)
	require.Equal(t, UserSettings{}, got)

	now := time.Now()
	require.NoError(t, s.SetUserSettings(ctx, ann, UserSettings{DigestTime: "09:00", NotifyCompletion: true}, now))
	require.NoError(t, s.SetUserSettings(ctx, bob, UserSettings{DigestTime: "07:30"}, now))
	require.NoError(t, s.SetUserSettings(ctx, bob, UserSettings{}, now))
	got, err = s.UserSettings(ctx, ann)
	require.NoError(t, err)
	require.Equal(t, UserSettings{DigestTime: "09:00", NotifyCompletion: true}, got)

	subs, err := s.DigestSubscribers(ctx)
	require.NoError(t, err)
	require.Equal(t, []remind.Subscription{{UserID: ann, Time: "09:00"}}, subs)
}
