package todo_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
	"github.com/channel-todo/channel-todo/server/todo/todotest"
)

// keepsPersonal is a command-line tool that keeps every personal list.
type keepsPersonal struct{ todo.Tool }

func (keepsPersonal) Keeps(s todo.Scope) bool { return s.Kind == todo.ScopePersonal }

func TestImportAddsOnceWithTheSourcesTime(t *testing.T) {
	ctx := context.Background()
	store := todotest.NewMemStore()
	pub := &todotest.Publisher{}
	svc := todo.NewService(todo.Deps{Store: store, Authorizer: todotest.NewAuthorizer(), Imports: store, Publisher: pub}, todo.Config{})
	owner := todo.NewID()
	in := todo.ImportInput{Scope: todo.PersonalScope(owner), Creator: owner, Text: "  Buy milk ", CreatedAt: 1000,
		PostID: todo.NewID(), Source: "official", SourceIDs: []string{"a"}}

	require.NoError(t, svc.CheckImport(ctx, in))
	got, added, err := svc.Import(ctx, in)
	require.NoError(t, err)
	require.True(t, added)
	require.Equal(t, "Buy milk", got.Text)
	require.Equal(t, int64(1000), got.CreatedAt)
	require.Empty(t, got.PostID, "a link the creator could not make is dropped, the todo kept")
	require.Len(t, pub.Events(), 1)

	_, added, err = svc.Import(ctx, in)
	require.NoError(t, err)
	require.False(t, added)
	require.Len(t, pub.Events(), 1)

	other := in
	other.Creator = todo.NewID()
	_, _, err = svc.Import(ctx, other)
	require.ErrorIs(t, err, todo.ErrForbidden, "a personal list is its owner's alone, imports too")
}

func TestImportRefusesListsTheToolKeepsAndStoresWithoutRecords(t *testing.T) {
	ctx := context.Background()
	store := todotest.NewMemStore()
	owner := todo.NewID()
	in := todo.ImportInput{Scope: todo.PersonalScope(owner), Creator: owner, Text: "x", Source: "official", SourceIDs: []string{"a"}}

	svc := todo.NewService(todo.Deps{Store: store, Authorizer: todotest.NewAuthorizer(), Imports: store, Tool: keepsPersonal{}}, todo.Config{})
	_, _, err := svc.Import(ctx, in)
	require.Equal(t, todo.CodeToolKeepsList, todo.CodeOf(err))
	require.Equal(t, todo.CodeToolKeepsList, todo.CodeOf(svc.CheckImport(ctx, in)))

	bare := todo.NewService(todo.Deps{Store: store, Authorizer: todotest.NewAuthorizer()}, todo.Config{})
	_, _, err = bare.Import(ctx, in)
	require.ErrorIs(t, err, todo.ErrImportUnavailable)
}
