package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/admit"
)

// DeclareAdmissibility records the assessment and moves the request on. An
// admissible request gets its admissible date and its statutory due date (4
// or 9 months); an inadmissible one ends. It can be done once.
func (db *DB) DeclareAdmissibility(ctx context.Context, staff domain.User, requestID int64, in domain.AdmissibilityInput) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditAdmissibility, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		docs, err := cases.ListDocuments(ctx, tx, r.ID)
		if err != nil {
			return "", err
		}
		errs := domain.ValidateAdmissibility(r, in)
		if errs = append(errs, admit.Validate(in, admit.Known(r, docs, now))...); errs.Any() {
			return "", errs.Err()
		}
		if !r.AdmissibleAt.IsZero() {
			return "", domain.Errorf(domain.EConflict, "admissibility.already_assessed")
		}
		to := domain.Status(in.Outcome)
		if err := cases.SetStatus(ctx, tx, r, to, now); err != nil {
			return "", err
		}
		if in.Outcome == domain.OutcomeAdmissible {
			in.Reasons = nil
			if err := setAdmissibleDates(ctx, tx, r, now); err != nil {
				return "", err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE requests SET decided_at = ? WHERE id = ?`, now.Unix(), r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("date decision on request %d", r.ID), err)
		}
		checks, _ := json.Marshal(domain.OrEmpty(in.Checks))
		reasons, _ := json.Marshal(domain.OrEmpty(in.Reasons))
		if _, err := tx.ExecContext(ctx, `INSERT INTO admissibility (request_id, outcome, checks, reasons, note, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, in.Outcome, string(checks), string(reasons), strings.TrimSpace(in.Note),
			staff.ID, now.Unix()); err != nil {
			return "", conn.Failed(fmt.Sprintf("record admissibility of request %d", r.ID), err)
		}
		kind := domain.EventFoundAdmissible
		if in.Outcome == domain.OutcomeInadmissible {
			kind = domain.EventFoundInadmissible
		}
		if err := cases.AddEvent(ctx, tx, r.ID, kind, staff.ID, false, nil, now); err != nil {
			return "", err
		}
		return "outcome=" + in.Outcome + " reasons=" + strings.Join(in.Reasons, ","), nil
	})
}

func setAdmissibleDates(ctx context.Context, tx *sql.Tx, r domain.Request, now time.Time) error {
	due, ok := domain.DueDate(r.Kind, now)
	var dueAt sql.NullInt64
	if ok {
		dueAt = sql.NullInt64{Int64: due.Unix(), Valid: true}
	}
	_, err := tx.ExecContext(ctx, `UPDATE requests SET admissible_at = ?, due_at = ? WHERE id = ?`, now.Unix(), dueAt, r.ID)
	return conn.Failed(fmt.Sprintf("set due date of request %d", r.ID), err)
}

// AdmissibilityOf returns the assessment of a request, if there is one.
func (db *DB) AdmissibilityOf(ctx context.Context, requestID int64) (*domain.Admissibility, error) {
	return readAdmissibility(ctx, db.Reader(), requestID)
}
