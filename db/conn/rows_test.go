package conn

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func numbers(t *testing.T) *sql.DB {
	t.Helper()
	c := openRaw(t)
	_, err := c.Exec(`CREATE TABLE n (x INTEGER, label TEXT); INSERT INTO n VALUES (1, 'one'), (2, 'two'), (3, 'three')`)
	require.NoError(t, err)
	return c
}

func scanX(row Scanner) (int, error) {
	var x int
	err := row.Scan(&x)
	return x, err
}

func TestRowsReadsEveryRowInOrder(t *testing.T) {
	c := numbers(t)
	rows, err := c.Query(`SELECT x FROM n ORDER BY x`)
	got, err := Rows("list numbers", rows, err, scanX)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3}, got)

	rows, err = c.Query(`SELECT x FROM n WHERE x > 9`)
	got, err = Rows("list numbers", rows, err, scanX)
	require.NoError(t, err)
	assert.Nil(t, got, "no rows is an empty list")
}

func TestRowsNamesTheOperationOfEveryFailure(t *testing.T) {
	c := numbers(t)
	rows, err := c.Query(`SELECT x FROM no_such_table`)
	_, err = Rows("list numbers", rows, err, scanX)
	requireCode(t, domain.EInternal, "error.internal", err)
	assert.Contains(t, err.Error(), "db: list numbers:", "a failed query")

	rows, err = c.Query(`SELECT label FROM n ORDER BY x`)
	_, err = Rows("list numbers", rows, err, scanX)
	requireCode(t, domain.EInternal, "error.internal", err)
	assert.Contains(t, err.Error(), "db: list numbers:", "a failed scan")

	rows, err = c.Query(`SELECT x FROM n ORDER BY x`)
	_, err = Rows("list numbers", rows, err, func(row Scanner) (int, error) {
		x, err := scanX(row)
		if x == 2 {
			return 0, Failed("number 2 label", errors.New("corrupt"))
		}
		return x, err
	})
	requireCode(t, domain.EInternal, "error.internal", err)
	assert.Contains(t, err.Error(), "db: list numbers: number 2 label: corrupt", "an error of the scan function")

	gone := domain.Errorf(domain.ENotFound, "error.not_found")
	rows, err = c.Query(`SELECT x FROM n`)
	_, err = Rows("list numbers", rows, err, func(Scanner) (int, error) { return 0, gone })
	assert.Same(t, gone, err, "a coded error passes through")
}

func TestEachStopsEarlyAndClosesTheResult(t *testing.T) {
	c := numbers(t)
	var seen []int
	rows, err := c.Query(`SELECT x FROM n ORDER BY x`)
	err = Each("walk numbers", rows, err, func(row Scanner) error {
		x, err := scanX(row)
		if err != nil {
			return err
		}
		seen = append(seen, x)
		if x == 2 {
			return ErrStop
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, seen)
	assert.Zero(t, c.Stats().InUse, "the result was closed and its connection given back")
}
