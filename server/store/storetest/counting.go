package storetest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/lib/pq"
)

// Counts are the driver calls a database handle made. Mattermost's plugin
// database driver forwards each of them to the server over RPC, so each one
// is a round trip in the plugin: a statement, and every row read (Rows.Next).
type Counts struct {
	statements atomic.Int64
	rows       atomic.Int64
	open       atomic.Int64
	peakOpen   atomic.Int64
	argBytes   atomic.Int64
	columns    atomic.Int64
}

// ArgBytes is the total size of the string and byte arguments sent with
// statements since the last Reset: what travels to the database besides the
// statements' text (a list of ids passed as an array shows here).
func (c *Counts) ArgBytes() int64 { return c.argBytes.Load() }

func (c *Counts) addArgs(args []driver.NamedValue) {
	for _, a := range args {
		switch v := a.Value.(type) {
		case string:
			c.argBytes.Add(int64(len(v)))
		case []byte:
			c.argBytes.Add(int64(len(v)))
		}
	}
}

// RoundTrips is the number of statements (queries, execs, transaction
// begins and ends) plus the number of Rows.Next calls since the last Reset.
func (c *Counts) RoundTrips() int64 { return c.statements.Load() + c.rows.Load() }

// Statements is the number of queries, execs, begins and commits/rollbacks.
func (c *Counts) Statements() int64 { return c.statements.Load() }

// Rows is the number of Rows.Next calls.
func (c *Counts) Rows() int64 { return c.rows.Load() }

// PeakOpen is the most connections that were open at once.
func (c *Counts) PeakOpen() int64 { return c.peakOpen.Load() }

// Columns is the number of Rows.Columns calls: database/sql asks once per result before its
// first row, and through the plugin driver each is a round trip too (not in RoundTrips).
func (c *Counts) Columns() int64 { return c.columns.Load() }

// Reset sets the statement and row counts to zero.
func (c *Counts) Reset() {
	c.statements.Store(0)
	c.rows.Store(0)
	c.argBytes.Store(0)
	c.columns.Store(0)
}

// NewCountingDB is NewDB through a driver that counts round trips. Its pool
// has no limit of its own, like the *sql.DB Mattermost hands a plugin.
func NewCountingDB(tb testing.TB) (*sql.DB, *Counts) {
	tb.Helper()
	return CountingHandle(tb, NewDB(tb))
}

// CountingHandle opens another, counted handle on the database of plain (a
// handle from NewDB), as a replica handle is another handle on the same data.
func CountingHandle(tb testing.TB, plain *sql.DB) (*sql.DB, *Counts) {
	tb.Helper()
	var name string
	if err := plain.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
		tb.Fatalf("naming the test database: %v", err)
	}
	u, err := url.Parse(AdminDSN())
	if err != nil {
		tb.Fatalf("parsing DSN: %v", err)
	}
	u.Path = "/" + name
	pqc, err := pq.NewConnector(u.String())
	if err != nil {
		tb.Fatalf("connecting: %v", err)
	}
	counts := &Counts{}
	db := sql.OpenDB(countingConnector{inner: pqc, counts: counts})
	// Closed before NewDB's cleanup drops the database.
	tb.Cleanup(func() { db.Close() })
	return db, counts
}

type countingConnector struct {
	inner  driver.Connector
	counts *Counts
}

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	open := c.counts.open.Add(1)
	for {
		peak := c.counts.peakOpen.Load()
		if open <= peak || c.counts.peakOpen.CompareAndSwap(peak, open) {
			break
		}
	}
	return &countingConn{inner: conn, counts: c.counts}, nil
}

func (c countingConnector) Driver() driver.Driver { return c.inner.Driver() }

// countingConn offers only the context-aware paths, which database/sql
// prefers, and counts each call.
type countingConn struct {
	inner  driver.Conn
	counts *Counts
	closed atomic.Bool
}

var errUnsupported = errors.New("storetest: the wrapped driver lacks this interface")

func (c *countingConn) Prepare(query string) (driver.Stmt, error) {
	c.counts.statements.Add(1)
	return c.inner.Prepare(query)
}

func (c *countingConn) Close() error {
	if !c.closed.Swap(true) {
		c.counts.open.Add(-1)
	}
	return c.inner.Close()
}

func (c *countingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	b, ok := c.inner.(driver.ConnBeginTx)
	if !ok {
		return nil, errUnsupported
	}
	c.counts.statements.Add(1)
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return countingTx{inner: tx, counts: c.counts}, nil
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.inner.(driver.QueryerContext)
	if !ok {
		return nil, errUnsupported
	}
	c.counts.statements.Add(1)
	c.counts.addArgs(args)
	rows, err := q.QueryContext(ctx, query, args)
	if err != nil {
		return nil, err
	}
	return &countingRows{Rows: rows, counts: c.counts}, nil
}

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.inner.(driver.ExecerContext)
	if !ok {
		return nil, errUnsupported
	}
	c.counts.statements.Add(1)
	c.counts.addArgs(args)
	return e.ExecContext(ctx, query, args)
}

func (c *countingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *countingConn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

type countingTx struct {
	inner  driver.Tx
	counts *Counts
}

func (t countingTx) Commit() error {
	t.counts.statements.Add(1)
	return t.inner.Commit()
}

func (t countingTx) Rollback() error {
	t.counts.statements.Add(1)
	return t.inner.Rollback()
}

type countingRows struct {
	driver.Rows
	counts *Counts
}

func (r *countingRows) Columns() []string {
	r.counts.columns.Add(1)
	return r.Rows.Columns()
}

func (r *countingRows) Next(dest []driver.Value) error {
	// The call that finds the end (io.EOF) is a round trip too.
	r.counts.rows.Add(1)
	return r.Rows.Next(dest)
}
