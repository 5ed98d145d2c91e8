package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// Measure outcomes.
const (
	MeasureGranted = "granted"
	MeasureRefused = "refused"
)

// Measure is a grant or refusal of provisional measures on a request.
type Measure struct {
	ID            int64
	RequestID     int64
	Outcome       string
	Measures      []string // codes of db.Measures
	EffectiveFrom string   // YYYY-MM-DD, for a grant
	Reasons       string
	DecidedBy     int64
	DecidedAt     time.Time
	LiftedAt      time.Time
	LiftReasons   string
}

// Active reports whether the measure is granted and not lifted.
func (m Measure) Active() bool { return m.Outcome == MeasureGranted && m.LiftedAt.IsZero() }

// MeasureInput is what the staff form supplies.
type MeasureInput struct {
	Outcome       string
	Measures      []string
	EffectiveFrom string
	Reasons       string
}

// ValidateMeasure: a grant names at least one measure and when it starts;
// every outcome has reasons.
func ValidateMeasure(in MeasureInput) FieldErrors {
	var errs FieldErrors
	switch in.Outcome {
	case MeasureGranted:
		if len(in.Measures) == 0 || !allIn(in.Measures, Measures) {
			errs.Add("measures", "measure.kind_required")
		}
		if _, err := time.Parse(time.DateOnly, in.EffectiveFrom); err != nil {
			errs.Add("effective_from", "measure.from_required")
		}
	case MeasureRefused:
	default:
		errs.Add("outcome", "measure.outcome_required")
	}
	checkText(&errs, "reasons", in.Reasons, "measure.reasons_required")
	return errs
}

// RecordMeasure grants or refuses provisional measures on a pending request.
// They are not a decision on the merits, so the status does not change.
func (db *DB) RecordMeasure(ctx context.Context, staff User, requestID int64, in MeasureInput) error {
	return db.staffTx(ctx, staff, requestID, AuditMeasure, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		if errs := ValidateMeasure(in); errs.Any() {
			return "", errs.Err()
		}
		if !r.Status.IsOpen() {
			return "", Errorf(EConflict, "measure.case_not_pending")
		}
		if in.Outcome == MeasureRefused {
			in.Measures, in.EffectiveFrom = nil, ""
		}
		list, _ := json.Marshal(orEmpty(in.Measures))
		res, err := tx.ExecContext(ctx, `INSERT INTO measures (request_id, outcome, measures, effective_from, reasons, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, in.Outcome, string(list), in.EffectiveFrom, strings.TrimSpace(in.Reasons), staff.ID, now.Unix())
		if err != nil {
			return "", Internal(err)
		}
		id, _ := res.LastInsertId()
		kind := EventMeasureGranted
		if in.Outcome == MeasureRefused {
			kind = EventMeasureRefused
		}
		return "measure=" + fmtID(id) + " outcome=" + in.Outcome + " measures=" + strings.Join(in.Measures, ","),
			addEvent(ctx, tx, r.ID, kind, staff.ID, false, nil, now)
	})
}

// LiftMeasure ends a granted measure, with reasons.
func (db *DB) LiftMeasure(ctx context.Context, staff User, requestID, measureID int64, reasons string) error {
	return db.staffTx(ctx, staff, requestID, AuditMeasureLift, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		var errs FieldErrors
		if checkText(&errs, "reasons", reasons, "measure.reasons_required"); errs.Any() {
			return "", errs.Err()
		}
		var outcome string
		var lifted sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT outcome, lifted_at FROM measures WHERE id = ? AND request_id = ?`,
			measureID, r.ID).Scan(&outcome, &lifted)
		if errors.Is(err, sql.ErrNoRows) {
			return "", Errorf(ENotFound, "error.not_found")
		} else if err != nil {
			return "", Internal(err)
		}
		if outcome != MeasureGranted || lifted.Valid {
			return "", Errorf(EConflict, "measure.not_active")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE measures SET lifted_at = ?, lifted_by = ?, lift_reasons = ? WHERE id = ?`,
			now.Unix(), staff.ID, strings.TrimSpace(reasons), measureID); err != nil {
			return "", Internal(err)
		}
		return "measure=" + fmtID(measureID), addEvent(ctx, tx, r.ID, EventMeasureLifted, staff.ID, false, nil, now)
	})
}

// Measures lists the measures recorded on a request, oldest first.
func (db *DB) MeasuresOf(ctx context.Context, requestID int64) ([]Measure, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, outcome, measures, effective_from, reasons, decided_by, decided_at,
		COALESCE(lifted_at, 0), lift_reasons FROM measures WHERE request_id = ? ORDER BY id`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Measure
	for rows.Next() {
		m := Measure{RequestID: requestID}
		var list string
		var at, lifted int64
		if err := rows.Scan(&m.ID, &m.Outcome, &list, &m.EffectiveFrom, &m.Reasons, &m.DecidedBy, &at, &lifted, &m.LiftReasons); err != nil {
			return nil, Internal(err)
		}
		_ = json.Unmarshal([]byte(list), &m.Measures)
		m.DecidedAt, m.LiftedAt = unixTime(at), unixTime(lifted)
		out = append(out, m)
	}
	return out, wrapInternal(rows.Err())
}

// HasMeasure reports whether m includes kind.
func (m Measure) HasMeasure(kind string) bool { return slices.Contains(m.Measures, kind) }
