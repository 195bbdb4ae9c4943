package todo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func TestCanReadAndCanWrite(t *testing.T) {
	f := newFixture(t, todo.Config{})
	archived := todo.NewID()
	f.auth.AddChannel(todo.Channel{ID: archived, Type: "O", Archived: true})
	f.auth.AddMember(archived, f.member)

	cases := []struct {
		name      string
		actor     string
		scope     todo.Scope
		readErr   error
		writeErr  error
		writeCode string
	}{
		{name: "member", actor: f.member, scope: f.scope()},
		{name: "reader may read only", actor: f.reader, scope: f.scope(), writeErr: todo.ErrForbidden, writeCode: todo.CodeForbidden},
		{name: "outsider", actor: f.outsider, scope: f.scope(), readErr: todo.ErrForbidden, writeErr: todo.ErrForbidden, writeCode: todo.CodeForbidden},
		{name: "archived channel is read-only", actor: f.member, scope: todo.ChannelScope(archived), writeErr: todo.ErrForbidden, writeCode: todo.CodeArchived},
		{name: "unknown channel", actor: f.member, scope: todo.ChannelScope(todo.NewID()), readErr: todo.ErrNotFound, writeErr: todo.ErrNotFound, writeCode: todo.CodeNotFound},
		{name: "own personal list", actor: f.member, scope: todo.PersonalScope(f.member)},
		{name: "someone else's personal list", actor: f.member, scope: todo.PersonalScope(f.creator), readErr: todo.ErrForbidden, writeErr: todo.ErrForbidden, writeCode: todo.CodePersonalOnly},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			err := f.svc.CanRead(ctx, tc.actor, tc.scope)
			if tc.readErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.readErr)
			}
			err = f.svc.CanWrite(ctx, tc.actor, tc.scope)
			if tc.writeErr == nil {
				require.NoError(t, err)
				return
			}
			requireCode(t, err, tc.writeErr, tc.writeCode)
		})
	}
}

// TestCanDeleteUnowned: the command-line tool keeps no creators, so under "creator and channel
// admins" only the channel's admins may delete from a list it keeps; under "anyone", whoever
// may change the list. Personal lists stay their owner's.
func TestCanDeleteUnowned(t *testing.T) {
	for _, tc := range []struct {
		name   string
		policy todo.EditPolicy
		actor  func(*fixture) string
		scope  func(*fixture) todo.Scope
		err    error
		code   string
	}{
		{name: "anyone: a member", policy: todo.EditAnyone, actor: func(f *fixture) string { return f.member }},
		{name: "anyone: a reader still cannot", policy: todo.EditAnyone, actor: func(f *fixture) string { return f.reader }, err: todo.ErrForbidden, code: todo.CodeForbidden},
		{name: "creator and admins: a member cannot", policy: todo.EditCreatorAndAdmins, actor: func(f *fixture) string { return f.member }, err: todo.ErrForbidden, code: todo.CodeToolDeleteNotAllowed},
		{name: "creator and admins: the channel admin may", policy: todo.EditCreatorAndAdmins, actor: func(f *fixture) string { return f.admin }},
		{name: "creator and admins: an outsider cannot", policy: todo.EditCreatorAndAdmins, actor: func(f *fixture) string { return f.outsider }, err: todo.ErrForbidden, code: todo.CodeForbidden},
		{name: "creator and admins: own personal list", policy: todo.EditCreatorAndAdmins, actor: func(f *fixture) string { return f.member },
			scope: func(f *fixture) todo.Scope { return todo.PersonalScope(f.member) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, todo.Config{EditPolicy: tc.policy})
			scope := f.scope()
			if tc.scope != nil {
				scope = tc.scope(f)
			}
			err := f.svc.CanDeleteUnowned(context.Background(), tc.actor(f), scope)
			if tc.err == nil {
				require.NoError(t, err)
				return
			}
			requireCode(t, err, tc.err, tc.code)
		})
	}
}
