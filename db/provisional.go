package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// FileProvisional records a provisional-measures request on the filer's
// case r, with its evidence if any, and submits it at once with its own
// reference: on a pending case, or on a draft that says who the person is
// (the draft follows when it is complete). The hooks run in the same
// transaction, on the new request's id and filer.
func (db *DB) FileProvisional(ctx context.Context, r domain.Request, filer domain.User, a domain.Answers, doc *domain.NewDocument,
	blob *blob.Staged, blobs *blob.Store, then ...inbox.Hook) (domain.Request, error) {
	now := db.Clock.Now()
	var id int64
	err := db.withBlob(blob, blobs, func() error {
		if errs := domain.ValidateProvisional(a, now); errs.Any() {
			return errs.Err()
		}
		event := sql.NullInt64{}
		if at, ok := domain.EventTime(a); ok {
			event = sql.NullInt64{Int64: at.Unix(), Valid: true}
		}
		return db.Write(ctx, func(tx *sql.Tx) error {
			parent, err := cases.RequestFor(ctx, tx, r.ID, filer)
			if err != nil {
				return err
			}
			if err := domain.CanAskProvisional(parent); err != nil {
				return err
			}
			if domain.NeedsUrgentPerson(parent, now) {
				return domain.Errorf(domain.EConflict, "urgent.person_first")
			}
			id, err = insertChild(ctx, tx, parent, filer, domain.KindProvisional, a, now, event)
			if err != nil {
				return err
			}
			return sendUrgent(ctx, tx, id, a, filer, doc, blob, now, then)
		})
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}

// sendUrgent submits the urgent request id at once, with its reference,
// the detention date for the staff's order and its evidence if any, then
// runs the hooks.
func sendUrgent(ctx context.Context, tx *sql.Tx, id int64, a domain.Answers, filer domain.User, doc *domain.NewDocument,
	blob *blob.Staged, now time.Time, then []inbox.Hook) error {
	if err := setDetainedSince(ctx, tx, id, a, now); err != nil {
		return err
	}
	if err := submitTx(ctx, tx, id, filer, now); err != nil {
		return err
	}
	if err := attachFiled(ctx, tx, id, filer, doc, blob, now); err != nil {
		return err
	}
	return inbox.Run(ctx, tx, domain.Request{ID: id, FilerID: filer.ID}, now, then)
}

// insertChild creates a request linked to parent, about the same applicant.
func insertChild(ctx context.Context, tx *sql.Tx, parent domain.Request, filer domain.User, k domain.Kind, a domain.Answers, now time.Time,
	eventAt sql.NullInt64) (int64, error) {
	for field, v := range a {
		a[field] = strings.TrimSpace(v)
	}
	for _, f := range domain.UrgentPersonStep.Fields {
		a[f.Name] = parent.Answers[f.Name]
	}
	body, _ := json.Marshal(a)
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (kind, status, filer_id, applicant_id, parent_id, language,
		applicant_name, source_country, answers, created_at, updated_at, event_at) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k, filer.ID, conn.NullID(parent.ApplicantID), parent.ID, parent.Language, parent.ApplicantName, parent.SourceCountry,
		string(body), now.Unix(), now.Unix(), eventAt)
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("create %s request on request %d", k, parent.ID), err)
	}
	return res.LastInsertId()
}

// setDetainedSince records, for the staff's order, since when the person
// of an urgent request has been held, if they are.
func setDetainedSince(ctx context.Context, tx *sql.Tx, id int64, a domain.Answers, now time.Time) error {
	since := domain.DetainedSince(a, now)
	if since.IsZero() {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE requests SET detained_since = ? WHERE id = ?`, since.Unix(), id)
	return conn.Failed(fmt.Sprintf("record detention of request %d", id), err)
}

// submitTx moves a draft to submitted with a new reference and the first
// timeline entry.
func submitTx(ctx context.Context, tx *sql.Tx, id int64, filer domain.User, now time.Time) error {
	ref, err := nextReference(ctx, tx, now.Year())
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE requests SET status = 'submitted', reference = ?, submitted_at = ?,
		updated_at = ? WHERE id = ? AND status = 'draft'`, ref, now.Unix(), now.Unix(), id); err != nil {
		return conn.Failed(fmt.Sprintf("submit request %d", id), err)
	}
	return cases.AddEvent(ctx, tx, id, domain.EventSubmitted, filer.ID, false, map[string]string{"arg": ref}, now)
}

// attachFiled stores the document that came with a one-page filing.
func attachFiled(ctx context.Context, tx *sql.Tx, requestID int64, filer domain.User, doc *domain.NewDocument, blob *blob.Staged, now time.Time) error {
	if blob == nil || doc == nil {
		return nil
	}
	_, err := insertDocumentRow(ctx, tx, documentRecord(domain.Request{ID: requestID}, filer, *doc, blob, now, false), *doc)
	return err
}

// withBlob publishes a staged file (nil: none came) before fn commits the
// rows that name it; see withBlobs.
func (db *DB) withBlob(b *blob.Staged, blobs *blob.Store, fn func() error) error {
	return db.withBlobs([]*blob.Staged{b}, blobs, fn)
}

// withBlobs publishes every staged file (nil ones skipped) before fn
// commits the rows that name them, and removes them all if publishing or
// fn fails: a file is durable before it is acknowledged, and never left
// without its row.
func (db *DB) withBlobs(staged []*blob.Staged, blobs *blob.Store, fn func() error) error {
	for _, b := range staged {
		if b == nil {
			continue
		}
		if err := blobs.Publish(b); err != nil {
			discardAll(staged, blobs)
			return conn.Failed("publish filed document", err)
		}
	}
	err := fn()
	if err != nil {
		discardAll(staged, blobs)
	}
	return err
}

// discardAll removes the staged (or published) files of a refused filing.
func discardAll(staged []*blob.Staged, blobs *blob.Store) {
	for _, b := range staged {
		if b != nil {
			blobs.Discard(b)
		}
	}
}
