package conn

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// openFile opens a raw connection to the database file at path, waiting
// busyMS for a lock held by another connection.
func openFile(t *testing.T, path string, busyMS int) *sql.DB {
	t.Helper()
	c, err := sql.Open("sqlite", fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_txlock=immediate",
		filepath.ToSlash(path), busyMS))
	require.NoError(t, err)
	c.SetMaxOpenConns(1)
	t.Cleanup(func() { c.Close() })
	return c
}

func requireCode(t *testing.T, want domain.Code, wantKey string, err error) *domain.Error {
	t.Helper()
	var e *domain.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, want, e.Code)
	assert.Equal(t, wantKey, e.Message)
	return e
}

func TestFailedKeepsNilAndPassesCodedErrorsThrough(t *testing.T) {
	assert.NoError(t, Failed("load case 1", nil))
	assert.NoError(t, RowFailed("load case 1", nil))
	for _, e := range []*domain.Error{
		domain.Errorf(domain.ENotFound, "error.not_found"),
		domain.Errorf(domain.EConflict, "request.read_only"),
		domain.Errorf(domain.EUnavailable, "error.busy"),
	} {
		assert.Same(t, e, Failed("load case 1", e), e.Code)
	}
	invalid := domain.FieldErrors{}
	invalid.Add("reasons", "measure.reasons_required")
	assert.Equal(t, invalid.Err(), Failed("lift measure 3", invalid.Err()), "field errors stay as they are")
}

func TestFailedNamesTheOperationOfAnInternalError(t *testing.T) {
	cause := errors.New("disk I/O error")
	err := Failed("load case 42", cause)
	requireCode(t, domain.EInternal, "error.internal", err)
	assert.ErrorIs(t, err, cause)
	assert.Contains(t, err.Error(), "db: load case 42: disk I/O error")

	outer := Failed("submit request 7", Failed("allocate reference", cause))
	requireCode(t, domain.EInternal, "error.internal", outer)
	assert.ErrorIs(t, outer, cause)
	assert.Contains(t, outer.Error(), "db: submit request 7: allocate reference: disk I/O error",
		"operations nest outermost first, behind one db:")

	legacy := Failed("save answers of request 7", domain.Internal(cause))
	assert.Contains(t, legacy.Error(), "db: save answers of request 7: disk I/O error")
}

func TestNoRowIsNotFoundOnlyWhereTheRowWasAskedFor(t *testing.T) {
	requireCode(t, domain.ENotFound, "error.not_found", RowFailed("load request 9", sql.ErrNoRows))
	err := Failed("count notices of request 9", sql.ErrNoRows)
	requireCode(t, domain.EInternal, "error.internal", err)
	assert.ErrorIs(t, err, sql.ErrNoRows)
}

func TestADuplicateRowIsAConflictAndOtherConstraintsStayInternal(t *testing.T) {
	c := openRaw(t)
	_, err := c.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)`)
	require.NoError(t, err)
	_, err = c.Exec(`INSERT INTO t (id, email) VALUES (1, 'a')`)
	require.NoError(t, err)

	_, err = c.Exec(`INSERT INTO t (id, email) VALUES (2, 'a')`)
	requireCode(t, domain.EConflict, "error.conflict", Failed("insert row", err))
	_, err = c.Exec(`INSERT INTO t (id, email) VALUES (1, 'b')`)
	requireCode(t, domain.EConflict, "error.conflict", Failed("insert row", err))
	_, err = c.Exec(`INSERT INTO t (id, email) VALUES (3, NULL)`)
	requireCode(t, domain.EInternal, "error.internal", Failed("insert row", err))
}

func TestALockHeldElsewhereIsBusyNotInternal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	holder, waiter := openFile(t, path, 0), openFile(t, path, 0)
	_, err := holder.Exec(`CREATE TABLE t (x INTEGER)`)
	require.NoError(t, err)
	tx, err := holder.Begin() // BEGIN IMMEDIATE: takes the write lock
	require.NoError(t, err)
	defer tx.Rollback()

	_, err = waiter.Exec(`INSERT INTO t (x) VALUES (1)`)
	require.Error(t, err)
	e := requireCode(t, domain.EUnavailable, "error.busy", Failed("insert row", err))
	assert.Contains(t, e.Error(), "db: insert row:", "the cause is kept for the log")
}

func TestWriteAnswersBusyWhenAnotherProcessHoldsTheDatabase(t *testing.T) {
	store := MustOpen(t)
	_, err := store.write.Exec(`PRAGMA busy_timeout = 0`) // the one write connection; no waiting in a test
	require.NoError(t, err)
	holder := openFile(t, store.Path(), 0)
	tx, err := holder.Begin()
	require.NoError(t, err)
	defer tx.Rollback()

	ran := false
	err = store.Write(context.Background(), func(*sql.Tx) error { ran = true; return nil })
	requireCode(t, domain.EUnavailable, "error.busy", err)
	assert.False(t, ran, "nothing ran without the lock")
	assert.Contains(t, err.Error(), "db: begin write:")
}

func TestAFullDiskIsStorageFull(t *testing.T) {
	c := openRaw(t)
	_, err := c.Exec(`CREATE TABLE t (b BLOB)`)
	require.NoError(t, err)
	var pages int
	require.NoError(t, c.QueryRow(`SELECT page_count FROM pragma_page_count`).Scan(&pages))
	_, err = c.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages))
	require.NoError(t, err)

	_, err = c.Exec(`INSERT INTO t (b) VALUES (zeroblob(1000000))`)
	require.Error(t, err)
	requireCode(t, domain.EStorageFull, "error.storage_full", Failed("insert row", err))
	// Space back: the same connection writes again, and the refused row
	// left nothing behind.
	var rows int
	require.NoError(t, c.QueryRow(`SELECT COUNT(*) FROM t`).Scan(&rows))
	assert.Zero(t, rows, "the refused insert left no row")
	_, err = c.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+1000))
	require.NoError(t, err)
	_, err = c.Exec(`INSERT INTO t (b) VALUES (zeroblob(1000000))`)
	require.NoError(t, err, "writes succeed once there is space")

	noSpace := &os.PathError{Op: "write", Path: "blobs/x", Err: syscall.ENOSPC}
	requireCode(t, domain.EStorageFull, "error.storage_full", Failed("publish document", noSpace))
}

func TestWriteTranslatesAnUncodedErrorOfItsFunction(t *testing.T) {
	store := MustOpen(t)
	cause := errors.New("boom")
	err := store.Write(context.Background(), func(*sql.Tx) error { return cause })
	requireCode(t, domain.EInternal, "error.internal", err)
	assert.ErrorIs(t, err, cause)

	coded := domain.Errorf(domain.EConflict, "request.read_only")
	assert.Same(t, coded, store.Write(context.Background(), func(*sql.Tx) error { return coded }))
}
