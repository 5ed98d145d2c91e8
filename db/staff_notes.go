package db

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"
)

// Kinds of internal entry: a note, or a consultation of the source NCB or
// of INTERPOL's General Secretariat. None is ever shown to applicants.
const (
	NoteInternal             = "note"
	NoteConsultSourceNCB     = "consult_source_ncb"
	NoteConsultGeneralSecret = "consult_general_secretariat"
)

// NoteKinds lists the internal entry kinds in the order the form offers them.
var NoteKinds = []string{NoteInternal, NoteConsultSourceNCB, NoteConsultGeneralSecret}

// Note is an internal entry on a case.
type Note struct {
	ID         int64
	RequestID  int64
	AuthorID   int64
	AuthorName string
	Kind       string
	Body       string
	CreatedAt  time.Time
}

// ValidateNote needs a known kind and a text.
func ValidateNote(kind, body string) FieldErrors {
	var errs FieldErrors
	if !slices.Contains(NoteKinds, kind) {
		errs.Add("kind", "note.kind_required")
	}
	checkText(&errs, "body", body, "note.body_required")
	return errs
}

// AddNote records an internal note or consultation. A consultation also
// appears on the staff timeline.
func (db *DB) AddNote(ctx context.Context, staff User, requestID int64, kind, body string) error {
	return db.staffTx(ctx, staff, requestID, AuditNote, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		if errs := ValidateNote(kind, body); errs.Any() {
			return "", errs.Err()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO internal_notes (request_id, author_id, kind, body, created_at)
			VALUES (?, ?, ?, ?, ?)`, r.ID, staff.ID, kind, strings.TrimSpace(body), now.Unix())
		if err != nil {
			return "", Internal(err)
		}
		id, _ := res.LastInsertId()
		if kind != NoteInternal {
			err = addEvent(ctx, tx, r.ID, EventConsultation, staff.ID, true, map[string]string{"arg": "note.kind." + kind}, now)
		}
		return "note=" + fmtID(id) + " kind=" + kind, err
	})
}

// Notes lists a case's internal entries, oldest first. Staff only.
func (db *DB) Notes(ctx context.Context, requestID int64) ([]Note, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT n.id, n.author_id, COALESCE(u.name, ''), n.kind, n.body, n.created_at
		FROM internal_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.request_id = ? ORDER BY n.id`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		n := Note{RequestID: requestID}
		var at int64
		if err := rows.Scan(&n.ID, &n.AuthorID, &n.AuthorName, &n.Kind, &n.Body, &at); err != nil {
			return nil, Internal(err)
		}
		n.CreatedAt = unixTime(at)
		out = append(out, n)
	}
	return out, wrapInternal(rows.Err())
}
