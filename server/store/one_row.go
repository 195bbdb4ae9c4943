package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// oneRow runs query, which returns one row of len(dest) columns, on one of db's connections and
// reads the row through the driver itself. dest holds *int64, *int, *bool, *string or *[]byte.
//
// Before it reads a first row, database/sql asks the driver for the result's column names, to
// size the row; through Mattermost's plugin database driver that question is one more round
// trip to the server, for names the caller already knows. Read here, a statement's row costs
// the statement, the row and closing the rows. A driver that cannot be asked directly gets
// the ordinary QueryRow.
func oneRow(ctx context.Context, db *sql.DB, query string, args []any, dest ...any) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	direct := false
	err = conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return nil
		}
		direct = true
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			v, err := driver.DefaultParameterConverter.ConvertValue(a)
			if err != nil {
				return fmt.Errorf("argument $%d: %w", i+1, err)
			}
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
		}
		rows, err := q.QueryContext(ctx, query, named)
		if err != nil {
			return err
		}
		row := make([]driver.Value, len(dest))
		err = rows.Next(row)
		if err == nil {
			// Assigned before the rows close: a driver may reuse its buffers then.
			err = assignRow(row, dest)
		}
		if closeErr := rows.Close(); err == nil {
			err = closeErr
		}
		if errors.Is(err, io.EOF) {
			return sql.ErrNoRows
		}
		return err
	})
	if err != nil || direct {
		return err
	}
	return conn.QueryRowContext(ctx, query, args...).Scan(dest...)
}

// oneRowOn is oneRow where q is a pool, and an ordinary QueryRow in a transaction.
func oneRowOn(ctx context.Context, q querier, query string, args []any, dest ...any) error {
	if db, ok := q.(*sql.DB); ok {
		return oneRow(ctx, db, query, args, dest...)
	}
	return q.QueryRowContext(ctx, query, args...).Scan(dest...)
}

// assignRow stores a row's driver values in dest, as Scan would for these destinations.
func assignRow(row []driver.Value, dest []any) error {
	for i, v := range row {
		if err := assignValue(v, dest[i]); err != nil {
			return fmt.Errorf("column %d: %w", i+1, err)
		}
	}
	return nil
}

func assignValue(v driver.Value, dest any) error {
	switch d := dest.(type) {
	case *int64:
		if n, ok := v.(int64); ok {
			*d = n
			return nil
		}
	case *int:
		if n, ok := v.(int64); ok {
			*d = int(n)
			return nil
		}
	case *bool:
		if b, ok := v.(bool); ok {
			*d = b
			return nil
		}
	case *string:
		switch s := v.(type) {
		case string:
			*d = s
			return nil
		case []byte:
			*d = string(s)
			return nil
		}
	case *[]byte:
		switch s := v.(type) {
		case nil:
			*d = nil
			return nil
		case string:
			*d = []byte(s)
			return nil
		case []byte:
			*d = append([]byte(nil), s...)
			return nil
		}
	default:
		return fmt.Errorf("cannot read into %T", dest)
	}
	return fmt.Errorf("%T cannot be read into %T", v, dest)
}
