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

// Evidence document types of deletion and correction requests.
const (
	DocCourtDecision       DocType = "court_decision"
	DocArrestWarrant       DocType = "arrest_warrant"
	DocAsylumDecision      DocType = "asylum_decision"
	DocExtraditionJudgment DocType = "extradition_judgment"
	DocNGOReport           DocType = "ngo_un_report"
	DocPressArticle        DocType = "press_article"
	DocCorrespondence      DocType = "correspondence"
	DocTranslation         DocType = "translation"
	DocSummary             DocType = "summary_of_arguments"
	DocOtherEvidence       DocType = "other_evidence"
	DocUrgencyEvidence     DocType = "urgency_evidence"
	DocRevisionSummary     DocType = "revision_summary"
)

// FilingDocTypes are the types a person can choose when uploading to a
// first filing, in the order the form offers them.
var FilingDocTypes = []DocType{DocIdentity, DocPowerOfAttorney, DocRelationship, DocSupporting}

// EvidenceDocTypes are the types of evidence, in the order the form offers
// them.
var EvidenceDocTypes = []DocType{DocCourtDecision, DocArrestWarrant, DocAsylumDecision, DocExtraditionJudgment,
	DocNGOReport, DocPressArticle, DocCorrespondence, DocTranslation, DocSummary, DocOtherEvidence}

// IsEvidence reports whether a document is an appendix of the arguments
// rather than an identity or authorisation document.
func (d Document) IsEvidence() bool {
	for _, t := range EvidenceDocTypes {
		if d.Type == t {
			return true
		}
	}
	return false
}

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
	// TranslationOf is the document this one translates, or 0.
	TranslationOf int64
	// Language is the document's language: a working language code, or
	// "other" when it needs a translation.
	Language string
	// PageCount is the number of pages of a PDF, 0 when not counted.
	PageCount int
}

// NewDocument is what an upload form supplies besides the file.
type NewDocument struct {
	Type          DocType
	Name          string
	Confidential  bool
	Description   string
	Grounds       []GroundCode
	Language      string
	TranslationOf int64
	PageCount     int
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
	doc := documentRecord(r, actor, d, blob, now, false)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var status Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM requests WHERE id = ?`, r.ID).Scan(&status); err != nil {
			return Internal(err)
		}
		if status != StatusDraft {
			return Errorf(EConflict, "request.read_only")
		}
		id, err := insertDocumentRow(ctx, tx, doc, d)
		doc.ID = id
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE requests SET updated_at = ? WHERE id = ?`, now.Unix(), r.ID)
		return err
	})
	if err != nil {
		blobs.Discard(blob)
		return Document{}, err
	}
	return doc, nil
}

// insertDocumentRow writes a document row and its links to grounds, and
// checks that a translation points to a document of the same request.
func insertDocumentRow(ctx context.Context, tx *sql.Tx, doc Document, d NewDocument) (int64, error) {
	if d.TranslationOf != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM documents WHERE id = ? AND request_id = ?`,
			d.TranslationOf, doc.RequestID).Scan(&n); err != nil || n != 1 {
			return 0, Errorf(EInvalid, "evidence.translation_of_unknown")
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type,
		size, sha256, storage_key, confidential, description, after_filing, translation_of, doc_language, page_count, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.RequestID, doc.UploadedBy, doc.Type, doc.Name, doc.ContentType, doc.Size, doc.SHA256, doc.StorageKey,
		doc.Confidential, doc.Description, doc.AfterFiling, nullID(d.TranslationOf), d.Language, d.PageCount, doc.CreatedAt.Unix())
	if err != nil {
		return 0, Internal(err)
	}
	id, _ := res.LastInsertId()
	for _, g := range d.Grounds {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_grounds (document_id, ground)
			SELECT ?, ground FROM request_grounds WHERE request_id = ? AND ground = ?`, id, doc.RequestID, g); err != nil {
			return 0, Internal(err)
		}
	}
	return id, nil
}

const documentColumns = `id, request_id, uploaded_by, doc_type, original_name, content_type, size, sha256, storage_key,
	confidential, description, after_filing, created_at, COALESCE(translation_of, 0), doc_language, page_count`

func scanDocument(row interface{ Scan(...any) error }) (Document, error) {
	var d Document
	var created int64
	err := row.Scan(&d.ID, &d.RequestID, &d.UploadedBy, &d.Type, &d.Name, &d.ContentType, &d.Size, &d.SHA256,
		&d.StorageKey, &d.Confidential, &d.Description, &d.AfterFiling, &created, &d.TranslationOf, &d.Language, &d.PageCount)
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

// DocumentGrounds maps each document of a request to the grounds it
// supports.
func (db *DB) DocumentGrounds(ctx context.Context, requestID int64) (map[int64][]GroundCode, error) {
	return listDocumentGrounds(ctx, db.read, requestID)
}

func listDocumentGrounds(ctx context.Context, q queryer, requestID int64) (map[int64][]GroundCode, error) {
	rows, err := q.QueryContext(ctx, `SELECT dg.document_id, dg.ground FROM document_grounds dg
		JOIN documents d ON d.id = dg.document_id WHERE d.request_id = ? ORDER BY dg.document_id`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	out := map[int64][]GroundCode{}
	for rows.Next() {
		var id int64
		var g GroundCode
		if err := rows.Scan(&id, &g); err != nil {
			return nil, Internal(err)
		}
		out[id] = append(out[id], g)
	}
	return out, rows.Err()
}

// documentRecord is the row of a newly uploaded document.
func documentRecord(r Request, actor User, d NewDocument, blob *StagedBlob, now time.Time, afterFiling bool) Document {
	return Document{RequestID: r.ID, UploadedBy: actor.ID, Type: d.Type, Name: SanitizeFilename(d.Name),
		ContentType: blob.ContentType, Size: blob.Size, SHA256: blob.SHA256, StorageKey: blob.Key,
		Confidential: d.Confidential, Description: strings.TrimSpace(d.Description), AfterFiling: afterFiling,
		CreatedAt: time.Unix(now.Unix(), 0).UTC(), TranslationOf: d.TranslationOf, Language: d.Language, PageCount: d.PageCount}
}
