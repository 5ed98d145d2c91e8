package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// RecordMeasure grants or refuses provisional measures on a pending request.
// They are not a decision on the merits, so the status does not change;
// hooks tell the applicant in the same transaction.
func (db *DB) RecordMeasure(ctx context.Context, staff domain.User, requestID int64, in domain.MeasureInput, hooks ...inbox.Hook) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditMeasure, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		if errs := domain.ValidateMeasure(in); errs.Any() {
			return "", errs.Err()
		}
		if !r.Status.IsOpen() {
			return "", domain.Errorf(domain.EConflict, "measure.case_not_pending")
		}
		if in.Outcome == domain.MeasureRefused {
			in.Measures, in.EffectiveFrom = nil, ""
		}
		list, _ := json.Marshal(domain.OrEmpty(in.Measures))
		res, err := tx.ExecContext(ctx, `INSERT INTO measures (request_id, outcome, measures, effective_from, reasons, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, in.Outcome, string(list), in.EffectiveFrom, strings.TrimSpace(in.Reasons), staff.ID, now.Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("record measure on request %d", r.ID), err)
		}
		id, _ := res.LastInsertId()
		kind := domain.EventMeasureGranted
		if in.Outcome == domain.MeasureRefused {
			kind = domain.EventMeasureRefused
		}
		if err := cases.AddEvent(ctx, tx, r.ID, kind, staff.ID, false, nil, now); err != nil {
			return "", err
		}
		return "measure=" + strconv.FormatInt(id, 10) + " outcome=" + in.Outcome + " measures=" + strings.Join(in.Measures, ","),
			inbox.Run(ctx, tx, r, now, hooks)
	})
}

// LiftMeasure ends a granted measure, with reasons.
func (db *DB) LiftMeasure(ctx context.Context, staff domain.User, requestID, measureID int64, reasons string) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditMeasureLift, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		var errs domain.FieldErrors
		if domain.CheckText(&errs, "reasons", reasons, "measure.reasons_required"); errs.Any() {
			return "", errs.Err()
		}
		var outcome string
		var lifted sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT outcome, lifted_at FROM measures WHERE id = ? AND request_id = ?`,
			measureID, r.ID).Scan(&outcome, &lifted)
		if errors.Is(err, sql.ErrNoRows) {
			return "", domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return "", conn.Failed(fmt.Sprintf("load measure %d of request %d", measureID, r.ID), err)
		}
		if outcome != domain.MeasureGranted || lifted.Valid {
			return "", domain.Errorf(domain.EConflict, "measure.not_active")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE measures SET lifted_at = ?, lifted_by = ?, lift_reasons = ? WHERE id = ?`,
			now.Unix(), staff.ID, strings.TrimSpace(reasons), measureID); err != nil {
			return "", conn.Failed(fmt.Sprintf("lift measure %d of request %d", measureID, r.ID), err)
		}
		return "measure=" + strconv.FormatInt(measureID, 10), cases.AddEvent(ctx, tx, r.ID, domain.EventMeasureLifted, staff.ID, false, nil, now)
	})
}

// MeasuresOf lists the measures recorded on a request, oldest first.
func (db *DB) MeasuresOf(ctx context.Context, requestID int64) ([]domain.Measure, error) {
	return readMeasures(ctx, db.Reader(), requestID)
}
