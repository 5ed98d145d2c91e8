package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// AddDocument records a staged upload on a draft request. The file is made
// durable in its final place first; the row is committed after; if the
// commit fails the file is removed, so there is never a row without a file
// nor (short of a crash, which the temp sweep handles) a file without a row.
func (db *DB) AddDocument(ctx context.Context, r domain.Request, actor domain.User, d domain.NewDocument, blob *blob.Staged, blobs *blob.Store) (domain.Document, error) {
	if err := blobs.Publish(blob); err != nil {
		blobs.Discard(blob)
		return domain.Document{}, conn.Failed(fmt.Sprintf("publish document of request %d", r.ID), err)
	}
	now := db.Clock.Now()
	doc := documentRecord(r, actor, d, blob, now, false)
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var status domain.Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM requests WHERE id = ?`, r.ID).Scan(&status); err != nil {
			return conn.Failed(fmt.Sprintf("check status of request %d", r.ID), err)
		}
		if status != domain.StatusDraft {
			return domain.Errorf(domain.EConflict, "request.read_only")
		}
		id, err := insertDocumentRow(ctx, tx, doc, d)
		doc.ID = id
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE requests SET updated_at = ? WHERE id = ?`, now.Unix(), r.ID)
		return conn.Failed(fmt.Sprintf("touch request %d", r.ID), err)
	})
	if err != nil {
		blobs.Discard(blob)
		return domain.Document{}, err
	}
	return doc, nil
}

// insertDocumentRow writes a document row and its links to grounds, and
// checks that a translation points to a document of the same request.
func insertDocumentRow(ctx context.Context, tx *sql.Tx, doc domain.Document, d domain.NewDocument) (int64, error) {
	if d.TranslationOf != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM documents WHERE id = ? AND request_id = ?`,
			d.TranslationOf, doc.RequestID).Scan(&n); err != nil {
			return 0, conn.Failed(fmt.Sprintf("check document %d of request %d", d.TranslationOf, doc.RequestID), err)
		} else if n != 1 {
			return 0, domain.Errorf(domain.EInvalid, "evidence.translation_of_unknown")
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type,
		size, sha256, storage_key, confidential, description, after_filing, translation_of, doc_language, page_count, created_at, warnings)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.RequestID, doc.UploadedBy, doc.Type, doc.Name, doc.ContentType, doc.Size, doc.SHA256, doc.StorageKey,
		doc.Confidential, doc.Description, doc.AfterFiling, conn.NullID(d.TranslationOf), d.Language, d.PageCount, doc.CreatedAt.Unix(),
		cases.JoinWarnings(doc.Warnings))
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("add document to request %d", doc.RequestID), err)
	}
	id, _ := res.LastInsertId()
	for _, g := range d.Grounds {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_grounds (document_id, ground)
			SELECT ?, ground FROM request_grounds WHERE request_id = ? AND ground = ?`, id, doc.RequestID, g); err != nil {
			return 0, conn.Failed(fmt.Sprintf("link document %d to its grounds", id), err)
		}
	}
	return id, nil
}

// Documents lists a request's documents in upload order.
func (db *DB) Documents(ctx context.Context, requestID int64) ([]domain.Document, error) {
	return cases.ListDocuments(ctx, db.Reader(), requestID)
}

// Document returns one document of a request; the caller has already
// checked that the user may see the request.
func (db *DB) Document(ctx context.Context, requestID, docID int64) (domain.Document, error) {
	d, err := cases.ScanDocument(db.Reader().QueryRowContext(ctx, `SELECT `+cases.DocumentColumns+` FROM documents WHERE id = ? AND request_id = ?`,
		docID, requestID))
	return d, conn.Failed(fmt.Sprintf("load document %d of request %d", docID, requestID), err)
}

// RemoveDocument deletes a document from a draft: the row first, then the
// file once the deletion is committed.
func (db *DB) RemoveDocument(ctx context.Context, r domain.Request, docID int64, blobs *blob.Store) error {
	var key string
	err := db.Write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT d.storage_key FROM documents d JOIN requests r ON r.id = d.request_id
			WHERE d.id = ? AND d.request_id = ? AND r.status = 'draft'`, docID, r.ID).Scan(&key)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		if err != nil {
			return conn.Failed(fmt.Sprintf("find document %d of request %d", docID, r.ID), err)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, docID)
		return conn.Failed(fmt.Sprintf("remove document %d of request %d", docID, r.ID), err)
	})
	if err != nil {
		return err
	}
	return blobs.Remove(key)
}

// DocumentGrounds maps each document of a request to the grounds it
// supports.
func (db *DB) DocumentGrounds(ctx context.Context, requestID int64) (map[int64][]domain.GroundCode, error) {
	return listDocumentGrounds(ctx, db.Reader(), requestID)
}

func listDocumentGrounds(ctx context.Context, q conn.Queryer, requestID int64) (map[int64][]domain.GroundCode, error) {
	rows, err := q.QueryContext(ctx, `SELECT dg.document_id, dg.ground FROM document_grounds dg
		JOIN documents d ON d.id = dg.document_id WHERE d.request_id = ? ORDER BY dg.document_id`, requestID)
	out := map[int64][]domain.GroundCode{}
	err = conn.Each(fmt.Sprintf("list grounds of the documents of request %d", requestID), rows, err, func(row conn.Scanner) error {
		var id int64
		var g domain.GroundCode
		if err := row.Scan(&id, &g); err != nil {
			return err
		}
		out[id] = append(out[id], g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// documentRecord is the row of a newly uploaded document.
func documentRecord(r domain.Request, actor domain.User, d domain.NewDocument, blob *blob.Staged, now time.Time, afterFiling bool) domain.Document {
	return domain.Document{RequestID: r.ID, UploadedBy: actor.ID, Type: d.Type, Name: filetype.SanitizeFilename(d.Name),
		ContentType: blob.ContentType, Size: blob.Size, SHA256: blob.SHA256, StorageKey: blob.Key,
		Confidential: d.Confidential, Description: strings.TrimSpace(d.Description), AfterFiling: afterFiling,
		CreatedAt: time.Unix(now.Unix(), 0).UTC(), TranslationOf: d.TranslationOf, Language: d.Language, PageCount: d.PageCount,
		Warnings: blob.Inspection.Warnings}
}
