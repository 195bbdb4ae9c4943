package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// oneRowOfInts runs query, which returns one row of len(dest) integer columns, on one of db's
// connections and reads the row through the driver itself.
//
// Before it reads a first row, database/sql asks the driver for the result's column names, to
// size the row; through Mattermost's plugin database driver that question is one more round
// trip to the server, for names the caller already knows. Read here, a statement's row costs
// the statement, the row and closing the rows. A driver that cannot be asked directly gets
// the ordinary QueryRow.
func oneRowOfInts(ctx context.Context, db *sql.DB, query string, args []any, dest ...*int64) error {
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
		if closeErr := rows.Close(); err == nil {
			err = closeErr
		}
		if errors.Is(err, io.EOF) {
			return sql.ErrNoRows
		}
		if err != nil {
			return err
		}
		for i, v := range row {
			n, ok := v.(int64)
			if !ok {
				return fmt.Errorf("column %d is %T, not an integer", i+1, v)
			}
			*dest[i] = n
		}
		return nil
	})
	if err != nil || direct {
		return err
	}
	scan := make([]any, len(dest))
	for i, d := range dest {
		scan[i] = d
	}
	return conn.QueryRowContext(ctx, query, args...).Scan(scan...)
}
