package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// ReplyFile is a staged upload sent with an answer.
type ReplyFile struct {
	Name string
	Blob *blob.Staged
}

// ReplyToClarification records the applicant's answer and its files and
// sends the case back to staff, all in one transaction. The files are made
// durable in their final place first; if the transaction fails they are
// removed, so there is never a row without its file nor a file without its
// row (the pattern of AddDocument, for a request that is no longer a draft).
func (db *DB) ReplyToClarification(ctx context.Context, r domain.Request, filer domain.User, body string, files []ReplyFile, blobs *blob.Store) error {
	discardAll := func() {
		for _, f := range files {
			blobs.Discard(f.Blob)
		}
	}
	errs := domain.ValidateReply(body)
	if len(files) > domain.MaxReplyFiles {
		errs.Add("file", "clarify.too_many_files", domain.MaxReplyFiles)
	}
	if errs.Any() {
		discardAll()
		return errs.Err()
	}
	for _, f := range files {
		if err := blobs.Publish(f.Blob); err != nil {
			discardAll()
			return conn.Failed(fmt.Sprintf("publish reply document of request %d", r.ID), err)
		}
	}
	now := db.Clock.Now()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if filer.Role == domain.RoleStaff {
			return domain.Errorf(domain.EForbidden, "error.forbidden_role")
		}
		cur, err := cases.RequestFor(ctx, tx, r.ID, filer)
		if err != nil {
			return err
		}
		if cur.Status != domain.StatusAwaitingApplicant {
			return domain.Errorf(domain.EConflict, "clarify.not_waiting")
		}
		q, err := openClarification(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO messages (request_id, author_id, kind, body, in_reply_to, created_at)
			VALUES (?, ?, 'reply', ?, ?, ?)`, cur.ID, filer.ID, strings.TrimSpace(body), q.ID, now.Unix())
		if err != nil {
			return conn.Failed(fmt.Sprintf("record reply on request %d", cur.ID), err)
		}
		msgID, _ := res.LastInsertId()
		for _, f := range files {
			if err := addReplyDocument(ctx, tx, cur.ID, msgID, filer.ID, f, now); err != nil {
				return err
			}
		}
		if err := cases.SetStatus(ctx, tx, cur, domain.ResumeStatus(q.PrevStatus), now); err != nil {
			return err
		}
		return cases.AddEvent(ctx, tx, cur.ID, domain.EventClarificationAnswered, filer.ID, false, nil, now)
	})
	if err != nil {
		discardAll()
	}
	return err
}

func addReplyDocument(ctx context.Context, tx *sql.Tx, requestID, msgID, uploader int64, f ReplyFile, now time.Time) error {
	docID, err := cases.InsertDocument(ctx, tx, requestID, uploader, domain.DocClarificationReply, f.Name, f.Blob, now)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO message_documents (message_id, document_id) VALUES (?, ?)`, msgID, docID)
	return conn.Failed(fmt.Sprintf("attach document %d to message %d", docID, msgID), err)
}
