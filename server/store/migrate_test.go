package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMigrateIsIdempotentAndRecorded(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)

	all, err := loadMigrations()
	require.NoError(t, err)
	require.NotEmpty(t, all)

	applied, err := Migrate(ctx, db)
	require.NoError(t, err)
	require.Len(t, applied, len(all))

	again, err := Migrate(ctx, db)
	require.NoError(t, err)
	require.Empty(t, again)

	var n int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM channeltodo_migrations`).Scan(&n))
	require.Equal(t, len(all), n)

	for _, table := range []string{"channeltodo_lists", "channeltodo_todos", "channeltodo_assignees"} {
		var exists bool
		require.NoError(t, db.QueryRow(`SELECT to_regclass($1) IS NOT NULL`, table).Scan(&exists))
		require.True(t, exists, table)
	}
}

func TestMigrateConcurrentlyAppliesOnce(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	var wg sync.WaitGroup
	results := make([][]int, 4)
	errs := make([]error, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = Migrate(ctx, db)
		}()
	}
	wg.Wait()
	total := 0
	for i := range results {
		require.NoError(t, errs[i])
		total += len(results[i])
	}
	all, err := loadMigrations()
	require.NoError(t, err)
	require.Equal(t, len(all), total, "each migration applied exactly once")
}

func TestStatementsSplitsAtLineEndSemicolons(t *testing.T) {
	tests := []struct {
		name   string
		script string
		want   []string
	}{
		{"two statements", "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n", []string{"CREATE TABLE a (x int)", "CREATE TABLE b (y int)"}},
		{"a function body stays whole", "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN 1;\nEND\n$$;\nSELECT f();\n",
			[]string{"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n    RETURN 1;\nEND\n$$", "SELECT f()"}},
		{"comments dropped", "-- hello;\nCREATE INDEX i ON a (x);\n", []string{"CREATE INDEX i ON a (x)"}},
		{"no trailing newline", "SELECT 1;", []string{"SELECT 1"}},
		{"empty", "\n\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, statements(tt.script))
		})
	}
}

// A database migrated by a newer plugin version (a downgrade) is refused whole: nothing is
// applied or recorded, and the error names both versions.
func TestMigrateRefusesANewerSchema(t *testing.T) {
	ctx := context.Background()
	db := newTestDB(t)
	all, err := loadMigrations()
	require.NoError(t, err)
	known := all[len(all)-1].version

	// The schema as it was before the last migration, plus a record of a future one.
	_, err = Migrate(ctx, db)
	require.NoError(t, err)
	_, err = db.Exec(`DELETE FROM channeltodo_migrations WHERE version = $1`, known)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO channeltodo_migrations (version, name, applied_at) VALUES ($1, 'future_feature', 0)`, known+1)
	require.NoError(t, err)

	applied, err := Migrate(ctx, db)
	require.ErrorIs(t, err, ErrSchemaNewer)
	require.Nil(t, applied)
	var newer *SchemaNewerError
	require.ErrorAs(t, err, &newer)
	require.Equal(t, SchemaNewerError{Database: known + 1, Known: known, Name: "future_feature"}, *newer)
	require.Contains(t, err.Error(), fmt.Sprintf("schema version %d (future_feature), newer than this plugin version knows (up to %d)", known+1, known))

	// The missing migration was not applied behind the refusal.
	var n int
	require.NoError(t, db.QueryRow(`SELECT count(*) FROM channeltodo_migrations WHERE version = $1`, known).Scan(&n))
	require.Zero(t, n)
}
