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
