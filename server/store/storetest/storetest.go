// Package storetest gives tests a fresh PostgreSQL database of their own.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	// The tests talk to PostgreSQL directly; in the plugin the driver is
	// Mattermost's.
	_ "github.com/lib/pq"
)

// DefaultAdminDSN is where test databases are created unless the
// CHANNEL_TODO_PG_DSN environment variable names another server.
const DefaultAdminDSN = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// AdminDSN returns the DSN test databases are created from.
func AdminDSN() string {
	if dsn := os.Getenv("CHANNEL_TODO_PG_DSN"); dsn != "" {
		return dsn
	}
	return DefaultAdminDSN
}

// NewDB creates an empty database with a random name and drops it when the
// test ends.
func NewDB(tb testing.TB) *sql.DB {
	tb.Helper()
	admin, err := sql.Open("postgres", AdminDSN())
	if err != nil {
		tb.Fatalf("opening admin connection: %v", err)
	}
	tb.Cleanup(func() { admin.Close() })
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatalf("naming test database: %v", err)
	}
	name := "channeltodo_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("creating test database (is PostgreSQL running? CHANNEL_TODO_PG_DSN=%q): %v", os.Getenv("CHANNEL_TODO_PG_DSN"), err)
	}
	u, err := url.Parse(AdminDSN())
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
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("dropping test database %s: %v", name, err)
		}
	})
	return db
}

// MembershipTables creates the columns of Mattermost's Channels and
// ChannelMembers tables that the store reads (in the plugin they are
// Mattermost's own, in the same database) and returns a way to add or
// remove a user's membership of a channel.
func MembershipTables(tb testing.TB, db *sql.DB) func(channelID, userID string, member bool) {
	tb.Helper()
	if _, err := db.Exec(`
		CREATE TABLE Channels (Id varchar(26) PRIMARY KEY, TeamId varchar(26), Type varchar(1), DeleteAt bigint);
		CREATE TABLE ChannelMembers (ChannelId varchar(26), UserId varchar(26), PRIMARY KEY (ChannelId, UserId))`); err != nil {
		tb.Fatalf("creating Mattermost's channel tables: %v", err)
	}
	return func(channelID, userID string, member bool) {
		tb.Helper()
		if _, err := db.Exec(`INSERT INTO Channels VALUES ($1, '', 'O', 0) ON CONFLICT DO NOTHING`, channelID); err != nil {
			tb.Fatalf("adding channel: %v", err)
		}
		q := `DELETE FROM ChannelMembers WHERE ChannelId = $1 AND UserId = $2`
		if member {
			q = `INSERT INTO ChannelMembers VALUES ($1, $2) ON CONFLICT DO NOTHING`
		}
		if _, err := db.Exec(q, channelID, userID); err != nil {
			tb.Fatalf("changing membership: %v", err)
		}
	}
}
