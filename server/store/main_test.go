package store

import (
	"context"
	"database/sql"
	"testing"

	"github.com/channel-todo/channel-todo/server/store/storetest"
)

func newTestDB(tb testing.TB) *sql.DB { return storetest.NewDB(tb) }

// newTestStore returns a Store on a fresh, migrated database.
func newTestStore(tb testing.TB) (*Store, *sql.DB) {
	tb.Helper()
	db := newTestDB(tb)
	if _, err := Migrate(context.Background(), db); err != nil {
		tb.Fatalf("migrating: %v", err)
	}
	return New(db), db
}
