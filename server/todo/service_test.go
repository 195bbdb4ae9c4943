package todo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

type fixture struct {
	svc      *todo.Service
	auth     *todotest.Authorizer
	pub      *todotest.Publisher
	store    *todotest.MemStore
	channel  string
	creator  string // member who creates todos
	member   string // another member
	admin    string // channel admin
	reader   string // may read but not post
	outsider string // not a member
}

func newFixture(t *testing.T, cfg todo.Config) *fixture {
	t.Helper()
	f := &fixture{
		auth: todotest.NewAuthorizer(), pub: &todotest.Publisher{}, store: todotest.NewMemStore(),
		channel: todo.NewID(), creator: todo.NewID(), member: todo.NewID(), admin: todo.NewID(),
		reader: todo.NewID(), outsider: todo.NewID(),
	}
	f.auth.AddChannel(todo.Channel{ID: f.channel, Type: "P"})
	f.auth.AddMember(f.channel, f.creator)
	f.auth.AddMember(f.channel, f.member)
	f.auth.Grant(f.channel, f.admin, true, true, true)
	f.auth.Grant(f.channel, f.reader, true, false, false)
	f.auth.AddUser(f.outsider)
	f.svc = todo.NewService(todo.Deps{
		Store: f.store, Items: f.store, Authorizer: f.auth, Publisher: f.pub,
		Clock: todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)),
	}, cfg)
	return f
}

func (f *fixture) scope() todo.Scope { return todo.ChannelScope(f.channel) }

func (f *fixture) add(t *testing.T, text string) todo.Todo {
	t.Helper()
	td, err := f.svc.Add(context.Background(), f.creator, todo.AddInput{Scope: f.scope(), Text: text})
	require.NoError(t, err)
	return td
}

func requireCode(t *testing.T, err error, sentinel error, code string) {
	t.Helper()
	require.Error(t, err)
	require.True(t, errors.Is(err, sentinel), "want %v, got %v", sentinel, err)
	require.Equal(t, code, todo.CodeOf(err))
	require.NotEmpty(t, todo.PublicMessage(err))
}

func TestAddValidatesInput(t *testing.T) {
	f := newFixture(t, todo.Config{MaxTextLength: 10})
	ctx := context.Background()
	tests := []struct {
		name string
		in   todo.AddInput
		code string
	}{
		{"empty text", todo.AddInput{Text: "  \n "}, todo.CodeTextEmpty},
		{"too long", todo.AddInput{Text: "12345678901"}, todo.CodeTextTooLong},
		{"NUL", todo.AddInput{Text: "a\x00b"}, todo.CodeTextInvalid},
		{"bad UTF-8", todo.AddInput{Text: "a\xffb"}, todo.CodeTextInvalid},
		{"bell (C0 control)", todo.AddInput{Text: "ring\x07"}, todo.CodeTextInvalid},
		{"escape (C0 control)", todo.AddInput{Text: "\x1b[31mred"}, todo.CodeTextInvalid},
		{"delete", todo.AddInput{Text: "a\x7fb"}, todo.CodeTextInvalid},
		{"C1 control (CSI)", todo.AddInput{Text: "a\u009bb"}, todo.CodeTextInvalid},
		{"right-to-left override", todo.AddInput{Text: "pay \u202eecnalab"}, todo.CodeTextInvalid},
		{"left-to-right embedding", todo.AddInput{Text: "\u202ax"}, todo.CodeTextInvalid},
		{"first strong isolate", todo.AddInput{Text: "x\u2068y\u2069"}, todo.CodeTextInvalid},
		{"bad due date", todo.AddInput{Text: "x", Due: &todo.Due{Date: "31/12/2026"}}, todo.CodeInvalidDue},
		{"bad due time", todo.AddInput{Text: "x", Due: &todo.Due{Date: "2026-12-31", Time: "25:00"}}, todo.CodeInvalidDue},
		{"malformed assignee", todo.AddInput{Text: "x", Assignees: []string{"bob"}}, todo.CodeInvalidAssignee},
		{"assignee outside channel", todo.AddInput{Text: "x", Assignees: []string{f.outsider}}, todo.CodeInvalidAssignee},
		{"bad post id", todo.AddInput{Text: "x", PostID: "nope"}, todo.CodeInvalidID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Scope = f.scope()
			_, err := f.svc.Add(ctx, f.creator, tt.in)
			requireCode(t, err, todo.ErrInvalid, tt.code)
		})
	}
	require.Empty(t, f.pub.Events(), "nothing invalid was stored or published")

	// Exactly at the limit, counted in characters rather than bytes.
	td, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: " éééééééééé ", Assignees: []string{f.member, f.member},
		Due: &todo.Due{Date: "2026-12-31", Time: "14:30"}})
	require.NoError(t, err)
	require.Equal(t, "ééééééééé\u00e9", td.Text)
	require.Equal(t, []string{f.member}, td.Assignees)
	require.Equal(t, int64(1), td.Number)
	require.Equal(t, f.creator, td.CreatorID)
	require.Equal(t, todo.StateOpen, td.State)
}

// TestTextRefusesControlCharacters: the refusal names the character, so a person can find
// it; line breaks, tabs and the marks right-to-left scripts use every day stay allowed; an
// edit is checked like an add.
func TestTextRefusesControlCharacters(t *testing.T) {
	// The refusal names the character, so a person can find it.
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	_, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "pay \u202eecnalab"})
	require.EqualError(t, err, "The text contains a bidirectional control character (U+202E), which cannot be shown safely; remove it.")
	// Line breaks, tabs and the marks right-to-left scripts use every day stay allowed.
	for _, ok := range []string{"one\ntwo", "a\tb", "a\r\nb", "\u05e9\u05dc\u05d5\u05dd\u200f"} {
		_, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: ok})
		require.NoError(t, err, "%q", ok)
	}
	_, err = f.svc.Edit(ctx, f.creator, f.add(t, "plain").ID, "edit\u202e")
	requireCode(t, err, todo.ErrInvalid, todo.CodeTextInvalid)
}

func TestPermissions(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	existing := f.add(t, "existing")
	unknown := todo.NewID()

	tests := []struct {
		name     string
		actor    string
		scope    todo.Scope
		sentinel error
		code     string
	}{
		{"non-member cannot add", f.outsider, f.scope(), todo.ErrForbidden, todo.CodeForbidden},
		{"reader cannot add", f.reader, f.scope(), todo.ErrForbidden, todo.CodeForbidden},
		{"unknown channel", f.creator, todo.ChannelScope(unknown), todo.ErrNotFound, todo.CodeNotFound},
		{"malformed channel id", f.creator, todo.ChannelScope("../etc"), todo.ErrNotFound, todo.CodeNotFound},
		{"someone else's personal list", f.creator, todo.PersonalScope(f.member), todo.ErrForbidden, todo.CodePersonalOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.svc.Add(ctx, tt.actor, todo.AddInput{Scope: tt.scope, Text: "x"})
			requireCode(t, err, tt.sentinel, tt.code)
		})
	}

	t.Run("reading needs read access", func(t *testing.T) {
		_, err := f.svc.List(ctx, f.outsider, todo.ListQuery{Scope: f.scope()})
		requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
		_, err = f.svc.Get(ctx, f.outsider, existing.ID)
		requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
		_, _, err = f.svc.Export(ctx, f.outsider, f.scope(), todo.FormatCSV)
		requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)

		page, err := f.svc.List(ctx, f.reader, todo.ListQuery{Scope: f.scope()})
		require.NoError(t, err)
		require.Len(t, page.Todos, 1)
	})

	t.Run("a deleted todo is not mentioned to those who cannot read it", func(t *testing.T) {
		gone := f.add(t, "gone")
		_, err := f.svc.Delete(ctx, f.creator, gone.ID)
		require.NoError(t, err)
		_, err = f.svc.Get(ctx, f.outsider, gone.ID)
		requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
		_, err = f.svc.MoveToTop(ctx, f.outsider, gone.ID)
		requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
		_, err = f.svc.Get(ctx, f.reader, gone.ID)
		requireCode(t, err, todo.ErrNotFound, todo.CodeNotFound)
		require.Equal(t, "That todo was deleted.", todo.PublicMessage(err))
	})

	t.Run("reader cannot change", func(t *testing.T) {
		_, err := f.svc.Complete(ctx, f.reader, existing.ID)
		requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
	})

	t.Run("archived channel is read-only", func(t *testing.T) {
		f.auth.SetArchived(f.channel, true)
		defer f.auth.SetArchived(f.channel, false)
		_, err := f.svc.Complete(ctx, f.creator, existing.ID)
		requireCode(t, err, todo.ErrForbidden, todo.CodeArchived)
		_, err = f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "x"})
		requireCode(t, err, todo.ErrForbidden, todo.CodeArchived)
		_, err = f.svc.List(ctx, f.creator, todo.ListQuery{Scope: f.scope()})
		require.NoError(t, err)
	})

	t.Run("unknown todo", func(t *testing.T) {
		_, err := f.svc.Get(ctx, f.creator, todo.NewID())
		requireCode(t, err, todo.ErrNotFound, todo.CodeNotFound)
		_, err = f.svc.Complete(ctx, f.creator, "not-an-id")
		requireCode(t, err, todo.ErrNotFound, todo.CodeNotFound)
	})

	t.Run("personal list is the owner's alone", func(t *testing.T) {
		mine, err := f.svc.Add(ctx, f.member, todo.AddInput{Scope: todo.PersonalScope(f.member), Text: "private"})
		require.NoError(t, err)
		_, err = f.svc.Get(ctx, f.creator, mine.ID)
		requireCode(t, err, todo.ErrForbidden, todo.CodePersonalOnly)
		_, err = f.svc.Delete(ctx, f.creator, mine.ID)
		requireCode(t, err, todo.ErrForbidden, todo.CodePersonalOnly)
		_, err = f.svc.Assign(ctx, f.member, mine.ID, f.creator)
		requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidAssignee)
		got, err := f.svc.Assign(ctx, f.member, mine.ID, f.member)
		require.NoError(t, err)
		require.Equal(t, []string{f.member}, got.Assignees)
	})
}

func TestEditPolicy(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		policy  todo.EditPolicy
		actor   func(*fixture) string
		allowed bool
	}{
		{todo.EditAnyone, func(f *fixture) string { return f.member }, true},
		{todo.EditAnyone, func(f *fixture) string { return f.creator }, true},
		{todo.EditCreatorAndAdmins, func(f *fixture) string { return f.creator }, true},
		{todo.EditCreatorAndAdmins, func(f *fixture) string { return f.admin }, true},
		{todo.EditCreatorAndAdmins, func(f *fixture) string { return f.member }, false},
	}
	for i, tt := range tests {
		t.Run(string(tt.policy)+"/"+[]string{"member", "creator", "creator", "admin", "member"}[i], func(t *testing.T) {
			f := newFixture(t, todo.Config{EditPolicy: tt.policy})
			td := f.add(t, "original")
			actor := tt.actor(f)
			_, editErr := f.svc.Edit(ctx, actor, td.ID, "changed")
			_, deleteErr := f.svc.Delete(ctx, actor, td.ID)
			if tt.allowed {
				require.NoError(t, editErr)
				require.NoError(t, deleteErr)
				return
			}
			requireCode(t, editErr, todo.ErrForbidden, todo.CodeEditNotAllowed)
			requireCode(t, deleteErr, todo.ErrForbidden, todo.CodeEditNotAllowed)
			// Completing is not editing: any member may still do it.
			_, err := f.svc.Complete(ctx, actor, td.ID)
			require.NoError(t, err)
		})
	}
}

func TestLifecyclePublishesVersionedEvents(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	a := f.add(t, "a")
	b := f.add(t, "b")

	steps := []struct {
		action string
		run    func() (todo.Todo, error)
		check  func(t *testing.T, td todo.Todo)
	}{
		{todo.ActionCompleted, func() (todo.Todo, error) { return f.svc.Complete(ctx, f.member, a.ID) }, func(t *testing.T, td todo.Todo) {
			require.Equal(t, todo.StateDone, td.State)
			require.Equal(t, f.member, td.CompletedBy)
			require.NotZero(t, td.CompletedAt)
		}},
		{todo.ActionReopened, func() (todo.Todo, error) { return f.svc.Reopen(ctx, f.member, a.ID) }, func(t *testing.T, td todo.Todo) {
			require.Equal(t, todo.StateOpen, td.State)
			require.Empty(t, td.CompletedBy)
			require.Zero(t, td.CompletedAt)
		}},
		{todo.ActionUpdated, func() (todo.Todo, error) { return f.svc.Edit(ctx, f.creator, a.ID, " new text ") }, func(t *testing.T, td todo.Todo) {
			require.Equal(t, "new text", td.Text)
		}},
		{todo.ActionUpdated, func() (todo.Todo, error) { return f.svc.Assign(ctx, f.creator, a.ID, f.member, f.admin) }, func(t *testing.T, td todo.Todo) {
			require.ElementsMatch(t, []string{f.member, f.admin}, td.Assignees)
		}},
		{todo.ActionUpdated, func() (todo.Todo, error) { return f.svc.Unassign(ctx, f.creator, a.ID, f.admin) }, func(t *testing.T, td todo.Todo) {
			require.Equal(t, []string{f.member}, td.Assignees)
		}},
		{todo.ActionUpdated, func() (todo.Todo, error) { return f.svc.SetAssignees(ctx, f.creator, a.ID, []string{f.reader}) }, func(t *testing.T, td todo.Todo) {
			require.Equal(t, []string{f.reader}, td.Assignees)
		}},
		{todo.ActionUpdated, func() (todo.Todo, error) {
			return f.svc.SetDue(ctx, f.creator, a.ID, &todo.Due{Date: "2026-12-24", Time: "18:00"})
		}, func(t *testing.T, td todo.Todo) {
			require.Equal(t, &todo.Due{Date: "2026-12-24", Time: "18:00"}, td.Due)
		}},
		{todo.ActionUpdated, func() (todo.Todo, error) { return f.svc.SetDue(ctx, f.creator, a.ID, nil) }, func(t *testing.T, td todo.Todo) {
			require.Nil(t, td.Due)
		}},
		{todo.ActionMoved, func() (todo.Todo, error) { return f.svc.Move(ctx, f.member, a.ID, b.ID) }, func(t *testing.T, td todo.Todo) {
			page, err := f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope()})
			require.NoError(t, err)
			require.Equal(t, []string{b.ID, a.ID}, []string{page.Todos[0].ID, page.Todos[1].ID})
		}},
		{todo.ActionDeleted, func() (todo.Todo, error) { return f.svc.Delete(ctx, f.creator, a.ID) }, func(t *testing.T, td todo.Todo) {
			require.True(t, td.Deleted())
			_, err := f.svc.Get(ctx, f.creator, a.ID)
			requireCode(t, err, todo.ErrNotFound, todo.CodeNotFound)
			_, err = f.svc.Complete(ctx, f.creator, a.ID)
			requireCode(t, err, todo.ErrNotFound, todo.CodeNotFound)
			_, err = f.svc.GetByNumber(ctx, f.creator, f.scope(), a.Number)
			requireCode(t, err, todo.ErrNotFound, todo.CodeNotFound)
		}},
		{todo.ActionRestored, func() (todo.Todo, error) { return f.svc.Restore(ctx, f.creator, a.ID) }, func(t *testing.T, td todo.Todo) {
			require.False(t, td.Deleted())
			require.Equal(t, a.Number, td.Number)
		}},
	}
	before := len(f.pub.Events())
	for i, step := range steps {
		td, err := step.run()
		require.NoError(t, err, "step %d (%s)", i, step.action)
		step.check(t, td)
		events := f.pub.Events()
		require.Len(t, events, before+i+1, "step %d publishes one event", i)
		e := events[len(events)-1]
		require.Equal(t, step.action, e.Action)
		require.Equal(t, a.ID, e.Todo.ID)
		require.Equal(t, f.scope(), e.Scope)
		require.Greater(t, e.Version, events[len(events)-2].Version, "versions increase")
	}

	// No-op changes neither spend a version nor publish.
	n := len(f.pub.Events())
	_, err := f.svc.Reopen(ctx, f.creator, a.ID)
	require.NoError(t, err)
	_, err = f.svc.Restore(ctx, f.creator, a.ID)
	require.NoError(t, err)
	_, err = f.svc.Complete(ctx, f.creator, b.ID)
	require.NoError(t, err)
	td, err := f.svc.Complete(ctx, f.creator, b.ID)
	require.NoError(t, err)
	require.Equal(t, todo.StateDone, td.State)
	require.Len(t, f.pub.Events(), n+1)

	// Moving after itself or after a todo of another list is refused.
	_, err = f.svc.Move(ctx, f.creator, a.ID, a.ID)
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidMove)
	other, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: todo.PersonalScope(f.creator), Text: "p"})
	require.NoError(t, err)
	_, err = f.svc.Move(ctx, f.creator, a.ID, other.ID)
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidMove)
}

func TestListPagesAndFilters(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	var all []todo.Todo
	for i := 0; i < 5; i++ {
		all = append(all, f.add(t, "t"))
	}
	_, err := f.svc.Complete(ctx, f.creator, all[1].ID)
	require.NoError(t, err)
	_, err = f.svc.Complete(ctx, f.creator, all[3].ID)
	require.NoError(t, err)
	_, err = f.svc.Assign(ctx, f.creator, all[4].ID, f.member)
	require.NoError(t, err)

	collect := func(q todo.ListQuery) []int64 {
		var out []int64
		for {
			page, err := f.svc.List(ctx, f.member, q)
			require.NoError(t, err)
			require.LessOrEqual(t, len(page.Todos), q.Limit)
			for _, td := range page.Todos {
				out = append(out, td.Number)
			}
			if page.NextCursor == "" {
				return out
			}
			q.Cursor = page.NextCursor
		}
	}
	require.Equal(t, []int64{1, 3, 5}, collect(todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Limit: 2}}))
	require.Equal(t, []int64{1, 2, 3, 4, 5}, collect(todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{State: "all", Limit: 2}}))
	require.Equal(t, []int64{4, 2}, collect(todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{State: "done", Limit: 1}}))
	require.Equal(t, []int64{5}, collect(todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{Assignee: f.member, Limit: 5}}))

	history, err := f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope(), Filter: todo.Filter{State: "done"}})
	require.NoError(t, err)
	require.Len(t, history.Todos, 2)
	require.Equal(t, all[3].ID, history.Todos[0].ID)

	page, err := f.svc.List(ctx, f.member, todo.ListQuery{Scope: f.scope()})
	require.NoError(t, err)
	require.Equal(t, int64(8), page.Version, "5 adds, 2 completes, 1 assign")

	bad := []struct {
		name string
		q    todo.ListQuery
		code string
	}{
		{"state", todo.ListQuery{Filter: todo.Filter{State: "later"}}, todo.CodeInvalidState},
		{"limit", todo.ListQuery{Filter: todo.Filter{Limit: todo.MaxPageSize + 1}}, todo.CodeInvalidLimit},
		{"cursor", todo.ListQuery{Filter: todo.Filter{Cursor: "!!!"}}, todo.CodeInvalidCursor},
		{"assignee", todo.ListQuery{Filter: todo.Filter{Assignee: "x"}}, todo.CodeInvalidID},
		{"due before", todo.ListQuery{Filter: todo.Filter{DueBefore: "tomorrow"}}, todo.CodeInvalidDue},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Scope = f.scope()
			_, err := f.svc.List(ctx, f.member, tt.q)
			requireCode(t, err, todo.ErrInvalid, tt.code)
		})
	}
}

func TestMineOnlyShowsReadableChannels(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	personal, err := f.svc.Add(ctx, f.member, todo.AddInput{Scope: todo.PersonalScope(f.member), Text: "mine"})
	require.NoError(t, err)
	assigned, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "for member", Assignees: []string{f.member}})
	require.NoError(t, err)
	f.add(t, "not assigned")

	other := todo.NewID()
	f.auth.AddChannel(todo.Channel{ID: other, Type: "O"})
	f.auth.AddMember(other, f.creator)
	f.auth.AddMember(other, f.member)
	_, err = f.svc.Add(ctx, f.creator, todo.AddInput{Scope: todo.ChannelScope(other), Text: "left", Assignees: []string{f.member}})
	require.NoError(t, err)
	// The member leaves that channel: its todos must not show up any more.
	f.auth.Grant(other, f.member, false, false, false)

	page, err := f.svc.Mine(ctx, f.member, todo.MineQuery{})
	require.NoError(t, err)
	var got []string
	for _, td := range page.Todos {
		got = append(got, td.ID)
	}
	require.Equal(t, []string{personal.ID, assigned.ID}, got)

	_, err = f.svc.Complete(ctx, f.member, assigned.ID)
	require.NoError(t, err)
	page, err = f.svc.Mine(ctx, f.member, todo.MineQuery{Filter: todo.Filter{State: "done"}})
	require.NoError(t, err)
	require.Len(t, page.Todos, 1)
	require.Equal(t, assigned.ID, page.Todos[0].ID)
}

type names map[string]string

func (n names) Username(_ context.Context, id string) (string, bool) {
	name, ok := n[id]
	return name, ok
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	f.svc = todo.NewService(todo.Deps{Store: f.store, Authorizer: f.auth, Directory: names{f.member: "bob"}}, todo.Config{})
	a, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "ship it\nsecond line", Assignees: []string{f.member},
		Due: &todo.Due{Date: "2026-12-01", Time: "10:00"}})
	require.NoError(t, err)
	b := f.add(t, "=HYPERLINK(\"http://evil\")")
	_, err = f.svc.Complete(ctx, f.creator, b.ID)
	require.NoError(t, err)

	md, ctype, err := f.svc.Export(ctx, f.member, f.scope(), todo.FormatMarkdown)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(ctype, "text/markdown"))
	require.Equal(t, "- [ ] #1 ship it\n  second line (@bob, due 2026-12-01 10:00)\n- [x] #2 =HYPERLINK(\"http://evil\")\n", string(md))

	csvOut, ctype, err := f.svc.Export(ctx, f.member, f.scope(), todo.FormatCSV)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(ctype, "text/csv"))
	lines := strings.Split(string(csvOut), "\n")
	require.Equal(t, "number,state,text,assignees,due_date,due_time,creator,created_at,completed_by,completed_at,id", lines[0])
	require.Equal(t, `1,open,"ship it`, lines[1], "multi-line text stays one quoted cell")
	require.True(t, strings.HasPrefix(lines[2], `second line",bob,2026-12-01,10:00,`), lines[2])
	require.Contains(t, string(csvOut), `2,done,"'=HYPERLINK(""http://evil"")"`, "formulas are defused")
	require.Contains(t, string(csvOut), a.ID)

	_, _, err = f.svc.Export(ctx, f.member, f.scope(), "pdf")
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidFormat)
}

func TestMoveTargets(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	var td []todo.Todo
	for i := 0; i < 4; i++ {
		td = append(td, f.add(t, "t"))
	}
	// #2 is done: positions count open todos only, as a list shows them.
	_, err := f.svc.Complete(ctx, f.creator, td[1].ID)
	require.NoError(t, err)
	order := func() []int64 {
		page, err := f.svc.List(ctx, f.creator, todo.ListQuery{Scope: f.scope()})
		require.NoError(t, err)
		var out []int64
		for _, x := range page.Todos {
			out = append(out, x.Number)
		}
		return out
	}
	require.Equal(t, []int64{1, 3, 4}, order())
	tests := []struct {
		name string
		move func() (todo.Todo, error)
		want []int64
	}{
		{"bottom", func() (todo.Todo, error) { return f.svc.MoveToBottom(ctx, f.member, td[0].ID) }, []int64{3, 4, 1}},
		{"top", func() (todo.Todo, error) { return f.svc.MoveToTop(ctx, f.member, td[0].ID) }, []int64{1, 3, 4}},
		{"position 2", func() (todo.Todo, error) { return f.svc.MoveToPosition(ctx, f.member, td[3].ID, 2) }, []int64{1, 4, 3}},
		{"position 3", func() (todo.Todo, error) { return f.svc.MoveToPosition(ctx, f.member, td[0].ID, 3) }, []int64{4, 3, 1}},
		{"position 1", func() (todo.Todo, error) { return f.svc.MoveToPosition(ctx, f.member, td[0].ID, 1) }, []int64{1, 4, 3}},
		{"past the end", func() (todo.Todo, error) { return f.svc.MoveToPosition(ctx, f.member, td[0].ID, 50) }, []int64{4, 3, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := len(f.pub.Events())
			_, err := tt.move()
			require.NoError(t, err)
			require.Equal(t, tt.want, order())
			events := f.pub.Events()
			require.Len(t, events, n+1)
			require.Equal(t, todo.ActionMoved, events[n].Action)
		})
	}
	_, err = f.svc.MoveToPosition(ctx, f.member, td[0].ID, 0)
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidMove)
	_, err = f.svc.MoveToBottom(ctx, f.reader, td[0].ID)
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
}

// TestMineChecksReadAccessOnceForAllChannels (issue 10.3): "mine" asks the
// authorizer once for every channel with assignments, not once per channel,
// and still leaves out the channels the user can no longer read. Before, it
// made one CanRead call per channel per page; this test failed then.
func TestMineChecksReadAccessOnceForAllChannels(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	var left string
	for i := 0; i < 100; i++ {
		ch := todo.NewID()
		f.auth.AddChannel(todo.Channel{ID: ch, Type: "O"})
		f.auth.AddMember(ch, f.creator)
		f.auth.AddMember(ch, f.member)
		_, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: todo.ChannelScope(ch), Text: "task", Assignees: []string{f.member}})
		require.NoError(t, err)
		left = ch
	}
	f.auth.Grant(left, f.member, false, false, false)
	before, batches := f.auth.ReadChecks()
	page, err := f.svc.Mine(ctx, f.member, todo.MineQuery{Filter: todo.Filter{Limit: todo.MaxPageSize, Total: true}})
	require.NoError(t, err)
	after, batchesAfter := f.auth.ReadChecks()
	require.Equal(t, before, after, "no CanRead per channel")
	require.Equal(t, batches+1, batchesAfter)
	require.Len(t, page.Todos, 99)
	require.Equal(t, 99, page.Total)
	for _, td := range page.Todos {
		require.NotEqual(t, left, td.Scope.ChannelID)
	}
}

// mineRecorder records the most channel ids a Mine, CountMine or MinePage
// query carried, and how many store calls "mine" made.
type mineRecorder struct {
	*todotest.MemStore
	mostIDs int
	calls   int
}

func (r *mineRecorder) MinePage(ctx context.Context, q todo.MineStoreQuery, upTo int) (todo.MinePage, error) {
	r.mostIDs = max(r.mostIDs, len(q.ChannelIDs))
	r.calls++
	return r.MemStore.MinePage(ctx, q, upTo)
}

func (r *mineRecorder) AssignedOutsideMemberships(ctx context.Context, userID string) ([]string, error) {
	r.calls++
	return r.MemStore.AssignedOutsideMemberships(ctx, userID)
}

func (r *mineRecorder) AssignedChannels(ctx context.Context, userID string) ([]string, error) {
	r.calls++
	return r.MemStore.AssignedChannels(ctx, userID)
}

func (r *mineRecorder) Mine(ctx context.Context, q todo.MineStoreQuery) ([]todo.Todo, error) {
	r.mostIDs = max(r.mostIDs, len(q.ChannelIDs))
	r.calls++
	return r.MemStore.Mine(ctx, q)
}

func (r *mineRecorder) CountMine(ctx context.Context, q todo.MineStoreQuery) (int, error) {
	r.mostIDs = max(r.mostIDs, len(q.ChannelIDs))
	r.calls++
	return r.MemStore.CountMine(ctx, q)
}

// TestMinePassesOnlyNonMemberChannelsAround (issue 10.3): the store joins
// the user's memberships itself, so neither the permission check nor the
// store's queries carry the ids of the channels the user is a member of;
// only the channels with assignments but no membership are checked, and
// those the user may still read (here through a team role) stay in mine.
// Before, all 102 channel ids went to Readable and into both queries; this
// test failed then.
func TestMinePassesOnlyNonMemberChannelsAround(t *testing.T) {
	ctx := context.Background()
	auth, store := todotest.NewAuthorizer(), &mineRecorder{MemStore: todotest.NewMemStore()}
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: auth, Publisher: &todotest.Publisher{},
		Clock: todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))}, todo.Config{})
	creator, user := todo.NewID(), todo.NewID()
	assign := func(ch string) {
		auth.AddChannel(todo.Channel{ID: ch, Type: "O"})
		auth.AddMember(ch, creator)
		auth.AddMember(ch, user)
		store.SetMember(ch, user, true)
		_, err := svc.Add(ctx, creator, todo.AddInput{Scope: todo.ChannelScope(ch), Text: "task", Assignees: []string{user}})
		require.NoError(t, err)
	}
	for i := 0; i < 100; i++ {
		assign(todo.NewID())
	}
	// The user leaves both; one stays readable through a team role.
	byRole, left := todo.NewID(), todo.NewID()
	for _, ch := range []string{byRole, left} {
		assign(ch)
		store.SetMember(ch, user, false)
	}
	auth.Grant(byRole, user, true, false, false)
	auth.Grant(left, user, false, false, false)

	page, err := svc.Mine(ctx, user, todo.MineQuery{Filter: todo.Filter{Limit: todo.MaxPageSize, Total: true}})
	require.NoError(t, err)
	require.Equal(t, 2, auth.ReadableAsked(), "only the non-member channels are checked")
	require.Equal(t, 1, store.mostIDs, "only the readable non-member channel travels to the store")
	require.Equal(t, 2, store.calls, "one read, and one more for the readable non-member channel")
	require.Len(t, page.Todos, 101)
	require.Equal(t, 101, page.Total)
	for _, td := range page.Todos {
		require.NotEqual(t, left, td.Scope.ChannelID)
	}
}

// TestMineIsOneStoreReadForAMember (issue 10.3): when every assigned
// channel is one the user is a member of, "mine" with its total is one store
// call (one statement in SQL) and asks for no permission check. Before, it
// was three (the channels outside the memberships, the page, the count);
// this test failed then.
func TestMineIsOneStoreReadForAMember(t *testing.T) {
	ctx := context.Background()
	auth, store := todotest.NewAuthorizer(), &mineRecorder{MemStore: todotest.NewMemStore()}
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: auth, Publisher: &todotest.Publisher{},
		Clock: todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))}, todo.Config{})
	creator, user := todo.NewID(), todo.NewID()
	for i := 0; i < 30; i++ {
		ch := todo.NewID()
		auth.AddChannel(todo.Channel{ID: ch, Type: "O"})
		auth.AddMember(ch, creator)
		auth.AddMember(ch, user)
		store.SetMember(ch, user, true)
		_, err := svc.Add(ctx, creator, todo.AddInput{Scope: todo.ChannelScope(ch), Text: "task", Assignees: []string{user}})
		require.NoError(t, err)
	}
	store.calls = 0
	_, checks := auth.ReadChecks()
	page, err := svc.Mine(ctx, user, todo.MineQuery{Filter: todo.Filter{Limit: 20, Total: true}})
	require.NoError(t, err)
	require.Len(t, page.Todos, 20)
	require.Equal(t, 30, page.Total)
	require.NotEmpty(t, page.NextCursor)
	require.Equal(t, 1, store.calls)
	_, checksAfter := auth.ReadChecks()
	require.Equal(t, checks, checksAfter, "no permission check for member channels")
}

// TestListAsksNoPermissionOfAMember (issue 10.2): the store says with the page
// whether the reader is a member of the channel, and a member's read makes no
// permission check (each is a plugin-API call in the plugin). A non-member
// still gets one: read through a role they see the list, otherwise they are
// refused and see nothing, not even that their query was wrong. Before, every
// read made the check first; this test failed then.
func TestListAsksNoPermissionOfAMember(t *testing.T) {
	ctx := context.Background()
	auth, store := todotest.NewAuthorizer(), todotest.NewMemStore()
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: auth, Publisher: &todotest.Publisher{},
		Clock: todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))}, todo.Config{})
	channel, member, byRole, outsider := todo.NewID(), todo.NewID(), todo.NewID(), todo.NewID()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, member)
	auth.Grant(channel, byRole, true, false, false)
	auth.AddUser(outsider)
	store.SetMember(channel, member, true)
	scope := todo.ChannelScope(channel)
	_, err := svc.Add(ctx, member, todo.AddInput{Scope: scope, Text: "task"})
	require.NoError(t, err)

	checks := func() int {
		n, _ := auth.ReadChecks()
		return n
	}
	before := checks()
	page, err := svc.List(ctx, member, todo.ListQuery{Scope: scope})
	require.NoError(t, err)
	require.Len(t, page.Todos, 1)
	require.Equal(t, before, checks(), "a member's read asks no permission")

	page, err = svc.List(ctx, byRole, todo.ListQuery{Scope: scope})
	require.NoError(t, err)
	require.Len(t, page.Todos, 1)
	require.Equal(t, before+1, checks())

	page, err = svc.List(ctx, outsider, todo.ListQuery{Scope: scope})
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
	require.Empty(t, page.Todos)
	_, err = svc.List(ctx, outsider, todo.ListQuery{Scope: scope, Filter: todo.Filter{State: "nonsense"}})
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
	_, err = svc.List(ctx, member, todo.ListQuery{Scope: scope, Filter: todo.Filter{State: "nonsense"}})
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidState)
}

// freshRecorder records, per Page call, whether its reads had to be fresh.
type freshRecorder struct {
	*todotest.MemStore
	fresh []bool
}

func (r *freshRecorder) Page(ctx context.Context, q todo.StoreQuery) (todo.StorePage, error) {
	r.fresh = append(r.fresh, todo.FreshReads(ctx))
	return r.MemStore.Page(ctx, q)
}

// TestOwnReadsAfterAWriteAreFresh (issue 10.4): a person's reads go to the
// master (fresh) for FreshWindow after their own write; other people's
// reads, and theirs later, may go to a replica.
func TestOwnReadsAfterAWriteAreFresh(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	rec := &freshRecorder{MemStore: todotest.NewMemStore()}
	clock := todotest.NewClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	svc := todo.NewService(todo.Deps{Store: rec, Authorizer: f.auth, Clock: clock}, todo.Config{})
	list := func(actor string) bool {
		rec.fresh = nil
		_, err := svc.List(ctx, actor, todo.ListQuery{Scope: f.scope()})
		require.NoError(t, err)
		require.NotEmpty(t, rec.fresh)
		return rec.fresh[0]
	}
	require.False(t, list(f.creator))
	_, err := svc.Add(ctx, f.creator, todo.AddInput{Scope: f.scope(), Text: "x"})
	require.NoError(t, err)
	require.True(t, list(f.creator), "the writer reads their write")
	require.False(t, list(f.member), "others may read a replica")
	clock.Advance(todo.FreshWindow + time.Second)
	require.False(t, list(f.creator), "after the window, the replica again")
}

// TestLinkedPostMustBeReadable: a todo links only to a post the actor can read and, for a
// channel's list, one in that channel; a missing post and an unreadable one look the same.
func TestLinkedPostMustBeReadable(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, todo.Config{})
	secret, other := todo.NewID(), todo.NewID()
	f.auth.AddChannel(todo.Channel{ID: secret, Type: "P"})
	f.auth.AddMember(secret, f.outsider)
	f.auth.AddChannel(todo.Channel{ID: other, Type: "O"})
	f.auth.AddMember(other, f.creator)
	inChannel, inThread, inSecret, inOther := todo.NewID(), todo.NewID(), todo.NewID(), todo.NewID()
	posts := todotest.NewPosts(
		todo.Post{ID: inChannel, ChannelID: f.channel},
		todo.Post{ID: inThread, ChannelID: f.channel, RootID: inChannel},
		todo.Post{ID: inSecret, ChannelID: secret},
		todo.Post{ID: inOther, ChannelID: other},
	)
	f.svc = todo.NewService(todo.Deps{Store: f.store, Authorizer: f.auth, Publisher: f.pub, Posts: posts}, todo.Config{})
	unreadable := "There is no such post that you can read."
	tests := []struct {
		name    string
		scope   todo.Scope
		post    string
		root    string
		wantErr string
	}{
		{name: "a post in the channel", scope: f.scope(), post: inChannel},
		{name: "a reply and its thread", scope: f.scope(), post: inThread, root: inChannel},
		{name: "a thread root alone", scope: f.scope(), root: inChannel},
		{name: "a post in a channel the actor cannot read", scope: f.scope(), post: inSecret, wantErr: unreadable},
		{name: "a root in a channel the actor cannot read", scope: f.scope(), root: inSecret, wantErr: unreadable},
		{name: "a post that does not exist", scope: f.scope(), post: todo.NewID(), wantErr: unreadable},
		{name: "a readable post in another channel", scope: f.scope(), post: inOther, wantErr: "The linked post is not in this channel."},
		{name: "a post outside the thread given", scope: f.scope(), post: inThread, root: todo.NewID(), wantErr: unreadable},
		{name: "a post of another thread", scope: f.scope(), post: inChannel, root: inThread, wantErr: "The post is not in the thread given as root_id."},
		{name: "a personal todo from any readable post", scope: todo.PersonalScope(f.creator), post: inOther},
		{name: "a personal todo from an unreadable post", scope: todo.PersonalScope(f.creator), post: inSecret, wantErr: unreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(f.pub.Events())
			got, err := f.svc.Add(ctx, f.creator, todo.AddInput{Scope: tt.scope, Text: "linked", PostID: tt.post, RootID: tt.root})
			if tt.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, tt.post, got.PostID)
				require.Equal(t, tt.root, got.RootID)
				return
			}
			requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidPost)
			require.EqualError(t, err, tt.wantErr)
			require.Len(t, f.pub.Events(), before, "nothing was added")
		})
	}
}
