package db

import (
	"context"
	"database/sql"
	"time"
)

// ApplicantDocument is a document kept on an applicant record -- an
// identity document or a power of attorney -- and copied into each new
// filing for that applicant.
type ApplicantDocument struct {
	ID          int64
	ApplicantID int64
	UploadedBy  int64
	Type        DocType
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	StorageKey  string
	SignedOn    string // a power of attorney's date, YYYY-MM-DD
	CreatedAt   time.Time
}

// RecordDocTypes are the types kept on an applicant record.
var RecordDocTypes = []DocType{DocIdentity, DocPowerOfAttorney, DocRelationship}

// ValidateRecordDocument checks an applicant-record upload: a power of
// attorney needs the date it was signed.
func ValidateRecordDocument(t DocType, signedOn string, now time.Time) FieldErrors {
	errs := ValidateNewDocument(NewDocument{Type: t}, RecordDocTypes)
	if t == DocPowerOfAttorney {
		f := FieldSpec{Name: "signed_on", Kind: FieldDate, Required: true, Date: PastDate}
		f.Check(Answers{"signed_on": signedOn}, now, &errs)
	}
	return errs
}

// AddApplicantDocument records a staged upload on an applicant record u
// may see; the file is durable before the row commits.
func (db *DB) AddApplicantDocument(ctx context.Context, a Applicant, u User, t DocType, name, signedOn string,
	blob *StagedBlob, blobs *BlobStore) error {
	now := db.Clock.Now()
	return db.withBlob(blob, blobs, func() error {
		if errs := ValidateRecordDocument(t, signedOn, now); errs.Any() {
			return errs.Err()
		}
		return db.inTx(ctx, func(tx *sql.Tx) error {
			cond, args := applicantCond(u)
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM applicants a WHERE a.id = ? AND `+cond,
				append([]any{a.ID}, args...)...).Scan(&n); err != nil || n != 1 {
				return Errorf(ENotFound, "error.not_found")
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO applicant_documents (applicant_id, uploaded_by, doc_type, original_name,
				content_type, size, sha256, storage_key, signed_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				a.ID, u.ID, t, SanitizeFilename(name), blob.ContentType, blob.Size, blob.SHA256, blob.Key, signedOn, now.Unix())
			if err != nil {
				return Internal(err)
			}
			return addApplicantEvent(ctx, tx, a.ID, u.ID, "document_added", 0, now)
		})
	})
}

// ApplicantDocuments lists the documents kept on a record, newest first.
func (db *DB) ApplicantDocuments(ctx context.Context, applicantID int64) ([]ApplicantDocument, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, applicant_id, uploaded_by, doc_type, original_name, content_type, size,
		sha256, storage_key, signed_on, created_at FROM applicant_documents WHERE applicant_id = ? AND removed_at IS NULL
		ORDER BY created_at DESC, id DESC`, applicantID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []ApplicantDocument
	for rows.Next() {
		var d ApplicantDocument
		var created int64
		if err := rows.Scan(&d.ID, &d.ApplicantID, &d.UploadedBy, &d.Type, &d.Name, &d.ContentType, &d.Size, &d.SHA256,
			&d.StorageKey, &d.SignedOn, &created); err != nil {
			return nil, Internal(err)
		}
		d.CreatedAt = unixTime(created)
		out = append(out, d)
	}
	return out, rows.Err()
}

// ApplicantDocumentByID returns one live document of a record.
func (db *DB) ApplicantDocumentByID(ctx context.Context, applicantID, docID int64) (ApplicantDocument, error) {
	docs, err := db.ApplicantDocuments(ctx, applicantID)
	if err != nil {
		return ApplicantDocument{}, err
	}
	for _, d := range docs {
		if d.ID == docID {
			return d, nil
		}
	}
	return ApplicantDocument{}, Errorf(ENotFound, "error.not_found")
}

// AttachRecordDocuments copies the record's current identity document and
// latest power of attorney into a new draft, each as its own encrypted copy
// so that removing it from the draft never touches the record.
func (db *DB) AttachRecordDocuments(ctx context.Context, draft Request, filer User, a Applicant, blobs *BlobStore) error {
	docs, err := db.ApplicantDocuments(ctx, a.ID)
	if err != nil || blobs == nil {
		return err
	}
	for _, t := range RecordDocTypes {
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

func (db *DB) copyIntoDraft(ctx context.Context, draft Request, filer User, d ApplicantDocument, blobs *BlobStore) error {
	staged, err := blobs.Copy(d.StorageKey, d.Name)
	if err != nil {
		return err
	}
	_, err = db.AddDocument(ctx, draft, filer, NewDocument{Type: d.Type, Name: d.Name,
		Description: d.SignedOn}, staged, blobs)
	return err
}
