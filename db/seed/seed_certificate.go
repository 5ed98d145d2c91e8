package seed

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	rules "github.com/ccf-portal/ccfportal/db/domain/certificate"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// seedCertificates shows applications for a "to whom it may concern"
// certificate on the two most recent cases whose decision deleted the
// data: one waiting for the secretariat's answer, one answered with the
// certificate attached (its fictional PDF stored only when blobs is set).
func seedCertificates(ctx context.Context, store *db.DB, blobs *blob.Store) error {
	now := store.Clock.Now()
	var doc *blob.Staged
	if blobs != nil {
		var err error
		pdf := filetype.MinimalPDF("Fictional certificate for a demo case")
		if doc, err = blobs.Stage(bytes.NewReader(pdf), "issued-certificate.pdf", 1<<20); err != nil {
			return fmt.Errorf("seed certificates: %w", err)
		}
		if err := blobs.Publish(doc); err != nil {
			blobs.Discard(doc)
			return fmt.Errorf("seed certificates: %w", err)
		}
	}
	used := false
	err := store.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.filer_id, d.decided_by FROM decisions d JOIN requests r ON r.id = d.request_id
			WHERE d.outcome IN (?, ?) AND r.id NOT IN (SELECT request_id FROM certificate_applications)
			ORDER BY d.decided_at DESC, r.id DESC LIMIT 2`, outcome.NonCompliantDeletion, outcome.DeletedBeforeDecision)
		if err != nil {
			return fmt.Errorf("seed certificates: %w", err)
		}
		var picked [][3]int64
		for rows.Next() {
			var p [3]int64
			if err := rows.Scan(&p[0], &p[1], &p[2]); err != nil {
				rows.Close()
				return fmt.Errorf("seed certificates: %w", err)
			}
			picked = append(picked, p)
		}
		rows.Close()
		applied := now.AddDate(0, 0, -10).Unix()
		for i, p := range picked {
			state := rules.StatePending
			if i == 1 {
				state, used = rules.StateIssued, doc != nil
			}
			if err := seedApplication(ctx, tx, p, state, applied, now.AddDate(0, 0, -2).Unix(), doc); err != nil {
				return err
			}
		}
		return nil
	})
	if (err != nil || !used) && doc != nil {
		blobs.Discard(doc) // no row refers to it: too few deletions to show
	}
	return err
}

// seedApplication writes one application on case p (request, filer,
// staff member) with its timeline, answered at answered when issued.
func seedApplication(ctx context.Context, tx *sql.Tx, p [3]int64, state rules.State, applied, answered int64, doc *blob.Staged) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO certificate_applications (request_id, purpose, applied_by, applied_at)
		VALUES (?, 'Fictional demo note: for a visa application.', ?, ?)`, p[0], p[1], applied)
	if err != nil {
		return fmt.Errorf("seed certificates: %w", err)
	}
	id, _ := res.LastInsertId()
	events := [][]any{{p[0], rules.EventApplied, p[1], applied}}
	if state == rules.StateIssued {
		if _, err := tx.ExecContext(ctx, `UPDATE certificate_applications SET state = ?, answered_by = ?, answered_at = ? WHERE id = ?`,
			state, p[2], answered, id); err != nil {
			return fmt.Errorf("seed certificates: %w", err)
		}
		if doc != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO certificate_documents (application_id, request_id, uploaded_by,
				original_name, content_type, size, sha256, storage_key, created_at) VALUES (?, ?, ?, 'issued-certificate.pdf', ?, ?, ?, ?, ?)`,
				id, p[0], p[2], doc.ContentType, doc.Size, doc.SHA256, doc.Key, answered); err != nil {
				return fmt.Errorf("seed certificates: %w", err)
			}
		}
		events = append(events, []any{p[0], rules.EventIssued, p[2], answered})
	}
	var errs []error
	for _, e := range events {
		_, err := tx.ExecContext(ctx, `INSERT INTO events (request_id, kind, actor_id, internal, data, at) VALUES (?, ?, ?, 0, '{}', ?)`, e...)
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("seed certificates: %w", err)
	}
	return nil
}
