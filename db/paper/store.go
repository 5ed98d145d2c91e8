// Package paper is the store of cases the CCF received by e-mail or post:
// importing one (the applicant record, the request as submitted on the day
// it was received, its documents, encrypted like every upload), and the
// single-use invitations that let the applicant or counsel follow it in
// the portal. Until an invitation is redeemed the case's applicant record
// is held by the staff member who imported it, so that no applicant
// account has a live grant on it (cases.AccessCond). Every change is one
// write transaction with its audit entry.
package paper

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/paper"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// Store imports paper cases and keeps their invitations.
type Store struct{ *conn.Conn }

// File is one staged document of an import.
type File struct {
	Name string
	Type domain.DocType
	Blob *blob.Staged
}

// Import records a case received outside the portal with its documents and
// returns its id. The files are published (durable on disk) before the
// transaction; if anything fails they are removed, so nothing half-made is
// left. A reference already in use is refused on its field. files are
// the form's document slots in order; a slot without a file has a nil Blob.
func (s Store) Import(ctx context.Context, staff domain.User, in rules.Import, files []File, blobs *blob.Store) (int64, error) {
	discard := func() {
		for _, f := range files {
			if f.Blob != nil {
				blobs.Discard(f.Blob)
			}
		}
	}
	id, err := s.importCase(ctx, staff, in, files, blobs)
	if err != nil {
		discard()
	}
	return id, err
}

func (s Store) importCase(ctx context.Context, staff domain.User, in rules.Import, files []File, blobs *blob.Store) (int64, error) {
	if err := staffrole.Require(staff, staffrole.Import); err != nil {
		return 0, err
	}
	now := s.Clock.Now()
	docs := make([]rules.Document, len(files))
	for i, f := range files {
		docs[i] = rules.Document{Type: f.Type, HasFile: f.Blob != nil}
	}
	if errs := rules.ValidateImport(&in, docs, now); errs.Any() {
		return 0, errs.Err()
	}
	files = slices.DeleteFunc(slices.Clone(files), func(f File) bool { return f.Blob == nil })
	for _, f := range files {
		if err := blobs.Publish(f.Blob); err != nil {
			return 0, conn.Failed("publish imported document", err)
		}
	}
	var id int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := referenceFree(ctx, tx, in.Reference); err != nil {
			return err
		}
		applicantID, err := insertApplicant(ctx, tx, staff, in, now.Unix())
		if err != nil {
			return err
		}
		if id, err = insertRequest(ctx, tx, staff, in, applicantID, now.Unix()); err != nil {
			return err
		}
		if err := recordPaper(ctx, tx, staff, id, in, now.Unix()); err != nil {
			return err
		}
		for _, f := range files {
			if err := insertDocument(ctx, tx, id, staff.ID, f, now.Unix()); err != nil {
				return err
			}
		}
		if err := cases.AddEvent(ctx, tx, id, rules.EventReceived(in.Channel), staff.ID, false, nil, rules.ReceivedAt(in.ReceivedOn)); err != nil {
			return err
		}
		return audit.Append(ctx, tx, now, staff.ID, rules.AuditImport, id,
			"channel="+string(in.Channel)+" kind="+string(in.Kind)+" documents="+strconv.Itoa(len(files)))
	})
	return id, err
}

// referenceFree refuses a reference another case has.
func referenceFree(ctx context.Context, tx *sql.Tx, ref string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM requests WHERE reference = ?`, ref).Scan(&n); err != nil {
		return conn.Failed("check an imported reference", err)
	}
	if n > 0 {
		var errs domain.FieldErrors
		errs.Add("reference", "paper.reference_taken", ref)
		return errs.Err()
	}
	return nil
}

// insertApplicant creates the applicant record, held by the importing
// staff member until someone redeems an invitation.
func insertApplicant(ctx context.Context, tx *sql.Tx, staff domain.User, in rules.Import, now int64) (int64, error) {
	details := map[string]string{}
	for _, f := range rules.ApplicantFieldNames() {
		if f != "language" {
			details[f] = in.Applicant[f]
		}
	}
	body, _ := json.Marshal(details)
	res, err := tx.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details, created_at, updated_at)
		VALUES (?, 0, ?, ?, ?, ?, ?)`, staff.ID, in.Applicant["full_name"], in.Applicant["birth_date"], string(body), now, now)
	if err != nil {
		return 0, conn.Failed("create the applicant of an imported case", err)
	}
	return res.LastInsertId()
}

// insertRequest writes the request as submitted on the day it was
// received, and moves the year's reference counter past its number so that
// the portal never allocates the same reference again.
func insertRequest(ctx context.Context, tx *sql.Tx, staff domain.User, in rules.Import, applicantID, now int64) (int64, error) {
	answers := domain.Answers{}
	for _, f := range rules.ApplicantFieldNames() {
		if v := in.Applicant[f]; v != "" {
			answers[f] = v
		}
	}
	answers["representation"] = "self"
	body, _ := json.Marshal(answers)
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (reference, kind, also_access, status, filer_id, applicant_id, language,
		applicant_name, answers, created_at, updated_at, submitted_at) VALUES (?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.Reference, in.Kind, in.AlsoAccess, staff.ID, applicantID, in.Applicant["language"], in.Applicant["full_name"],
		string(body), now, now, rules.ReceivedAt(in.ReceivedOn).Unix())
	if err != nil {
		return 0, conn.Failed("insert an imported case", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, conn.Failed("insert an imported case", err)
	}
	year, number, _ := rules.ParseReference(in.Reference, conn.UnixTime(now))
	_, err = tx.ExecContext(ctx, `INSERT INTO reference_counters (year, last) VALUES (?, ?)
		ON CONFLICT (year) DO UPDATE SET last = MAX(last, excluded.last)`, year, number)
	return id, conn.Failed(fmt.Sprintf("keep reference counter of %d past an import", year), err)
}

func recordPaper(ctx context.Context, tx *sql.Tx, staff domain.User, id int64, in rules.Import, now int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO paper_cases (request_id, channel, received_on, imported_by, imported_at)
		VALUES (?, ?, ?, ?, ?)`, id, in.Channel, in.ReceivedOn, staff.ID, now)
	return conn.Failed(fmt.Sprintf("mark request %d imported", id), err)
}

// insertDocument records a published file as one of the filing's documents.
func insertDocument(ctx context.Context, tx *sql.Tx, requestID, uploader int64, f File, now int64) error {
	b := f.Blob
	_, err := tx.ExecContext(ctx, `INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type,
		size, sha256, storage_key, after_filing, page_count, created_at, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
		requestID, uploader, f.Type, filetype.SanitizeFilename(f.Name), b.ContentType, b.Size, b.SHA256, b.Key,
		b.Inspection.Pages, now, cases.JoinWarnings(b.Inspection.Warnings))
	return conn.Failed(fmt.Sprintf("add imported document to request %d", requestID), err)
}

// Mark is what the staff pages show of an imported case.
type Mark struct {
	Channel    rules.Channel
	ReceivedOn string
	ImportedBy string
	ImportedAt int64
}

// Case reads an imported case's mark and its invitations, newest first;
// a case that came through the portal has neither (nil, nil).
func (s Store) Case(ctx context.Context, requestID int64) (*Mark, []rules.Invitation, error) {
	var m Mark
	err := s.Reader().QueryRowContext(ctx, `SELECT p.channel, p.received_on, u.name, p.imported_at FROM paper_cases p
		JOIN users u ON u.id = p.imported_by WHERE p.request_id = ?`, requestID).Scan(&m.Channel, &m.ReceivedOn, &m.ImportedBy, &m.ImportedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, conn.Failed(fmt.Sprintf("load import of request %d", requestID), err)
	}
	rows, err := s.Reader().QueryContext(ctx, `SELECT `+invitationColumns+` FROM case_invitations i
		JOIN users c ON c.id = i.created_by LEFT JOIN users r ON r.id = i.redeemed_by
		WHERE i.request_id = ? ORDER BY i.created_at DESC, i.id DESC`, requestID)
	list, err := conn.Rows(fmt.Sprintf("list invitations of request %d", requestID), rows, err, scanInvitation)
	return &m, list, err
}

// invitationColumns are what scanInvitation reads, with the creator as c
// and the redeeming account as r.
const invitationColumns = `i.id, i.request_id, i.invitee, c.name, i.created_at, i.expires_at, COALESCE(i.revoked_at, 0),
	COALESCE(i.redeemed_at, 0), COALESCE(r.name, ''), i.created_by`

func scanInvitation(row conn.Scanner) (rules.Invitation, error) {
	inv, _, err := scanInvitationBy(row)
	return inv, err
}

// scanInvitationBy reads an invitation and the id of the staff member who
// created it.
func scanInvitationBy(row conn.Scanner) (rules.Invitation, int64, error) {
	var i rules.Invitation
	var created, expires, revoked, redeemed, by int64
	err := row.Scan(&i.ID, &i.RequestID, &i.For, &i.CreatedBy, &created, &expires, &revoked, &redeemed, &i.RedeemedBy, &by)
	i.CreatedAt, i.ExpiresAt = conn.UnixTime(created), conn.UnixTime(expires)
	i.RevokedAt, i.RedeemedAt = conn.UnixTime(revoked), conn.UnixTime(redeemed)
	return i, by, err
}
