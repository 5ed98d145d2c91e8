package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// AddApplicantDocument records a staged upload on an applicant record u
// may see; the file is durable before the row commits.
func (db *DB) AddApplicantDocument(ctx context.Context, a domain.Applicant, u domain.User, t domain.DocType, name, signedOn string,
	blob *blob.Staged, blobs *blob.Store) error {
	now := db.Clock.Now()
	return db.withBlob(blob, blobs, func() error {
		if errs := domain.ValidateRecordDocument(t, signedOn, now); errs.Any() {
			return errs.Err()
		}
		return db.Write(ctx, func(tx *sql.Tx) error {
			cond, args := applicantCond(u)
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM applicants a WHERE a.id = ? AND `+cond,
				append([]any{a.ID}, args...)...).Scan(&n); err != nil {
				return conn.Failed(fmt.Sprintf("check applicant %d", a.ID), err)
			} else if n != 1 {
				return domain.Errorf(domain.ENotFound, "error.not_found")
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO applicant_documents (applicant_id, uploaded_by, doc_type, original_name,
				content_type, size, sha256, storage_key, signed_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				a.ID, u.ID, t, filetype.SanitizeFilename(name), blob.ContentType, blob.Size, blob.SHA256, blob.Key, signedOn, now.Unix())
			if err != nil {
				return conn.Failed(fmt.Sprintf("add document to applicant %d", a.ID), err)
			}
			return cases.AddApplicantEvent(ctx, tx, a.ID, u.ID, "document_added", 0, now)
		})
	})
}

// ApplicantDocuments lists the documents kept on a record, newest first.
func (db *DB) ApplicantDocuments(ctx context.Context, applicantID int64) ([]domain.ApplicantDocument, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT id, applicant_id, uploaded_by, doc_type, original_name, content_type, size,
		sha256, storage_key, signed_on, created_at FROM applicant_documents WHERE applicant_id = ? AND removed_at IS NULL
		ORDER BY created_at DESC, id DESC`, applicantID)
	return conn.Rows(fmt.Sprintf("list documents of applicant %d", applicantID), rows, err, func(row conn.Scanner) (domain.ApplicantDocument, error) {
		var d domain.ApplicantDocument
		var created int64
		err := row.Scan(&d.ID, &d.ApplicantID, &d.UploadedBy, &d.Type, &d.Name, &d.ContentType, &d.Size, &d.SHA256,
			&d.StorageKey, &d.SignedOn, &created)
		d.CreatedAt = conn.UnixTime(created)
		return d, err
	})
}

// ApplicantDocumentByID returns one live document of a record.
func (db *DB) ApplicantDocumentByID(ctx context.Context, applicantID, docID int64) (domain.ApplicantDocument, error) {
	docs, err := db.ApplicantDocuments(ctx, applicantID)
	if err != nil {
		return domain.ApplicantDocument{}, err
	}
	for _, d := range docs {
		if d.ID == docID {
			return d, nil
		}
	}
	return domain.ApplicantDocument{}, domain.Errorf(domain.ENotFound, "error.not_found")
}

// AttachRecordDocuments copies the record's current identity document and
// latest power of attorney into a new draft, each as its own encrypted copy
// so that removing it from the draft never touches the record.
func (db *DB) AttachRecordDocuments(ctx context.Context, draft domain.Request, filer domain.User, a domain.Applicant, blobs *blob.Store) error {
	docs, err := db.ApplicantDocuments(ctx, a.ID)
	if err != nil || blobs == nil {
		return err
	}
	for _, t := range domain.RecordDocTypes {
		for _, d := range docs {
			if d.Type != t {
				continue
			}
			if err := db.copyIntoDraft(ctx, draft, filer, d, blobs); err != nil {
				return err
			}
			break // the newest of each type
		}
	}
	return nil
}

func (db *DB) copyIntoDraft(ctx context.Context, draft domain.Request, filer domain.User, d domain.ApplicantDocument, blobs *blob.Store) error {
	staged, err := blobs.Copy(d.StorageKey, d.Name)
	if domain.ErrorCode(err) == domain.EInvalid {
		// Kept on the record from before the upload checks refused its
		// kind (a Word 97-2003 file, say): the draft starts without it,
		// and asks for the document like any missing one.
		return nil
	}
	if err != nil {
		return err
	}
	_, err = db.AddDocument(ctx, draft, filer, domain.NewDocument{Type: d.Type, Name: d.Name,
		Description: d.SignedOn}, staged, blobs)
	return err
}

// FiledPowersOfAttorney lists the powers of attorney filed with the
// record's submitted requests: counsel who filed one with a request must
// not be told the record has none. A filed one's signing date is known
// when it came from the record, which keeps the date as its description.
func (db *DB) FiledPowersOfAttorney(ctx context.Context, applicantID int64) ([]domain.ApplicantDocument, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT d.description FROM documents d JOIN requests r ON r.id = d.request_id
		WHERE r.applicant_id = ? AND r.status != ? AND d.doc_type = ?`, applicantID, domain.StatusDraft, domain.DocPowerOfAttorney)
	return conn.Rows(fmt.Sprintf("list powers of attorney filed for applicant %d", applicantID), rows, err,
		func(row conn.Scanner) (domain.ApplicantDocument, error) {
			d := domain.ApplicantDocument{ApplicantID: applicantID, Type: domain.DocPowerOfAttorney}
			var description string
			err := row.Scan(&description)
			if _, perr := time.Parse(time.DateOnly, description); perr == nil {
				d.SignedOn = description
			}
			return d, err
		})
}

// RecordFlags works out what needs attention on record a, whose kept
// documents are docs, counting the powers of attorney filed with its
// requests too.
func (db *DB) RecordFlags(ctx context.Context, a domain.Applicant, docs []domain.ApplicantDocument) (domain.Flags, error) {
	filed, err := db.FiledPowersOfAttorney(ctx, a.ID)
	if err != nil {
		return domain.Flags{}, err
	}
	return domain.ApplicantFlags(a, append(append([]domain.ApplicantDocument{}, docs...), filed...), db.Clock.Now()), nil
}
