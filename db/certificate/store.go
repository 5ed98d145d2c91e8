// Package certificate is the store of applications for "to whom it may
// concern" certificates: the applicant's application, the secretariat's
// answer (the certificate the General Secretariat issued, stored
// encrypted, or a refusal with a message) and the download. Each change
// is one write transaction with its timeline entry and audit entry; the
// applicant is told of the answer in the same transaction.
package certificate

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
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/certificate"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/filetype"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// Store records and reads certificate applications.
type Store struct{ *conn.Conn }

// Case is what the certificate pages show of a case: the request, the
// decision sent to the applicant (nil if none yet) and the applications.
type Case struct {
	Request      domain.Request
	Decision     *domain.Decision
	Applications []rules.Application
}

// File is a staged upload: the certificate.
type File struct {
	Name string
	Blob *blob.Staged
}

// For reads the case requestID as u may see it (another user's case is
// not found), with its certificate applications, in one read transaction.
func (s Store) For(ctx context.Context, u domain.User, requestID int64) (Case, error) {
	var out Case
	err := s.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = load(ctx, tx, u, requestID)
		return err
	})
	return out, err
}

func load(ctx context.Context, tx *sql.Tx, u domain.User, requestID int64) (Case, error) {
	r, err := cases.RequestFor(ctx, tx, requestID, u)
	if err != nil {
		return Case{}, err
	}
	out := Case{Request: r}
	if out.Decision, err = sentDecision(ctx, tx, r.ID); err != nil {
		return out, err
	}
	out.Applications, err = applications(ctx, tx, r.ID)
	return out, err
}

// sentDecision reads the decision as sent to the applicant: the decisions
// row exists only from then on.
func sentDecision(ctx context.Context, q conn.Queryer, requestID int64) (*domain.Decision, error) {
	d := domain.Decision{RequestID: requestID}
	var at int64
	err := q.QueryRowContext(ctx, `SELECT id, outcome, decided_at FROM decisions WHERE request_id = ? ORDER BY id DESC LIMIT 1`,
		requestID).Scan(&d.ID, &d.Outcome, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("read decision of request %d", requestID), err)
	}
	d.DecidedAt = conn.UnixTime(at)
	return &d, nil
}

func applications(ctx context.Context, q conn.Queryer, requestID int64) ([]rules.Application, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.request_id, a.state, a.purpose, a.applied_by, a.applied_at, a.message,
		COALESCE(a.answered_at, 0), COALESCE(d.id, 0), COALESCE(d.content_type, ''), COALESCE(d.size, 0),
		COALESCE(d.sha256, ''), COALESCE(d.storage_key, '')
		FROM certificate_applications a LEFT JOIN certificate_documents d ON d.application_id = a.id
		WHERE a.request_id = ? ORDER BY a.applied_at, a.id`, requestID)
	return conn.Rows(fmt.Sprintf("list certificate applications of request %d", requestID), rows, err, scanApplication)
}

func scanApplication(row conn.Scanner) (rules.Application, error) {
	var a rules.Application
	var applied, answered int64
	var doc rules.Document
	err := row.Scan(&a.ID, &a.RequestID, &a.State, &a.Purpose, &a.AppliedBy, &applied, &a.Message, &answered,
		&doc.ID, &doc.ContentType, &doc.Size, &doc.SHA256, &doc.StorageKey)
	a.AppliedAt, a.AnsweredAt = conn.UnixTime(applied), conn.UnixTime(answered)
	if doc.ID != 0 {
		a.Document = &doc
	}
	return a, err
}

// Apply records u's application on case requestID, with the optional
// purpose, if the rules allow it now (see rules.CanApply).
func (s Store) Apply(ctx context.Context, u domain.User, requestID int64, purpose string) error {
	purpose = strings.TrimSpace(purpose)
	if errs := rules.ValidatePurpose(purpose); errs.Any() {
		return errs.Err()
	}
	now := s.Clock.Now()
	return s.Write(ctx, func(tx *sql.Tx) error {
		c, err := load(ctx, tx, u, requestID)
		if err != nil {
			return err
		}
		if err := rules.CanApply(u, c.Decision, c.Applications, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO certificate_applications (request_id, purpose, applied_by, applied_at)
			VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, c.Request.ID, purpose, u.ID, now.Unix())
		if err != nil {
			return conn.Failed(fmt.Sprintf("apply for a certificate on request %d", c.Request.ID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.EConflict, "certificate.already_pending")
		}
		id, _ := res.LastInsertId()
		if err := cases.AddEvent(ctx, tx, c.Request.ID, rules.EventApplied, u.ID, false, nil, now); err != nil {
			return err
		}
		return audit.Append(ctx, tx, now, u.ID, rules.AuditApply, c.Request.ID, "application="+strconv.FormatInt(id, 10))
	})
}

// Issue attaches the certificate the General Secretariat issued to the
// pending application on case requestID, and tells whoever applied that
// there is news (compose makes the content-free e-mail). The file is
// published before the transaction and discarded if it fails.
func (s Store) Issue(ctx context.Context, staff domain.User, requestID int64, doc File, blobs *blob.Store,
	compose func(domain.User) outbox.Message) error {
	if err := staffrole.Require(staff, staffrole.Certificate); err != nil {
		blobs.Discard(doc.Blob)
		return err
	}
	if err := blobs.Publish(doc.Blob); err != nil {
		blobs.Discard(doc.Blob)
		return conn.Failed(fmt.Sprintf("publish certificate of request %d", requestID), err)
	}
	err := s.answer(ctx, staff, requestID, rules.AuditIssue, func(tx *sql.Tx, a *rules.Application, now time.Time) (string, error) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO certificate_documents (application_id, request_id, uploaded_by,
			original_name, content_type, size, sha256, storage_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.RequestID, staff.ID, filetype.SanitizeFilename(doc.Name), doc.Blob.ContentType, doc.Blob.Size,
			doc.Blob.SHA256, doc.Blob.Key, now.Unix()); err != nil {
			return "", conn.Failed(fmt.Sprintf("store certificate of request %d", a.RequestID), err)
		}
		return "", s.settle(ctx, tx, staff, a, rules.StateIssued, "", rules.EventIssued, now, compose)
	})
	if err != nil {
		blobs.Discard(doc.Blob)
	}
	return err
}

// Refuse answers the pending application on case requestID with the
// CCF's refusal and its message, and tells whoever applied.
func (s Store) Refuse(ctx context.Context, staff domain.User, requestID int64, message string,
	compose func(domain.User) outbox.Message) error {
	if err := staffrole.Require(staff, staffrole.Certificate); err != nil {
		return err
	}
	message = strings.TrimSpace(message)
	if errs := rules.ValidateRefusal(message); errs.Any() {
		return errs.Err()
	}
	return s.answer(ctx, staff, requestID, rules.AuditRefuse, func(tx *sql.Tx, a *rules.Application, now time.Time) (string, error) {
		return "", s.settle(ctx, tx, staff, a, rules.StateRefused, message, rules.EventRefused, now, compose)
	})
}

// answer runs fn on the pending application of a filed case, in a staff
// transaction audited with action.
func (s Store) answer(ctx context.Context, staff domain.User, requestID int64, action domain.AuditAction,
	fn func(tx *sql.Tx, a *rules.Application, now time.Time) (string, error)) error {
	return cases.StaffTx(ctx, s.Conn, staff, requestID, action, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		apps, err := applications(ctx, tx, r.ID)
		if err != nil {
			return "", err
		}
		a, err := rules.CanAnswer(apps)
		if err != nil {
			return "", err
		}
		if _, err := fn(tx, a, now); err != nil {
			return "", err
		}
		return "application=" + strconv.FormatInt(a.ID, 10), nil
	})
}

// settle records the answer on application a, its timeline entry, and the
// inbox entry (with the news e-mail) of whoever applied.
func (s Store) settle(ctx context.Context, tx *sql.Tx, staff domain.User, a *rules.Application, state rules.State, message string,
	kind domain.EventKind, now time.Time, compose func(domain.User) outbox.Message) error {
	res, err := tx.ExecContext(ctx, `UPDATE certificate_applications SET state = ?, message = ?, answered_by = ?, answered_at = ?
		WHERE id = ? AND state = 'pending'`, state, message, staff.ID, now.Unix(), a.ID)
	if err != nil {
		return conn.Failed(fmt.Sprintf("answer certificate application %d", a.ID), err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EConflict, "certificate.none_pending")
	}
	if err := cases.AddEvent(ctx, tx, a.RequestID, kind, staff.ID, false, nil, now); err != nil {
		return err
	}
	return inbox.Notify(ctx, tx, a.AppliedBy, inbox.KindCertificate, a.RequestID, now, compose)
}

// Document finds the certificate of application appID on case requestID
// for u: the applicant's side through its live grant (anything else is
// not found), staff with an audit entry of the download.
func (s Store) Document(ctx context.Context, u domain.User, requestID, appID int64) (rules.Document, error) {
	var doc rules.Document
	find := func(tx *sql.Tx, r domain.Request) error {
		var err error
		doc, err = document(ctx, tx, r.ID, appID)
		return err
	}
	if u.Role == domain.RoleStaff {
		return doc, cases.StaffTx(ctx, s.Conn, u, requestID, rules.AuditDownload, func(tx *sql.Tx, r domain.Request, _ time.Time) (string, error) {
			return "application=" + strconv.FormatInt(appID, 10), find(tx, r)
		})
	}
	return doc, s.ReadTx(ctx, func(tx *sql.Tx) error {
		r, err := cases.RequestFor(ctx, tx, requestID, u)
		if err != nil {
			return err
		}
		return find(tx, r)
	})
}

func document(ctx context.Context, q conn.Queryer, requestID, appID int64) (rules.Document, error) {
	var d rules.Document
	err := q.QueryRowContext(ctx, `SELECT d.id, d.content_type, d.size, d.sha256, d.storage_key FROM certificate_documents d
		WHERE d.application_id = ? AND d.request_id = ?`, appID, requestID).Scan(&d.ID, &d.ContentType, &d.Size, &d.SHA256, &d.StorageKey)
	if errors.Is(err, sql.ErrNoRows) {
		return d, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return d, conn.Failed(fmt.Sprintf("load certificate of application %d", appID), err)
}
