package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// AddNote records an internal note or consultation. A consultation also
// appears on the staff timeline.
func (db *DB) AddNote(ctx context.Context, staff domain.User, requestID int64, kind, body string) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditNote, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		if errs := domain.ValidateNote(kind, body); errs.Any() {
			return "", errs.Err()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO internal_notes (request_id, author_id, kind, body, created_at)
			VALUES (?, ?, ?, ?, ?)`, r.ID, staff.ID, kind, strings.TrimSpace(body), now.Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("add note to request %d", r.ID), err)
		}
		id, _ := res.LastInsertId()
		if kind != domain.NoteInternal {
			err = cases.AddEvent(ctx, tx, r.ID, domain.EventConsultation, staff.ID, true, map[string]string{"arg": "note.kind." + kind}, now)
		}
		return "note=" + strconv.FormatInt(id, 10) + " kind=" + kind, err
	})
}

// Notes lists a case's internal entries, oldest first. Staff only.
func (db *DB) Notes(ctx context.Context, requestID int64) ([]domain.Note, error) {
	return readNotes(ctx, db.Reader(), requestID)
}
