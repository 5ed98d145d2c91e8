package cases

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// Upload warnings are stored as one comma-separated column (codes never
// hold a comma): they are only ever read whole, with their document.

// JoinWarnings stores a document's warning codes in one column.
func JoinWarnings(codes []string) string { return strings.Join(codes, ",") }

// SplitWarnings reads the column JoinWarnings wrote.
func SplitWarnings(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// DocumentColumns are the columns ScanDocument reads, in order.
const DocumentColumns = `id, request_id, uploaded_by, doc_type, original_name, content_type, size, sha256, storage_key,
	confidential, description, after_filing, created_at, COALESCE(translation_of, 0), doc_language, page_count, warnings`

// ScanDocument reads a document row selected with DocumentColumns.
func ScanDocument(row conn.Scanner) (domain.Document, error) {
	var d domain.Document
	var created int64
	var warnings string
	err := row.Scan(&d.ID, &d.RequestID, &d.UploadedBy, &d.Type, &d.Name, &d.ContentType, &d.Size, &d.SHA256,
		&d.StorageKey, &d.Confidential, &d.Description, &d.AfterFiling, &created, &d.TranslationOf, &d.Language, &d.PageCount, &warnings)
	if err != nil {
		return domain.Document{}, conn.RowFailed("read document row", err)
	}
	d.CreatedAt = conn.UnixTime(created)
	d.Warnings = SplitWarnings(warnings)
	return d, nil
}

// ListDocuments lists a request's documents in upload order.
func ListDocuments(ctx context.Context, q conn.Queryer, requestID int64) ([]domain.Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+DocumentColumns+` FROM documents WHERE request_id = ? ORDER BY created_at, id`, requestID)
	return conn.Rows(fmt.Sprintf("list documents of request %d", requestID), rows, err, ScanDocument)
}

// InsertDocument records a published blob as a document added after filing.
func InsertDocument(ctx context.Context, tx *sql.Tx, requestID, uploader int64, t domain.DocType, name string, b *blob.Staged, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type,
		size, sha256, storage_key, after_filing, created_at, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		requestID, uploader, t, filetype.SanitizeFilename(name), b.ContentType, b.Size, b.SHA256, b.Key, now.Unix(),
		JoinWarnings(b.Inspection.Warnings))
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("add document to request %d", requestID), err)
	}
	return res.LastInsertId()
}
