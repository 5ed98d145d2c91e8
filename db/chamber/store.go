// Package chamber is the store of the Requests Chamber's sessions and
// their agendas. Creating a session and changing an agenda are each one
// write transaction with its audit entry; nothing here is read for the
// applicant.
package chamber

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/chamber"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
)

// Store records and reads sessions and agendas.
type Store struct{ *conn.Conn }

// Create records a new session; a number already taken in its year is a
// conflict.
func (s Store) Create(ctx context.Context, staff domain.User, in rules.NewInput) (int64, error) {
	if err := staffrole.Require(staff, staffrole.Agenda); err != nil {
		return 0, err
	}
	sess, errs := rules.ValidateNew(in)
	if errs.Any() {
		return 0, errs.Err()
	}
	now := s.Clock.Now()
	var id int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO chamber_sessions (year, number, starts_on, ends_on, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (year, number) DO NOTHING`, sess.Year, sess.Number, sess.StartsOn, sess.EndsOn,
			staff.ID, now.Unix())
		if err != nil {
			return conn.Failed("create session", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			var e domain.FieldErrors
			e.Add("number", "chamber.number_taken", sess.Label())
			return e.Err()
		}
		id, _ = res.LastInsertId()
		return audit.Append(ctx, tx, now, staff.ID, rules.AuditSessionCreate, 0, "session="+strconv.FormatInt(id, 10))
	})
	return id, err
}

// Place puts the case with the given reference on the agenda of session
// sessionID. The case must be ready (see rules.CanPlace) and on no other
// agenda.
func (s Store) Place(ctx context.Context, staff domain.User, sessionID int64, reference string) error {
	if err := staffrole.Require(staff, staffrole.Agenda); err != nil {
		return err
	}
	id, err := s.caseByReference(ctx, reference)
	if err != nil {
		return err
	}
	return cases.StaffTx(ctx, s.Conn, staff, id, rules.AuditAgendaAdd, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		if _, err := session(ctx, tx, sessionID); err != nil {
			return "", err
		}
		if err := rules.CanPlace(r.Status); err != nil {
			return "", err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO session_agenda (session_id, request_id, added_by, added_at)
			VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, sessionID, r.ID, staff.ID, now.Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("put request %d on session %d", r.ID, sessionID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return "", domain.Errorf(domain.EConflict, "chamber.already_on_agenda")
		}
		return "session=" + strconv.FormatInt(sessionID, 10), nil
	})
}

// TakeOff removes a case from the agenda of session sessionID, unless its
// decision was adopted there.
func (s Store) TakeOff(ctx context.Context, staff domain.User, sessionID, requestID int64) error {
	if err := staffrole.Require(staff, staffrole.Agenda); err != nil {
		return err
	}
	return cases.StaffTx(ctx, s.Conn, staff, requestID, rules.AuditAgendaRemove, func(tx *sql.Tx, r domain.Request, _ time.Time) (string, error) {
		var adopted bool
		err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM chamber_decisions WHERE request_id = ? AND adopted_at IS NOT NULL)`, r.ID).Scan(&adopted)
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("read decision of request %d", r.ID), err)
		}
		if err := rules.CanTakeOff(adopted); err != nil {
			return "", err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM session_agenda WHERE session_id = ? AND request_id = ?`, sessionID, r.ID)
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("take request %d off session %d", r.ID, sessionID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return "", domain.Errorf(domain.ENotFound, "error.not_found")
		}
		return "session=" + strconv.FormatInt(sessionID, 10), nil
	})
}

// caseByReference finds a filed case by its CCF reference, written in any
// case and with spaces around it.
func (s Store) caseByReference(ctx context.Context, reference string) (int64, error) {
	ref := strings.ToUpper(strings.TrimSpace(reference))
	if ref == "" {
		var e domain.FieldErrors
		e.Add("reference", "chamber.reference_required")
		return 0, e.Err()
	}
	var id int64
	err := s.Reader().QueryRowContext(ctx, `SELECT id FROM requests WHERE reference = ? AND status != 'draft'`, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		var e domain.FieldErrors
		e.Add("reference", "chamber.reference_unknown")
		return 0, e.Err()
	}
	return id, conn.Failed("find case by reference", err)
}
