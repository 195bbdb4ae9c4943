package todo_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

func itemTexts(c todo.Checklist) []string {
	out := []string{}
	for _, it := range c.Items {
		mark := " "
		if it.Done {
			mark = "x"
		}
		out = append(out, mark+it.Text)
	}
	return out
}

func TestChecklistAddTickMoveRemove(t *testing.T) {
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	td := f.add(t, "Pack")
	for _, text := range []string{"socks", "  shirt ", "hat"} {
		_, err := f.svc.AddItem(ctx, f.creator, td.ID, text)
		require.NoError(t, err)
	}
	c, err := f.svc.Checklist(ctx, f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, []string{" socks", " shirt", " hat"}, itemTexts(c), "text is trimmed like a todo's")

	c, err = f.svc.TickItem(ctx, f.member, td.ID, c.Items[1].ID, true)
	require.NoError(t, err)
	require.Equal(t, f.member, c.Items[1].DoneBy)
	require.Equal(t, [2]int{3, 1}, [2]int{c.Todo.ItemsTotal, c.Todo.ItemsDone})
	c, err = f.svc.MoveItem(ctx, f.creator, td.ID, c.Items[2].ID, 1)
	require.NoError(t, err)
	require.Equal(t, []string{" hat", " socks", "xshirt"}, itemTexts(c))
	c, err = f.svc.EditItem(ctx, f.creator, td.ID, c.Items[0].ID, "cap")
	require.NoError(t, err)
	c, err = f.svc.RemoveItem(ctx, f.creator, td.ID, c.Items[1].ID)
	require.NoError(t, err)
	require.Equal(t, []string{" cap", "xshirt"}, itemTexts(c))
	c, err = f.svc.TickItem(ctx, f.creator, td.ID, c.Items[1].ID, false)
	require.NoError(t, err)
	require.Equal(t, "", c.Items[1].DoneBy)
	require.Equal(t, 0, c.Todo.ItemsDone)

	events := f.pub.Events()
	last := events[len(events)-1]
	require.Equal(t, todo.ActionUpdated, last.Action, "a checklist change is the todo's update, so sidebars follow it")
	require.Equal(t, c.Version, last.Version)
	require.Equal(t, 2, last.Todo.ItemsTotal)
}

func TestChecklistRules(t *testing.T) {
	f := newFixture(t, todo.Config{MaxTextLength: 10, EditPolicy: todo.EditCreatorAndAdmins})
	ctx := context.Background()
	td := f.add(t, "Pack")
	c, err := f.svc.AddItem(ctx, f.creator, td.ID, "socks")
	require.NoError(t, err)
	item := c.Items[0].ID

	_, err = f.svc.AddItem(ctx, f.creator, td.ID, " ")
	requireCode(t, err, todo.ErrInvalid, todo.CodeTextEmpty)
	_, err = f.svc.AddItem(ctx, f.creator, td.ID, strings.Repeat("x", 11))
	requireCode(t, err, todo.ErrInvalid, todo.CodeTextTooLong)
	_, err = f.svc.EditItem(ctx, f.creator, td.ID, item, "a\u202eb")
	requireCode(t, err, todo.ErrInvalid, todo.CodeTextInvalid)

	_, err = f.svc.Checklist(ctx, f.outsider, td.ID)
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
	_, err = f.svc.TickItem(ctx, f.outsider, td.ID, item, true)
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
	_, err = f.svc.TickItem(ctx, f.reader, td.ID, item, true)
	requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)

	// The edit policy guards what the todo says; ticking is progress, open to every member.
	_, err = f.svc.AddItem(ctx, f.member, td.ID, "hat")
	requireCode(t, err, todo.ErrForbidden, todo.CodeEditNotAllowed)
	_, err = f.svc.RemoveItem(ctx, f.member, td.ID, item)
	requireCode(t, err, todo.ErrForbidden, todo.CodeEditNotAllowed)
	_, err = f.svc.MoveItem(ctx, f.member, td.ID, item, 1)
	requireCode(t, err, todo.ErrForbidden, todo.CodeEditNotAllowed)
	_, err = f.svc.TickItem(ctx, f.member, td.ID, item, true)
	require.NoError(t, err)
	_, err = f.svc.AddItem(ctx, f.admin, td.ID, "hat")
	require.NoError(t, err)

	other := f.add(t, "Other")
	_, err = f.svc.TickItem(ctx, f.creator, other.ID, item, true)
	requireCode(t, err, todo.ErrNotFound, todo.CodeItemNotFound)
	_, err = f.svc.MoveItem(ctx, f.creator, td.ID, item, 0)
	requireCode(t, err, todo.ErrInvalid, todo.CodeInvalidMove)
	c, err = f.svc.Checklist(ctx, f.creator, td.ID)
	require.NoError(t, err)
	_, err = c.At(3)
	requireCode(t, err, todo.ErrNotFound, todo.CodeItemNotFound)

	_, err = f.svc.Delete(ctx, f.creator, td.ID)
	require.NoError(t, err)
	_, err = f.svc.AddItem(ctx, f.creator, td.ID, "late")
	requireCode(t, err, todo.ErrNotFound, todo.CodeNotFound)
}

func TestChecklistHoldsAtMostMaxItems(t *testing.T) {
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	td := f.add(t, "Long")
	for i := 0; i < todo.MaxItems; i++ {
		_, err := f.svc.AddItem(ctx, f.creator, td.ID, "step")
		require.NoError(t, err)
	}
	_, err := f.svc.AddItem(ctx, f.creator, td.ID, "one more")
	requireCode(t, err, todo.ErrInvalid, todo.CodeTooManyItems)
}

func TestCompleteRefusesOpenItemsUnlessAnyway(t *testing.T) {
	f := newFixture(t, todo.Config{})
	ctx := context.Background()
	td := f.add(t, "Pack")
	var c todo.Checklist
	for _, text := range []string{"a", "b", "c"} {
		var err error
		c, err = f.svc.AddItem(ctx, f.creator, td.ID, text)
		require.NoError(t, err)
	}
	_, err := f.svc.TickItem(ctx, f.creator, td.ID, c.Items[0].ID, true)
	require.NoError(t, err)

	before := len(f.pub.Events())
	_, err = f.svc.Complete(ctx, f.member, td.ID)
	requireCode(t, err, todo.ErrConflict, todo.CodeItemsOpen)
	var open *todo.ItemsOpenError
	require.True(t, errors.As(err, &open))
	require.Equal(t, [3]int64{td.Number, 2, 3}, [3]int64{open.Number, int64(open.Open), int64(open.Total)})
	require.Len(t, f.pub.Events(), before, "a refusal changes nothing")
	got, err := f.svc.Get(ctx, f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, todo.StateOpen, got.State)

	done, err := f.svc.CompleteAnyway(ctx, f.member, td.ID)
	require.NoError(t, err)
	require.Equal(t, todo.StateDone, done.State)
	require.Equal(t, 1, done.ItemsDone, "completing anyway leaves the items as they are")

	// With every item ticked, a plain complete goes through.
	plain := f.add(t, "Plain")
	c, err = f.svc.AddItem(ctx, f.creator, plain.ID, "only")
	require.NoError(t, err)
	_, err = f.svc.TickItem(ctx, f.creator, plain.ID, c.Items[0].ID, true)
	require.NoError(t, err)
	_, err = f.svc.Complete(ctx, f.creator, plain.ID)
	require.NoError(t, err)
}

// keepsChannels is a command-line tool that keeps every channel's list.
type keepsChannels struct{ todo.Tool }

func (keepsChannels) Keeps(s todo.Scope) bool { return s.Kind == todo.ScopeChannel }

func TestChecklistRefusesListsTheToolKeepsAndServersWithoutChecklists(t *testing.T) {
	ctx := context.Background()
	store := todotest.NewMemStore()
	auth := todotest.NewAuthorizer()
	channel, user := todo.NewID(), todo.NewID()
	auth.AddChannel(todo.Channel{ID: channel, Type: "O"})
	auth.AddMember(channel, user)
	plain := todo.NewService(todo.Deps{Store: store, Items: store, Authorizer: auth}, todo.Config{})
	td, err := plain.Add(ctx, user, todo.AddInput{Scope: todo.ChannelScope(channel), Text: "Stored before the tool"})
	require.NoError(t, err)

	kept := todo.NewService(todo.Deps{Store: store, Items: store, Authorizer: auth, Tool: keepsChannels{}}, todo.Config{})
	_, err = kept.AddItem(ctx, user, td.ID, "step")
	requireCode(t, err, todo.ErrConflict, todo.CodeToolKeepsList)

	bare := todo.NewService(todo.Deps{Store: store, Authorizer: auth}, todo.Config{})
	require.False(t, bare.ChecklistsAvailable())
	_, err = bare.AddItem(ctx, user, td.ID, "step")
	requireCode(t, err, todo.ErrInvalid, todo.CodeChecklistsUnavailable)
}
