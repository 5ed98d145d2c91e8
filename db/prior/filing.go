package prior

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// File is one staged document of a filing that names an earlier case
// outside the portal; Blob is nil when none came.
type File struct {
	Doc  domain.NewDocument
	Blob *blob.Staged
}

// Published publishes every staged file before fn commits the rows that
// name them, and removes them all if anything fails: a file is durable
// before it is acknowledged, and never left without its row.
func Published(files []File, blobs *blob.Store, fn func() error) error {
	for _, f := range files {
		if f.Blob == nil {
			continue
		}
		if err := blobs.Publish(f.Blob); err != nil {
			Discard(files, blobs)
			return conn.Failed("publish filed document", err)
		}
	}
	err := fn()
	if err != nil {
		Discard(files, blobs)
	}
	return err
}

// Discard removes the staged (or published) files of a refused filing.
func Discard(files []File, blobs *blob.Store) {
	for _, f := range files {
		if f.Blob != nil {
			blobs.Discard(f.Blob)
		}
	}
}

// Attach records each published file as one of request id's documents.
func Attach(ctx context.Context, tx *sql.Tx, id, uploader int64, files []File, now time.Time) error {
	for _, f := range files {
		b := f.Blob
		if b == nil {
			continue
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type,
			size, sha256, storage_key, after_filing, page_count, created_at, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
			id, uploader, f.Doc.Type, filetype.SanitizeFilename(f.Doc.Name), b.ContentType, b.Size, b.SHA256, b.Key,
			f.Doc.PageCount, now.Unix(), cases.JoinWarnings(b.Inspection.Warnings))
		if err != nil {
			return conn.Failed(fmt.Sprintf("add document to request %d", id), err)
		}
	}
	return nil
}

// InsertRevision writes, as a draft for the caller to submit, the
// revision of an earlier case, tied to the person's applicant record so
// that it is shared like every filing about them.
func InsertRevision(ctx context.Context, tx *sql.Tx, filer domain.User, a domain.Answers, now time.Time) (int64, error) {
	applicantID, err := applicant(ctx, tx, filer, a, now)
	if err != nil {
		return 0, err
	}
	body, _ := json.Marshal(a)
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (kind, status, filer_id, applicant_id, language, applicant_name,
		source_country, answers, created_at, updated_at) VALUES ('revision', 'draft', ?, ?, ?, ?, '', ?, ?, ?)`,
		filer.ID, applicantID, a["language"], a["full_name"], string(body), now.Unix(), now.Unix())
	if err != nil {
		return 0, conn.Failed("create revision of an earlier case", err)
	}
	return res.LastInsertId()
}

// applicant is the record the revision concerns: a petitioner's own (kept
// as it is: this short form does not describe the whole person), or a new
// one for the person counsel or a relative files for.
func applicant(ctx context.Context, tx *sql.Tx, filer domain.User, a domain.Answers, now time.Time) (int64, error) {
	self := a["representation"] != "representative"
	if self {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM applicants WHERE created_by = ? AND is_self = 1`, filer.ID).Scan(&id)
		if err == nil {
			return id, nil
		} else if err != sql.ErrNoRows {
			return 0, conn.Failed(fmt.Sprintf("find own applicant of user %d", filer.ID), err)
		}
	}
	details, _ := json.Marshal(map[string]string{"full_name": a["full_name"], "birth_date": a["birth_date"],
		"nationality": a["nationality"], "language": a["language"]})
	res, err := tx.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, filer.ID, self, a["full_name"], a["birth_date"], string(details), now.Unix(), now.Unix())
	if err != nil {
		return 0, conn.Failed("create applicant of a revision of an earlier case", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, conn.Failed("create applicant of a revision of an earlier case", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO applicant_events (applicant_id, actor_id, kind, subject_id, at)
		VALUES (?, ?, 'created_by_filing', NULL, ?)`, id, filer.ID, now.Unix())
	return id, conn.Failed(fmt.Sprintf("record created_by_filing on applicant %d", id), err)
}
