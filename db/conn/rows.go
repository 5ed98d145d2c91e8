package conn

import (
	"database/sql"
	"errors"
)

// Scanner is one row of a result, as both *sql.Row and *sql.Rows offer it.
// It is an alias of the literal interface so that a scan function serves a
// single-row read and a whole result alike.
type Scanner = interface{ Scan(dest ...any) error }

// ErrStop, returned by the function given to Each, ends the walk early; Each
// then returns nil.
var ErrStop = errors.New("stop reading rows")

// Rows reads every row of a query's result with scan and returns them in
// order (nil for none). It takes the query's own results, so that a failed
// query, a failed scan and an error met while stepping through the rows
// (rows.Err, which a hand-written loop easily forgets) all end up in one
// place; it closes the result whatever happens. Every failure goes through
// Failed with op; an application error from scan (a corrupt stored value,
// say) passes through or gets op in front.
func Rows[T any](op string, rows *sql.Rows, err error, scan func(Scanner) (T, error)) ([]T, error) {
	var out []T
	err = Each(op, rows, err, func(row Scanner) error {
		v, err := scan(row)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Each is Rows for a result that is not collected into a list: fn sees
// each row in turn and may return ErrStop to end early. It closes the result,
// checks rows.Err and sends every failure through Failed with op.
func Each(op string, rows *sql.Rows, err error, fn func(Scanner) error) error {
	if err != nil {
		return Failed(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); errors.Is(err, ErrStop) {
			return nil
		} else if err != nil {
			return Failed(op, err)
		}
	}
	// Next closed the result when it ran out; Err says whether it ran out
	// or failed.
	return Failed(op, rows.Err())
}
