package db

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
)

// Decision outcomes (see DOMAIN.md, "After a decision").
const (
	DecisionNoData                 = "no_data"
	DecisionDataHeld               = "data_held"
	DecisionNeitherConfirmNorDeny  = "neither_confirm_nor_deny"
	DecisionCompliant              = "compliant"
	DecisionNonCompliantDeletion   = "non_compliant_deletion"
	DecisionNonCompliantCorrection = "non_compliant_correction"
	DecisionDeletedBeforeDecision  = "deleted_before_decision"
	DecisionUpheld                 = "upheld"
	DecisionRevised                = "revised"
	DecisionMeasuresGranted        = "measures_granted"
	DecisionMeasuresRefused        = "measures_refused"
	DecisionWithdrawn              = "withdrawn"
)

// DecisionOutcomes lists the outcomes a request of kind k can end with, in
// the order the form offers them. Every kind can end withdrawn; the
// inadmissible ending is the admissibility assessment's.
func DecisionOutcomes(k Kind) []string {
	var out []string
	switch k {
	case KindAccess:
		out = []string{DecisionNoData, DecisionDataHeld, DecisionNeitherConfirmNorDeny}
	case KindDeletion, KindCorrection:
		out = []string{DecisionCompliant, DecisionNonCompliantDeletion, DecisionNonCompliantCorrection, DecisionDeletedBeforeDecision}
	case KindRevision:
		out = []string{DecisionUpheld, DecisionRevised}
	case KindProvisional:
		out = []string{DecisionMeasuresGranted, DecisionMeasuresRefused}
	}
	return append(out, DecisionWithdrawn)
}

// NoticeAction is what a decision orders done to the data in every
// national database that received them: "delete" or "correct". Only a
// finding of non-compliance orders anything.
func NoticeAction(outcome string) (string, bool) {
	switch outcome {
	case DecisionNonCompliantDeletion:
		return "delete", true
	case DecisionNonCompliantCorrection:
		return "correct", true
	}
	return "", false
}

// Decision is how a request ended before the CCF.
type Decision struct {
	ID         int64
	RequestID  int64
	Reference  string
	Outcome    string
	Reasons    string
	Disclosure string
	Document   *Document
	DecidedBy  int64
	DecidedAt  time.Time
}

// DecisionInput is what the staff form supplies; the decision document,
// if any, comes separately as a staged upload.
type DecisionInput struct {
	Outcome    string
	Reasons    string
	Disclosure string
}

// ValidateDecision checks the outcome fits the kind, reasons are given and,
// when data are held, what may be disclosed.
func ValidateDecision(k Kind, in DecisionInput) FieldErrors {
	var errs FieldErrors
	if !slices.Contains(DecisionOutcomes(k), in.Outcome) {
		errs.Add("outcome", "decision.outcome_required")
	}
	checkText(&errs, "reasons", in.Reasons, "decision.reasons_required")
	if in.Outcome == DecisionDataHeld {
		checkText(&errs, "disclosure", in.Disclosure, "decision.disclosure_required")
	}
	return errs
}

// RecordDecision records the decision on a request, with its optional
// document, and makes it visible to the applicant. The status machine
// decides whether the request may be decided now (it must be admissible,
// and not decided already); the unique decision per request backs it up.
func (db *DB) RecordDecision(ctx context.Context, staff User, requestID int64, in DecisionInput, doc *ReplyFile, blobs *BlobStore) error {
	if doc != nil {
		if err := blobs.Publish(doc.Blob); err != nil {
			blobs.Discard(doc.Blob)
			return Internal(err)
		}
	}
	err := db.staffTx(ctx, staff, requestID, AuditDecision, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		if errs := ValidateDecision(r.Kind, in); errs.Any() {
			return "", errs.Err()
		}
		to, kind := StatusDecided, EventDecisionRecorded
		if in.Outcome == DecisionWithdrawn {
			to, kind = StatusWithdrawn, EventRequestWithdrawn
		}
		if err := setStatus(ctx, tx, r, to, now); err != nil {
			return "", decisionConflict(err, r.Status)
		}
		var docID int64
		if doc != nil {
			var err error
			if docID, err = insertDocument(ctx, tx, r.ID, staff.ID, DocDecision, doc.Name, doc.Blob, now); err != nil {
				return "", err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO decisions (request_id, reference, outcome, reasons, disclosure, document_id,
			decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING`,
			r.ID, r.Reference+"/D", in.Outcome, strings.TrimSpace(in.Reasons), strings.TrimSpace(in.Disclosure),
			nullID(docID), staff.ID, now.Unix())
		if err != nil {
			return "", Internal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return "", Errorf(EConflict, "decision.already_decided")
		}
		id, _ := res.LastInsertId()
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET decided_at = ? WHERE id = ?`, now.Unix(), r.ID); err != nil {
			return "", Internal(err)
		}
		err = addEvent(ctx, tx, r.ID, kind, staff.ID, false, map[string]string{"arg": "decision.outcome." + in.Outcome}, now)
		return "decision=" + fmtID(id) + " outcome=" + in.Outcome + " doc=" + fmtID(docID), err
	})
	if err != nil && doc != nil {
		blobs.Discard(doc.Blob)
	}
	return err
}

// decisionConflict gives the status machine's refusal a message that says
// why this request cannot be decided now.
func decisionConflict(err error, from Status) error {
	if ErrorCode(err) != EConflict {
		return err
	}
	switch from {
	case StatusDecided, StatusClosed:
		return Errorf(EConflict, "decision.already_decided")
	case StatusInadmissible:
		return Errorf(EConflict, "decision.inadmissible")
	case StatusWithdrawn:
		return Errorf(EConflict, "decision.withdrawn")
	case StatusSubmitted:
		return Errorf(EConflict, "decision.not_yet_admissible")
	case StatusAwaitingApplicant:
		return Errorf(EConflict, "decision.awaiting_applicant")
	}
	return err
}

// DecisionOf returns the decision on a request, or nil if there is none.
func (db *DB) DecisionOf(ctx context.Context, requestID int64) (*Decision, error) {
	d := Decision{RequestID: requestID}
	var docID, at int64
	err := db.read.QueryRowContext(ctx, `SELECT id, reference, outcome, reasons, disclosure, COALESCE(document_id, 0),
		decided_by, decided_at FROM decisions WHERE request_id = ?`, requestID).Scan(&d.ID, &d.Reference, &d.Outcome,
		&d.Reasons, &d.Disclosure, &docID, &d.DecidedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, Internal(err)
	}
	d.DecidedAt = unixTime(at)
	if docID != 0 {
		doc, err := db.Document(ctx, requestID, docID)
		if err != nil {
			return nil, err
		}
		d.Document = &doc
	}
	return &d, nil
}

// CanDecide says whether r may be decided now, and if not, why.
func CanDecide(r Request) error {
	if err := CheckTransition(r.Status, StatusDecided); err != nil {
		return decisionConflict(err, r.Status)
	}
	return nil
}
