package todo

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"strings"
)

// ErrUnavailable means the database could not be reached or went away during the request:
// nothing the person did was wrong, and the same request can succeed in a moment.
var ErrUnavailable = errors.New("the database is unavailable")

// CodeDatabaseUnavailable is the error code of an ErrUnavailable answer.
const CodeDatabaseUnavailable = "database_unavailable"

// sqlStater is what PostgreSQL drivers' errors implement (lib/pq's *pq.Error among them).
type sqlStater interface{ SQLState() string }

// unreachableStates are SQLSTATEs that say the server cannot serve right now, not that the
// statement was wrong: connection exceptions (class 08), the server shutting down or starting
// (57P01-57P03) and no connection slot left (53300).
var unreachableStates = []string{"08", "57P01", "57P02", "57P03", "53300"}

// unreachableText are the same conditions as the text they arrive as when an error has lost
// its type on the way through Mattermost's plugin RPC (only *pq.Error, driver.ErrBadConn and
// a few sentinels keep theirs).
var unreachableText = []string{
	"connection refused", "connection reset by peer", "broken pipe", "bad connection",
	"the database system is shutting down", "the database system is starting up",
	"the database system is in recovery mode", "terminating connection due to administrator command",
	"sorry, too many clients already", "server closed the connection unexpectedly", "no connection to the server",
}

// IsUnavailable reports whether err says the database was unreachable (ErrUnavailable, or a
// driver error that means so) rather than that a statement failed.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrUnavailable) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var stater sqlStater
	if errors.As(err, &stater) {
		state := stater.SQLState()
		for _, s := range unreachableStates {
			if strings.HasPrefix(state, s) {
				return true
			}
		}
		return false
	}
	text := err.Error()
	for _, t := range unreachableText {
		if strings.Contains(text, t) {
			return true
		}
	}
	return false
}
