package todo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
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

// askedTogether wraps an Authorizer: Channel, CanRead and CanPost each wait until all three
// have been asked, and fail the test after a timeout if they were asked in turn.
type askedTogether struct {
	todo.Authorizer
	*todotest.Rendezvous
}

func (a *askedTogether) Channel(ctx context.Context, channelID string) (todo.Channel, error) {
	a.Arrive("Channel")
	return a.Authorizer.Channel(ctx, channelID)
}

func (a *askedTogether) CanRead(ctx context.Context, userID, channelID string) bool {
	a.Arrive("CanRead")
	return a.Authorizer.CanRead(ctx, userID, channelID)
}

func (a *askedTogether) CanPost(ctx context.Context, userID, channelID string) bool {
	a.Arrive("CanPost")
	return a.Authorizer.CanPost(ctx, userID, channelID)
}

// TestWriteCheckAsksAtOnce (issue 10): a change to a channel's list asks the channel, read and
// post permission at once (each a round trip to Mattermost in the plugin), from every door,
// and still decides as before: here the reader, who may not post, is refused.
func TestWriteCheckAsksAtOnce(t *testing.T) {
	for _, c := range []struct {
		name  string
		actor func(*fixture) string
		ok    bool
	}{
		{"member", func(f *fixture) string { return f.member }, true},
		{"reader", func(f *fixture) string { return f.reader }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, todo.Config{})
			svc := todo.NewService(todo.Deps{Store: f.store, Authorizer: &askedTogether{Authorizer: f.auth, Rendezvous: todotest.NewRendezvous(t, 3)}, Publisher: f.pub}, todo.Config{})
			_, err := svc.Add(context.Background(), c.actor(f), todo.AddInput{Scope: f.scope(), Text: "buy milk"})
			if c.ok {
				require.NoError(t, err)
			} else {
				requireCode(t, err, todo.ErrForbidden, todo.CodeForbidden)
			}
		})
	}
}
