package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	_ "github.com/lib/pq"
)

// defaultAdminDSN is the PostgreSQL the tests create their databases in;
// CHANNEL_TODO_PG_DSN overrides it.
const defaultAdminDSN = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

func adminDSN() string {
	if dsn := os.Getenv("CHANNEL_TODO_PG_DSN"); dsn != "" {
		return dsn
	}
	return defaultAdminDSN
}

// newTestDB creates a fresh, empty database and drops it when the test ends.
func newTestDB(tb testing.TB) *sql.DB {
	tb.Helper()
	admin, err := sql.Open("postgres", adminDSN())
	if err != nil {
		tb.Fatalf("opening admin connection: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "channeltodo_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("creating test database (is PostgreSQL running? set CHANNEL_TODO_PG_DSN): %v", err)
	}
	u, err := url.Parse(adminDSN())
	if err != nil {
		tb.Fatalf("parsing DSN: %v", err)
	}
	u.Path = "/" + name
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		tb.Fatalf("opening test database: %v", err)
	}
	db.SetMaxOpenConns(20)
	tb.Cleanup(func() {
		db.Close()
		if _, err := admin.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			tb.Errorf("dropping test database: %v", err)
		}
	})
	return db
}

// newTestStore returns a Store on a fresh, migrated database.
func newTestStore(tb testing.TB) (*Store, *sql.DB) {
	tb.Helper()
	db := newTestDB(tb)
	if _, err := Migrate(context.Background(), db); err != nil {
		tb.Fatalf("migrating: %v", err)
	}
	return New(db), db
}
