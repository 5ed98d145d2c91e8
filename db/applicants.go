package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
)

// applicantCond says which applicants u may see: those they created and
// those shared with them, while the sharing lasts.
func applicantCond(u domain.User) (string, []any) {
	return `(a.created_by = ? OR a.id IN (SELECT applicant_id FROM applicant_access WHERE user_id = ? AND revoked_at IS NULL))`,
		[]any{u.ID, u.ID}
}

const applicantColumns = `a.id, a.created_by, a.is_self, a.full_name, a.birth_date, a.details, a.created_at, a.updated_at`

func scanApplicant(row conn.Scanner) (domain.Applicant, error) {
	var a domain.Applicant
	var details string
	var created, updated int64
	err := row.Scan(&a.ID, &a.CreatedBy, &a.IsSelf, &a.FullName, &a.BirthDate, &details, &created, &updated)
	if err != nil {
		return domain.Applicant{}, conn.RowFailed("read applicant row", err)
	}
	if err := json.Unmarshal([]byte(details), &a.Details); err != nil {
		return domain.Applicant{}, conn.Failed(fmt.Sprintf("applicant %d details", a.ID), err)
	}
	if a.Details == nil {
		a.Details = domain.Answers{}
	}
	a.CreatedAt, a.UpdatedAt = conn.UnixTime(created), conn.UnixTime(updated)
	return a, nil
}

// ApplicantForUser returns applicant id if u may see it; otherwise not found.
func (db *DB) ApplicantForUser(ctx context.Context, id int64, u domain.User) (domain.Applicant, error) {
	cond, args := applicantCond(u)
	a, err := scanApplicant(db.Reader().QueryRowContext(ctx, `SELECT `+applicantColumns+` FROM applicants a WHERE a.id = ? AND `+cond,
		append([]any{id}, args...)...))
	return a, conn.Failed(fmt.Sprintf("load applicant %d", id), err)
}

// ApplicantsForUser lists the applicants u may see, by name.
func (db *DB) ApplicantsForUser(ctx context.Context, u domain.User) ([]domain.Applicant, error) {
	cond, args := applicantCond(u)
	rows, err := db.Reader().QueryContext(ctx, `SELECT `+applicantColumns+` FROM applicants a WHERE `+cond+
		` ORDER BY a.full_name COLLATE NOCASE, a.id`, args...)
	return conn.Rows(fmt.Sprintf("list applicants of user %d", u.ID), rows, err, scanApplicant)
}

// SaveApplicant creates (id 0) or updates an applicant record that u may
// edit, and records who did it.
func (db *DB) SaveApplicant(ctx context.Context, id int64, u domain.User, d domain.Answers) (domain.Applicant, error) {
	now := db.Clock.Now()
	if errs := domain.ValidateApplicantRecord(d, now); errs.Any() {
		return domain.Applicant{}, errs.Err()
	}
	if u.Role != domain.RoleCounsel && id == 0 {
		return domain.Applicant{}, domain.Errorf(domain.EForbidden, "error.forbidden_role")
	}
	body, _ := json.Marshal(d)
	err := db.Write(ctx, func(tx *sql.Tx) error {
		kind := "updated"
		if id == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details,
				created_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)`, u.ID, d["full_name"], d["birth_date"], string(body), now.Unix(), now.Unix())
			if err != nil {
				return conn.Failed(fmt.Sprintf("create applicant of user %d", u.ID), err)
			}
			id, _ = res.LastInsertId()
			kind = "created"
		} else if err := updateApplicantTx(ctx, tx, id, u, d, string(body), now); err != nil {
			return err
		}
		return cases.AddApplicantEvent(ctx, tx, id, u.ID, kind, 0, now)
	})
	if err != nil {
		return domain.Applicant{}, err
	}
	return db.ApplicantForUser(ctx, id, u)
}

// UpdateApplicant applies an edit of the record form to a record u may
// edit, inside one write transaction, as SaveAnswers does for a draft (see
// domain.Section.Merge). A record is saved only whole and valid: when a
// field was changed by someone else since the form was shown, nothing is
// written and the conflicts come back; a refused or invalid value is a
// validation error.
func (db *DB) UpdateApplicant(ctx context.Context, id int64, u domain.User, e edits.Edit) (domain.Applicant, []edits.FieldConflict, error) {
	now := db.Clock.Now()
	var conflicts []edits.FieldConflict
	err := db.Write(ctx, func(tx *sql.Tx) error {
		cond, args := applicantCond(u)
		a, err := scanApplicant(tx.QueryRowContext(ctx, `SELECT `+applicantColumns+` FROM applicants a WHERE a.id = ? AND `+cond,
			append([]any{id}, args...)...))
		if err != nil {
			return err
		}
		m := edits.Merge(domain.ApplicantRecordSection(), a.Details, e)
		if errs := append(m.Refused, domain.ValidateApplicantRecord(m.Answers, now)...); errs.Any() {
			return errs.Err()
		}
		if conflicts = m.Conflicts; len(conflicts) > 0 || !m.Changed {
			return nil
		}
		body, _ := json.Marshal(m.Answers)
		if err := updateApplicantTx(ctx, tx, id, u, m.Answers, string(body), now); err != nil {
			return err
		}
		return cases.AddApplicantEvent(ctx, tx, id, u.ID, "updated", 0, now)
	})
	if err != nil {
		return domain.Applicant{}, nil, err
	}
	a, err := db.ApplicantForUser(ctx, id, u)
	return a, conflicts, err
}

func updateApplicantTx(ctx context.Context, tx *sql.Tx, id int64, u domain.User, d domain.Answers, body string, now time.Time) error {
	cond, args := applicantCond(u)
	res, err := tx.ExecContext(ctx, `UPDATE applicants AS a SET full_name = ?, birth_date = ?, details = ?, updated_at = ?
		WHERE a.id = ? AND `+cond, append([]any{d["full_name"], d["birth_date"], body, now.Unix(), id}, args...)...)
	if err != nil {
		return conn.Failed(fmt.Sprintf("update applicant %d", id), err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return nil
}

// SelfApplicant returns a petitioner's own applicant record, creating an
// empty one the first time (before any filing), so that they can appoint
// counsel at any point.
func (db *DB) SelfApplicant(ctx context.Context, u domain.User) (domain.Applicant, error) {
	if u.Role != domain.RolePetitioner {
		return domain.Applicant{}, domain.Errorf(domain.EForbidden, "error.forbidden_role")
	}
	now := db.Clock.Now().Unix()
	_, err := db.Writer().ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, created_at, updated_at)
		SELECT ?, 1, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM applicants WHERE created_by = ? AND is_self = 1)`,
		u.ID, u.Name, now, now, u.ID)
	if err != nil {
		return domain.Applicant{}, conn.Failed(fmt.Sprintf("create own applicant of user %d", u.ID), err)
	}
	a, err := scanApplicant(db.Reader().QueryRowContext(ctx, `SELECT `+applicantColumns+` FROM applicants a
		WHERE a.created_by = ? AND a.is_self = 1`, u.ID))
	return a, conn.Failed(fmt.Sprintf("load own applicant of user %d", u.ID), err)
}
