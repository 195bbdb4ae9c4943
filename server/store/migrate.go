package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationLockKey is the pg_advisory_xact_lock key that serializes
// migrations across cluster nodes (an arbitrary constant for this plugin).
const migrationLockKey int64 = 0x636874_6f646f // "chtodo"

// ErrSchemaNewer means the database was migrated by a newer version of the plugin than this
// one: running on it could write rows the newer schema does not expect (a downgrade), so the
// plugin refuses and changes nothing.
var ErrSchemaNewer = errors.New("the database schema is newer than this plugin version")

// SchemaNewerError names the versions when the database is ahead of this plugin.
type SchemaNewerError struct {
	// Database is the highest migration the database records; Known the highest this
	// plugin version has.
	Database, Known int
	// Name is the database's newest migration, as the newer plugin recorded it.
	Name string
}

func (e *SchemaNewerError) Error() string {
	return fmt.Sprintf("the database holds Channel Todo schema version %d (%s), newer than this plugin version knows (up to %d): "+
		"it was written by a newer Channel Todo; install that version or a later one. Nothing was changed", e.Database, e.Name, e.Known)
}

// Unwrap lets errors.Is find ErrSchemaNewer.
func (e *SchemaNewerError) Unwrap() error { return ErrSchemaNewer }

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("reading embedded migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration file %q is not named NNNN_name.sql", name)
		}
		body, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, fmt.Errorf("reading migration %q: %w", name, err)
		}
		out = append(out, migration{version: v, name: strings.TrimSuffix(name, ".sql"), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("two migrations have version %d", out[i].version)
		}
	}
	return out, nil
}

// Migrate brings the plugin's tables up to date. It is idempotent and safe to
// run from several nodes at once: everything happens in one transaction that
// first takes a transaction-scoped advisory lock, and applied versions are
// recorded in channeltodo_migrations. It returns the versions it applied.
// A database that records a version this plugin does not know is refused with a
// *SchemaNewerError before anything is applied.
func Migrate(ctx context.Context, db *sql.DB) ([]int, error) {
	migrations, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("starting migration transaction: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLockKey); err != nil {
		return nil, fmt.Errorf("taking migration lock: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS channeltodo_migrations (
		version    integer PRIMARY KEY,
		name       text    NOT NULL,
		applied_at bigint  NOT NULL
	)`); err != nil {
		return nil, fmt.Errorf("creating migrations table: %w", err)
	}
	applied := map[int]bool{}
	var newest SchemaNewerError
	if len(migrations) > 0 {
		newest.Known = migrations[len(migrations)-1].version
	}
	rows, err := tx.QueryContext(ctx, `SELECT version, name FROM channeltodo_migrations`)
	if err != nil {
		return nil, fmt.Errorf("reading applied migrations: %w", err)
	}
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading applied migrations: %w", err)
		}
		applied[v] = true
		if v > newest.Database {
			newest.Database, newest.Name = v, name
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading applied migrations: %w", err)
	}
	if newest.Database > newest.Known {
		return nil, &newest
	}

	var done []int
	for _, m := range migrations {
		if applied[m.version] {
			continue
		}
		// One statement per Exec: the plugin database driver forwards each
		// call over RPC and not every driver accepts several statements.
		for _, stmt := range statements(m.sql) {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return nil, fmt.Errorf("applying migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO channeltodo_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.version, m.name, time.Now().UnixMilli()); err != nil {
			return nil, fmt.Errorf("recording migration %s: %w", m.name, err)
		}
		done = append(done, m.version)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("committing migrations: %w", err)
	}
	return done, nil
}

// statements splits a migration into statements at semicolons that end a
// line, except inside a $$-quoted body (a function's), which stays whole.
// Migrations must not put such a semicolon inside any other statement.
func statements(script string) []string {
	var out, lines []string
	quoted := false
	for _, line := range strings.Split(script, "\n") {
		t := strings.TrimSpace(line)
		if !quoted && (t == "" || strings.HasPrefix(t, "--")) {
			continue
		}
		lines = append(lines, line)
		if strings.Count(line, "$$")%2 == 1 {
			quoted = !quoted
		}
		if !quoted && strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimRight(strings.Join(lines, "\n"), " \t\r"), ";"))
			lines = nil
		}
	}
	if len(lines) > 0 {
		out = append(out, strings.Join(lines, "\n"))
	}
	return out
}
