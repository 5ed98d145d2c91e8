package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// RecordDecision records the decision on a request, with its optional
// document, and makes it visible to the applicant. The status machine
// decides whether the request may be decided now (it must be admissible,
// and not decided already); the unique decision per request backs it up.
func (db *DB) RecordDecision(ctx context.Context, staff domain.User, requestID int64, in domain.DecisionInput, doc *ReplyFile, blobs *blob.Store) error {
	if doc != nil {
		if err := blobs.Publish(doc.Blob); err != nil {
			blobs.Discard(doc.Blob)
			return conn.Failed(fmt.Sprintf("publish decision document of request %d", requestID), err)
		}
	}
	err := cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditDecision, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		situation := outcome.Situation{Kind: r.Kind, AlsoAccess: r.AlsoAccess}
		if errs := outcome.Validate(situation, outcome.Normalise(situation, in)); errs.Any() {
			return "", errs.Err()
		}
		to, kind := domain.StatusDecided, domain.EventDecisionRecorded
		if in.Outcome == outcome.Withdrawn {
			to, kind = domain.StatusWithdrawn, domain.EventRequestWithdrawn
		}
		if err := cases.SetStatus(ctx, tx, r, to, now); err != nil {
			return "", domain.DecisionConflict(err, r.Status)
		}
		var docID int64
		if doc != nil {
			var err error
			if docID, err = cases.InsertDocument(ctx, tx, r.ID, staff.ID, domain.DocDecision, doc.Name, doc.Blob, now); err != nil {
				return "", err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO decisions (request_id, reference, outcome, reasons, disclosure, document_id,
			decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING`,
			r.ID, r.Reference+"/D", in.Outcome, strings.TrimSpace(in.Reasons), strings.TrimSpace(in.Disclosure),
			conn.NullID(docID), staff.ID, now.Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("record decision on request %d", r.ID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return "", domain.Errorf(domain.EConflict, "decision.already_decided")
		}
		id, _ := res.LastInsertId()
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET decided_at = ? WHERE id = ?`, now.Unix(), r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("date decision on request %d", r.ID), err)
		}
		err = cases.AddEvent(ctx, tx, r.ID, kind, staff.ID, false, map[string]string{"arg": "decision.outcome." + in.Outcome}, now)
		return "decision=" + strconv.FormatInt(id, 10) + " outcome=" + in.Outcome + " doc=" + strconv.FormatInt(docID, 10), err
	})
	if err != nil && doc != nil {
		blobs.Discard(doc.Blob)
	}
	return err
}

// DecisionOf returns the decision on a request, or nil if there is none.
func (db *DB) DecisionOf(ctx context.Context, requestID int64) (*domain.Decision, error) {
	d := domain.Decision{RequestID: requestID}
	var docID, at int64
	err := db.Reader().QueryRowContext(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE request_id = ?`, requestID).
		Scan(decisionFields(&d, &docID, &at)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load decision on request %d", requestID), err)
	}
	d.DecidedAt, d.Action = conn.UnixTime(at), outcome.ActionOf(d)
	if docID != 0 {
		doc, err := db.Document(ctx, requestID, docID)
		if err != nil {
			return nil, err
		}
		d.Document = &doc
	}
	return &d, nil
}

// decisionColumns are the columns of a decision read into decisionFields.
const decisionColumns = `id, reference, outcome, reasons, disclosure, detail, revised_outcome, access_outcome,
	access_disclosure, COALESCE(document_id, 0), decided_by, decided_at`

func decisionFields(d *domain.Decision, docID, at *int64) []any {
	return []any{&d.ID, &d.Reference, &d.Outcome, &d.Reasons, &d.Disclosure, &d.Detail, &d.Revised, &d.AccessOutcome,
		&d.AccessDisclosure, docID, &d.DecidedBy, at}
}
