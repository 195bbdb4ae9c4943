package todo

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

type stateErr string

func (e stateErr) Error() string    { return "pq: " + string(e) }
func (e stateErr) SQLState() string { return string(e) }

func TestIsUnavailable(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"the sentinel, wrapped", fmt.Errorf("adding: %w", ErrUnavailable), true},
		{"bad connection", fmt.Errorf("listing: %w", driver.ErrBadConn), true},
		{"connection done", sql.ErrConnDone, true},
		{"admin shutdown", stateErr("57P01"), true},
		{"starting up", stateErr("57P03"), true},
		{"connection failure", stateErr("08006"), true},
		{"too many connections", stateErr("53300"), true},
		{"unique violation", stateErr("23505"), false},
		{"syntax error", stateErr("42601"), false},
		{"refused, as text across RPC", errors.New("dial tcp 127.0.0.1:5432: connect: connection refused"), true},
		{"shutting down, as text", errors.New("pq: the database system is shutting down"), true},
		{"not found", ErrNotFound, false},
		{"no rows", sql.ErrNoRows, false},
		{"any other failure", errors.New("json: cannot unmarshal"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, IsUnavailable(tt.err))
		})
	}
}
