// Package receipt is the store's room for what a filer takes away of a
// submitted request: the documents filed, read for "download everything I
// filed" together with the audit entry that records the download.
package receipt

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/receipt"
)

// Files reads the filed documents of a request for its applicant's side.
type Files struct {
	*conn.Conn
	// Access is the store's one rule of who may see a request: a condition
	// on the requests table and its arguments, for user u. It is given by
	// the store that gathers this room, so that the rule is written once.
	Access func(u domain.User) (string, []any)
}

// FiledDownload returns request id and the documents its applicant's side
// filed, in upload order, if u may see it now, and records the download in
// the audit log in the same transaction: the entry exists exactly when the
// documents were handed out. A draft, another person's request, or one
// whose grant was withdrawn is not found.
func (s Files) FiledDownload(ctx context.Context, u domain.User, id int64) (domain.Request, []domain.Document, error) {
	var r domain.Request
	var docs []domain.Document
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = s.submitted(ctx, tx, u, id); err != nil {
			return err
		}
		if docs, err = filedDocuments(ctx, tx, r.ID); err != nil {
			return err
		}
		detail := "docs=" + strconv.Itoa(len(docs))
		return audit.Append(ctx, tx, s.Clock.Now(), u.ID, rules.AuditFilesDownload, r.ID, detail)
	})
	return r, docs, err
}

// submitted reads the request if u may see it and it has been submitted.
func (s Files) submitted(ctx context.Context, tx *sql.Tx, u domain.User, id int64) (domain.Request, error) {
	cond, args := s.Access(u)
	var r domain.Request
	var ref sql.NullString
	var at sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT id, reference, kind, also_access, status, submitted_at FROM requests
		WHERE id = ? AND status != 'draft' AND `+cond, append([]any{id}, args...)...).
		Scan(&r.ID, &ref, &r.Kind, &r.AlsoAccess, &r.Status, &at)
	if err != nil {
		return r, conn.RowFailed(fmt.Sprintf("load request %d for its files", id), err)
	}
	r.Reference = ref.String
	if at.Valid {
		r.SubmittedAt = conn.UnixTime(at.Int64)
	}
	return r, nil
}

// filedDocuments lists what the applicant's side filed on a request: not
// the CCF's own decision.
func filedDocuments(ctx context.Context, tx *sql.Tx, requestID int64) ([]domain.Document, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, request_id, doc_type, original_name, content_type, size, sha256,
		storage_key, after_filing, created_at FROM documents WHERE request_id = ? AND doc_type != ? ORDER BY created_at, id`,
		requestID, domain.DocDecision)
	return conn.Rows(fmt.Sprintf("list filed documents of request %d", requestID), rows, err,
		func(row conn.Scanner) (domain.Document, error) {
			var d domain.Document
			var created int64
			err := row.Scan(&d.ID, &d.RequestID, &d.Type, &d.Name, &d.ContentType, &d.Size, &d.SHA256,
				&d.StorageKey, &d.AfterFiling, &created)
			d.CreatedAt = conn.UnixTime(created)
			return d, err
		})
}
