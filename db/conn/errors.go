package conn

import (
	"database/sql"
	"errors"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Failed is the one place where the store's failures become application
// errors. It names the operation that failed, so that the log says what
// went wrong ("db: load case 42: ..."), and it translates what SQLite
// reports into codes the web layer can answer sensibly:
//
//   - nil stays nil;
//   - an application error that is not internal (not found, conflict, a
//     rule broken, or one already translated here) passes through as it is;
//   - SQLITE_BUSY and SQLITE_LOCKED become EUnavailable ("error.busy"):
//     another process held the database for longer than the busy timeout,
//     and the same action will most likely work in a moment;
//   - SQLITE_FULL and ENOSPC become EStorageFull ("error.storage_full"):
//     the disk is full, and retrying will not help until space is freed;
//   - a UNIQUE or PRIMARY KEY violation becomes EConflict
//     ("error.conflict"): the row exists already, written meanwhile by
//     another action. Other constraints (NOT NULL, CHECK, foreign keys, the
//     audit log's append-only triggers) guard invariants the store keeps
//     itself, so breaking one is a bug and stays internal;
//   - anything else is internal.
//
// The cause is kept for the log and never shown. op therefore holds ids
// and codes only, never personal data such as names, emails or answers.
// Wrapping an internal error again adds the outer operation in front, as
// in "db: submit request 7: allocate reference: ...".
//
// sql.ErrNoRows stays internal here: a missing row is not found only where
// the caller asked for that row (see RowFailed).
func Failed(op string, err error) error {
	if err == nil {
		return nil
	}
	var coded *domain.Error
	if errors.As(err, &coded) && coded.Code != domain.EInternal {
		return err
	}
	cause := err
	if e, ok := err.(*domain.Error); ok && e.Err != nil {
		cause = e.Err // the operation goes in front of the cause, not of "internal"
	}
	code, key := translate(cause)
	return &domain.Error{Code: code, Message: key, Err: &opError{op: op, err: cause}}
}

// RowFailed is Failed for reading one row the caller asked for by its key:
// no such row is not found, exactly as for a row the caller may not see.
func RowFailed(op string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return Failed(op, err)
}

// translate picks the code and message key for a failure's cause.
func translate(err error) (domain.Code, string) {
	if errors.Is(err, syscall.ENOSPC) {
		return domain.EStorageFull, "error.storage_full"
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return domain.EInternal, "error.internal"
	}
	// Extended result codes are on, so the primary code is the low byte.
	switch code := se.Code(); code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return domain.EUnavailable, "error.busy"
	case sqlite3.SQLITE_FULL:
		return domain.EStorageFull, "error.storage_full"
	case sqlite3.SQLITE_CONSTRAINT:
		if code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
			return domain.EConflict, "error.conflict"
		}
	}
	return domain.EInternal, "error.internal"
}

// opError is a cause with the operation that met it. Nested operations
// read outermost first behind a single "db: ".
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return "db: " + e.chain() }

func (e *opError) chain() string {
	if inner, ok := e.err.(*opError); ok {
		return e.op + ": " + inner.chain()
	}
	return e.op + ": " + e.err.Error()
}

// Unwrap keeps the cause reachable for errors.Is and errors.As.
func (e *opError) Unwrap() error { return e.err }
