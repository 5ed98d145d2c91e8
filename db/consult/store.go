// Package consult is the store of the consultations the CCF holds on a
// case: each one, its reminders, its reply (with an optional document,
// stored encrypted) or the finding that no reply came. Every change is one
// write transaction with its audit entry; nothing here is ever read for
// the applicant.
package consult

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// Store records and reads consultations.
type Store struct{ *conn.Conn }

// File is a staged upload attached to a reply.
type File struct {
	Name string
	Blob *blob.Staged
}

// caseRef is what an action needs of the case it acts on.
type caseRef struct {
	ID     int64
	Source string
}

// tx runs fn in a write transaction on a filed (non-draft) case, read
// inside the transaction, and appends the audit entry for the action to
// the same transaction. fn returns the detail to record (ids and codes
// only, never what was asked or answered).
func (s Store) tx(ctx context.Context, staff domain.User, requestID int64, action domain.AuditAction,
	fn func(tx *sql.Tx, r caseRef, now time.Time) (string, error)) error {
	if err := domain.RequireStaff(staff); err != nil {
		return err
	}
	// Every staff role may read a reply's document; only those who prepare
	// cases record consultations.
	if action != rules.AuditDownload {
		if err := staffrole.Require(staff, staffrole.Consult); err != nil {
			return err
		}
	}
	now := s.Clock.Now()
	return s.Write(ctx, func(tx *sql.Tx) error {
		r := caseRef{ID: requestID}
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(source_country, '') FROM requests WHERE id = ? AND status != 'draft'`,
			requestID).Scan(&r.Source)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return conn.Failed(fmt.Sprintf("load case %d", requestID), err)
		}
		detail, err := fn(tx, r, now)
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, now, staff.ID, action, r.ID, detail)
	})
}

// Add records a consultation sent about a case. replyDays is the default
// time for a reply when staff leave the due date empty.
func (s Store) Add(ctx context.Context, staff domain.User, requestID int64, in rules.NewInput, replyDays int) (int64, error) {
	var id int64
	err := s.tx(ctx, staff, requestID, rules.AuditAdd, func(tx *sql.Tx, r caseRef, now time.Time) (string, error) {
		if errs := rules.ValidateNew(&in, r.Source, replyDays, now); errs.Any() {
			return "", errs.Err()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO consultations (request_id, recipient, country, entity, question, sent_on,
			reply_due, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, in.Recipient, in.Country,
			strings.TrimSpace(in.Entity), strings.TrimSpace(in.Question), in.SentOn, in.ReplyDue, staff.ID, now.Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("add consultation to request %d", r.ID), err)
		}
		id, _ = res.LastInsertId()
		return "consultation=" + strconv.FormatInt(id, 10) + " recipient=" + string(in.Recipient) + " due=" + in.ReplyDue, nil
	})
	return id, err
}

// Remind records a reminder sent on the given day.
func (s Store) Remind(ctx context.Context, staff domain.User, requestID, id int64, on string) error {
	return s.change(ctx, staff, requestID, id, rules.AuditReminder, func(tx *sql.Tx, c rules.Consultation, now time.Time) (string, error) {
		if err := rules.ValidateReminder(c, on, now); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO consultation_reminders (consultation_id, sent_on, created_by, created_at)
			VALUES (?, ?, ?, ?)`, c.ID, on, staff.ID, now.Unix())
		return "on=" + on, conn.Failed(fmt.Sprintf("add reminder to consultation %d", c.ID), err)
	})
}

// SetDueDate moves the reply date of an open consultation.
func (s Store) SetDueDate(ctx context.Context, staff domain.User, requestID, id int64, due string) error {
	return s.change(ctx, staff, requestID, id, rules.AuditDueDate, func(tx *sql.Tx, c rules.Consultation, _ time.Time) (string, error) {
		if err := rules.ValidateDueDate(c, due); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `UPDATE consultations SET reply_due = ? WHERE id = ?`, due, c.ID)
		return "from=" + c.ReplyDue + " to=" + due, conn.Failed(fmt.Sprintf("move due date of consultation %d", c.ID), err)
	})
}

// MarkNoReply records that no reply came by the due date; only once the
// due date has passed.
func (s Store) MarkNoReply(ctx context.Context, staff domain.User, requestID, id int64) error {
	return s.change(ctx, staff, requestID, id, rules.AuditNoReply, func(tx *sql.Tx, c rules.Consultation, now time.Time) (string, error) {
		if err := rules.CanMarkNoReply(c, now); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `UPDATE consultations SET no_reply_on = ? WHERE id = ?`, rules.Today(now), c.ID)
		return "due=" + c.ReplyDue, conn.Failed(fmt.Sprintf("mark consultation %d unanswered", c.ID), err)
	})
}

// Reply records the reply to a consultation, with its optional document
// (published before the transaction, removed again if it fails).
func (s Store) Reply(ctx context.Context, staff domain.User, requestID, id int64, in rules.ReplyInput, doc *File, blobs *blob.Store) error {
	if doc != nil {
		if err := blobs.Publish(doc.Blob); err != nil {
			blobs.Discard(doc.Blob)
			return conn.Failed(fmt.Sprintf("publish reply document of consultation %d", id), err)
		}
	}
	err := s.change(ctx, staff, requestID, id, rules.AuditReply, func(tx *sql.Tx, c rules.Consultation, now time.Time) (string, error) {
		if err := rules.ValidateReply(c, in, now); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `UPDATE consultations SET replied_on = ?, summary = ?, restriction = ? WHERE id = ?`,
			in.ReceivedOn, strings.TrimSpace(in.Summary), strings.TrimSpace(in.Restriction), c.ID)
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("record reply to consultation %d", c.ID), err)
		}
		detail := "restricted=" + strconv.FormatBool(strings.TrimSpace(in.Restriction) != "")
		if doc == nil {
			return detail, nil
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO consultation_documents (consultation_id, request_id, uploaded_by,
			original_name, content_type, size, sha256, storage_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.RequestID, staff.ID, filetype.SanitizeFilename(doc.Name), doc.Blob.ContentType, doc.Blob.Size,
			doc.Blob.SHA256, doc.Blob.Key, now.Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("attach document to consultation %d", c.ID), err)
		}
		docID, _ := res.LastInsertId()
		return detail + " doc=" + strconv.FormatInt(docID, 10), nil
	})
	if err != nil && doc != nil {
		blobs.Discard(doc.Blob)
	}
	return err
}

// Document returns the document of a reply for download by staff,
// recording the download in the audit log before the file is read.
func (s Store) Document(ctx context.Context, staff domain.User, requestID, id int64) (rules.Document, error) {
	var d rules.Document
	err := s.change(ctx, staff, requestID, id, rules.AuditDownload, func(_ *sql.Tx, c rules.Consultation, _ time.Time) (string, error) {
		if c.Document == nil {
			return "", domain.Errorf(domain.ENotFound, "error.not_found")
		}
		d = *c.Document
		return "doc=" + strconv.FormatInt(d.ID, 10), nil
	})
	return d, err
}

// change runs fn on consultation id of the case, read in the transaction;
// a consultation of another case is not found.
func (s Store) change(ctx context.Context, staff domain.User, requestID, id int64, action domain.AuditAction,
	fn func(tx *sql.Tx, c rules.Consultation, now time.Time) (string, error)) error {
	return s.tx(ctx, staff, requestID, action, func(tx *sql.Tx, r caseRef, now time.Time) (string, error) {
		list, err := read(ctx, tx, r.ID, id)
		if err != nil {
			return "", err
		}
		if len(list) != 1 {
			return "", domain.Errorf(domain.ENotFound, "error.not_found")
		}
		detail, err := fn(tx, list[0], now)
		return "consultation=" + strconv.FormatInt(id, 10) + " " + detail, err
	})
}
