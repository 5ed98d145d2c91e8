package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Admissibility outcomes.
const (
	OutcomeAdmissible   = "admissible"
	OutcomeInadmissible = "inadmissible"
)

// AdmissibilityChecks are the requirements of an admissible request (see
// DOMAIN.md), in the order the checklist shows them.
var AdmissibilityChecks = []string{"valid_id", "authorisation", "working_language", "purpose_stated", "limits_respected"}

// InadmissibilityReasons are the reasons staff choose from; each has a
// message telling the applicant exactly what was missing.
var InadmissibilityReasons = []string{"id_missing", "id_expired", "id_unreadable", "authorisation_missing",
	"authorisation_unsigned", "language", "purpose_unclear", "limits_exceeded", "other"}

// ChecksFor lists the checks that apply to r: the authorisation only when a
// representative filed it.
func ChecksFor(r Request) []string {
	if r.Representative() {
		return AdmissibilityChecks
	}
	return slices.DeleteFunc(slices.Clone(AdmissibilityChecks), func(c string) bool { return c == "authorisation" })
}

// Admissibility is the assessment of a request's admissibility.
type Admissibility struct {
	RequestID int64
	Outcome   string
	Checks    []string
	Reasons   []string
	Note      string
	DecidedBy int64
	DecidedAt time.Time
}

// AdmissibilityInput is what the staff form supplies.
type AdmissibilityInput struct {
	Outcome string
	Checks  []string
	Reasons []string
	Note    string
}

// MaxReasonRunes limits the free text of reasons, notes and messages.
const MaxReasonRunes = 10000

// ValidateAdmissibility checks the form: admissible needs every applicable
// requirement ticked; inadmissible needs at least one reason, and "other"
// needs the free text that explains it.
func ValidateAdmissibility(r Request, in AdmissibilityInput) FieldErrors {
	var errs FieldErrors
	switch in.Outcome {
	case OutcomeAdmissible:
		for _, c := range ChecksFor(r) {
			if !slices.Contains(in.Checks, c) {
				errs.Add("checks", "admissibility.checks_incomplete")
				break
			}
		}
	case OutcomeInadmissible:
		if len(in.Reasons) == 0 || !allIn(in.Reasons, InadmissibilityReasons) {
			errs.Add("reasons", "admissibility.reason_required")
		} else if slices.Contains(in.Reasons, "other") && strings.TrimSpace(in.Note) == "" {
			errs.Add("note", "admissibility.note_required")
		}
	default:
		errs.Add("outcome", "admissibility.outcome_required")
	}
	if utf8.RuneCountInString(in.Note) > MaxReasonRunes {
		errs.Add("note", "answer.too_long", MaxReasonRunes)
	}
	return errs
}

func allIn(list, allowed []string) bool {
	for _, v := range list {
		if !slices.Contains(allowed, v) {
			return false
		}
	}
	return true
}

// DeclareAdmissibility records the assessment and moves the request on. An
// admissible request gets its admissible date and its statutory due date (4
// or 9 months); an inadmissible one ends. It can be done once.
func (db *DB) DeclareAdmissibility(ctx context.Context, staff User, requestID int64, in AdmissibilityInput) error {
	return db.staffTx(ctx, staff, requestID, AuditAdmissibility, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		if errs := ValidateAdmissibility(r, in); errs.Any() {
			return "", errs.Err()
		}
		if !r.AdmissibleAt.IsZero() {
			return "", Errorf(EConflict, "admissibility.already_assessed")
		}
		to := Status(in.Outcome)
		if err := setStatus(ctx, tx, r, to, now); err != nil {
			return "", err
		}
		if in.Outcome == OutcomeAdmissible {
			in.Reasons = nil
			if err := setAdmissibleDates(ctx, tx, r, now); err != nil {
				return "", err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE requests SET decided_at = ? WHERE id = ?`, now.Unix(), r.ID); err != nil {
			return "", Internal(err)
		}
		checks, _ := json.Marshal(orEmpty(in.Checks))
		reasons, _ := json.Marshal(orEmpty(in.Reasons))
		if _, err := tx.ExecContext(ctx, `INSERT INTO admissibility (request_id, outcome, checks, reasons, note, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ID, in.Outcome, string(checks), string(reasons), strings.TrimSpace(in.Note),
			staff.ID, now.Unix()); err != nil {
			return "", Internal(err)
		}
		kind := EventFoundAdmissible
		if in.Outcome == OutcomeInadmissible {
			kind = EventFoundInadmissible
		}
		if err := addEvent(ctx, tx, r.ID, kind, staff.ID, false, nil, now); err != nil {
			return "", err
		}
		return "outcome=" + in.Outcome + " reasons=" + strings.Join(in.Reasons, ","), nil
	})
}

func setAdmissibleDates(ctx context.Context, tx *sql.Tx, r Request, now time.Time) error {
	due, ok := DueDate(r.Kind, now)
	var dueAt sql.NullInt64
	if ok {
		dueAt = sql.NullInt64{Int64: due.Unix(), Valid: true}
	}
	_, err := tx.ExecContext(ctx, `UPDATE requests SET admissible_at = ?, due_at = ? WHERE id = ?`, now.Unix(), dueAt, r.ID)
	return wrapInternal(err)
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// AdmissibilityOf returns the assessment of a request, if there is one.
func (db *DB) AdmissibilityOf(ctx context.Context, requestID int64) (*Admissibility, error) {
	a := Admissibility{RequestID: requestID}
	var checks, reasons string
	var at int64
	err := db.read.QueryRowContext(ctx, `SELECT outcome, checks, reasons, note, decided_by, decided_at FROM admissibility
		WHERE request_id = ?`, requestID).Scan(&a.Outcome, &checks, &reasons, &a.Note, &a.DecidedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, Internal(err)
	}
	_ = json.Unmarshal([]byte(checks), &a.Checks)
	_ = json.Unmarshal([]byte(reasons), &a.Reasons)
	a.DecidedAt = unixTime(at)
	return &a, nil
}
