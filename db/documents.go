package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// DocType is what a document is for.
type DocType string

// Document types of a first filing.
const (
	DocIdentity        DocType = "identity"
	DocPowerOfAttorney DocType = "power_of_attorney"
	DocRelationship    DocType = "relationship_proof"
	DocSupporting      DocType = "supporting"
)

// FilingDocTypes are the types a person can choose when uploading to a
// first filing, in the order the form offers them.
var FilingDocTypes = []DocType{DocIdentity, DocPowerOfAttorney, DocRelationship, DocSupporting}

// Document is an uploaded file's record; the file itself is in the blob
// store, encrypted, under StorageKey.
type Document struct {
	ID           int64
	RequestID    int64
	UploadedBy   int64
	Type         DocType
	Name         string
	ContentType  string
	Size         int64
	SHA256       string
	StorageKey   string
	Confidential bool
	Description  string
	AfterFiling  bool
	CreatedAt    time.Time
}

// NewDocument is what an upload form supplies besides the file.
type NewDocument struct {
	Type         DocType
	Name         string
	Confidential bool
	Description  string
}

// MaxDescriptionRunes limits a document's description.
const MaxDescriptionRunes = 500

// ValidateNewDocument checks an upload's fields against the types allowed.
func ValidateNewDocument(d NewDocument, allowed []DocType) FieldErrors {
	var errs FieldErrors
	ok := false
	for _, t := range allowed {
		ok = ok || d.Type == t
	}
	if !ok {
		errs.Add("doc_type", "upload.doc_type_required")
	}
	if utf8.RuneCountInString(d.Description) > MaxDescriptionRunes {
		errs.Add("description", "answer.too_long", MaxDescriptionRunes)
	}
	return errs
}

// AddDocument records a staged upload on a draft request. The file is made
// durable in its final place first; the row is committed after; if the
// commit fails the file is removed, so there is never a row without a file
// nor (short of a crash, which the temp sweep handles) a file without a row.
func (db *DB) AddDocument(ctx context.Context, r Request, actor User, d NewDocument, blob *StagedBlob, blobs *BlobStore) (Document, error) {
	if err := blobs.Publish(blob); err != nil {
		blobs.Discard(blob)
		return Document{}, Internal(err)
	}
	now := db.Clock.Now()
	doc := Document{RequestID: r.ID, UploadedBy: actor.ID, Type: d.Type, Name: SanitizeFilename(d.Name),
		ContentType: blob.ContentType, Size: blob.Size, SHA256: blob.SHA256, StorageKey: blob.Key,
		Confidential: d.Confidential, Description: strings.TrimSpace(d.Description), CreatedAt: time.Unix(now.Unix(), 0).UTC()}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var status Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM requests WHERE id = ?`, r.ID).Scan(&status); err != nil {
			return Internal(err)
		}
		if status != StatusDraft {
			return Errorf(EConflict, "request.read_only")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type,
			size, sha256, storage_key, confidential, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			doc.RequestID, doc.UploadedBy, doc.Type, doc.Name, doc.ContentType, doc.Size, doc.SHA256, doc.StorageKey,
			doc.Confidential, doc.Description, now.Unix())
		if err != nil {
			return Internal(err)
		}
		doc.ID, _ = res.LastInsertId()
		_, err = tx.ExecContext(ctx, `UPDATE requests SET updated_at = ? WHERE id = ?`, now.Unix(), r.ID)
		return err
	})
	if err != nil {
		blobs.Discard(blob)
		return Document{}, err
	}
	return doc, nil
}

const documentColumns = `id, request_id, uploaded_by, doc_type, original_name, content_type, size, sha256, storage_key,
	confidential, description, after_filing, created_at`

func scanDocument(row interface{ Scan(...any) error }) (Document, error) {
	var d Document
	var created int64
	err := row.Scan(&d.ID, &d.RequestID, &d.UploadedBy, &d.Type, &d.Name, &d.ContentType, &d.Size, &d.SHA256,
		&d.StorageKey, &d.Confidential, &d.Description, &d.AfterFiling, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Document{}, Errorf(ENotFound, "error.not_found")
	}
	if err != nil {
		return Document{}, Internal(err)
	}
	d.CreatedAt = unixTime(created)
	return d, nil
}

// Documents lists a request's documents in upload order.
func (db *DB) Documents(ctx context.Context, requestID int64) ([]Document, error) {
	return listDocuments(ctx, db.read, requestID)
}

// queryer is what *sql.DB and *sql.Tx share, so one query serves both.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func listDocuments(ctx context.Context, q queryer, requestID int64) ([]Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE request_id = ? ORDER BY created_at, id`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Document returns one document of a request; the caller has already
// checked that the user may see the request.
func (db *DB) Document(ctx context.Context, requestID, docID int64) (Document, error) {
	return scanDocument(db.read.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ? AND request_id = ?`,
		docID, requestID))
}

// RemoveDocument deletes a document from a draft: the row first, then the
// file once the deletion is committed.
func (db *DB) RemoveDocument(ctx context.Context, r Request, docID int64, blobs *BlobStore) error {
	var key string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT d.storage_key FROM documents d JOIN requests r ON r.id = d.request_id
			WHERE d.id = ? AND d.request_id = ? AND r.status = 'draft'`, docID, r.ID).Scan(&key)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENotFound, "error.not_found")
		}
		if err != nil {
			return Internal(err)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, docID)
		return err
	})
	if err != nil {
		return err
	}
	return blobs.Remove(key)
}

// HasDocument reports whether docs hold one of type t.
func HasDocument(docs []Document, t DocType) bool {
	for _, d := range docs {
		if d.Type == t {
			return true
		}
	}
	return false
}
