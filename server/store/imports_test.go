package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/channel-todo/channel-todo/server/todo"
)

func importedTodo(owner, text string) todo.Todo {
	scope := todo.PersonalScope(owner)
	return todo.Todo{ID: todo.NewID(), ListID: scope.ListID(), Scope: scope, Text: text, State: todo.StateOpen,
		CreatorID: owner, CreatedAt: 1000, UpdatedAt: 2000}
}

func TestAddImportedRecordsTheSourceOnce(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	owner := todo.NewID()

	first := importedTodo(owner, "one")
	ch, added, err := s.AddImported(ctx, first, "official", []string{"a", "b"})
	require.NoError(t, err)
	require.True(t, added)
	require.Equal(t, int64(1), ch.Todo.Number)

	// One of the two ids taken: nothing is written, not even the other id's record.
	_, added, err = s.AddImported(ctx, importedTodo(owner, "two"), "official", []string{"b", "c"})
	require.NoError(t, err)
	require.False(t, added)
	n, err := s.Count(ctx, todo.PersonalScope(owner).ListID(), "")
	require.NoError(t, err)
	require.Equal(t, 1, n)

	got, err := s.Imported(ctx, "official", []string{"a", "b", "c", "d"})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"a": first.ID, "b": first.ID}, got)

	// Another source has its own ids.
	_, added, err = s.AddImported(ctx, importedTodo(owner, "three"), "other", []string{"a"})
	require.NoError(t, err)
	require.True(t, added)
}

func TestAddImportedConcurrentImportsAddOneTodo(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	owner := todo.NewID()
	const racers = 8
	var wg sync.WaitGroup
	results := make([]bool, racers)
	errs := make([]error, racers)
	for i := 0; i < racers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, results[i], errs[i] = s.AddImported(ctx, importedTodo(owner, fmt.Sprint("racer ", i)), "official", []string{"x"})
		}(i)
	}
	wg.Wait()
	added := 0
	for i := range results {
		require.NoError(t, errs[i])
		if results[i] {
			added++
		}
	}
	require.Equal(t, 1, added)
	n, err := s.Count(ctx, todo.PersonalScope(owner).ListID(), "")
	require.NoError(t, err)
	require.Equal(t, 1, n)
}

// TestPluginKVReadsMattermostsTable reads the columns of Mattermost's PluginKeyValueStore
// that Rows reads (only those exist here), across pages, skipping other plugins and expired
// rows, with any bytes in the value.
func TestPluginKVReadsMattermostsTable(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	_, err := db.Exec(`CREATE TABLE PluginKeyValueStore (PluginId varchar(190), PKey varchar(150), PValue bytea, ExpireAt bigint,
		PRIMARY KEY (PluginId, PKey))`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO PluginKeyValueStore
		SELECT 'com.mattermost.plugin-todo', 'item_' || lpad(g::text, 5, '0'), convert_to('{"n":' || g || '}', 'UTF8'), 0
		FROM generate_series(1, 2500) g`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO PluginKeyValueStore VALUES
		('com.mattermost.plugin-todo', 'zz_binary', '\xff00fe'::bytea, 0),
		('com.mattermost.plugin-todo', 'zz_expired', 'x', 1),
		('other-plugin', 'item_1', 'x', 0)`)
	require.NoError(t, err)

	rows, err := NewPluginKV(db).Rows(ctx, "com.mattermost.plugin-todo")
	require.NoError(t, err)
	require.Len(t, rows, 2501)
	require.Equal(t, "item_00001", rows[0].Key)
	require.JSONEq(t, `{"n":1}`, string(rows[0].Value))
	require.Equal(t, "item_02500", rows[2499].Key)
	require.Equal(t, KV{Key: "zz_binary", Value: []byte{0xff, 0x00, 0xfe}}, rows[2500])
}
