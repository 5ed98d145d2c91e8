package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// GrantAccess gives the counsel with the given email access to applicant
// a's cases. Only the record's creator may share it: counsel with a
// colleague of the same organisation, a petitioner with the counsel they
// appoint. An unknown email and an ineligible account get the same answer.
// then runs in the transaction (the notice to the person given access).
func (db *DB) GrantAccess(ctx context.Context, a domain.Applicant, by domain.User, email string, then ...inbox.AccessHook) error {
	if a.CreatedBy != by.ID {
		return domain.Errorf(domain.EForbidden, "access.only_creator")
	}
	to, err := db.UserByEmail(ctx, email)
	if err != nil || to.Role != domain.RoleCounsel || to.ID == by.ID || !domain.SameFirm(by, to) {
		return domain.Errorf(domain.EInvalid, "access.no_such_counsel")
	}
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO applicant_access (applicant_id, user_id, granted_by, granted_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (applicant_id, user_id) DO UPDATE SET granted_by = excluded.granted_by,
			granted_at = excluded.granted_at, revoked_by = NULL, revoked_at = NULL`, a.ID, to.ID, by.ID, now.Unix())
		if err != nil {
			return conn.Failed(fmt.Sprintf("grant access to applicant %d", a.ID), err)
		}
		if err := cases.AddApplicantEvent(ctx, tx, a.ID, by.ID, "access_granted", to.ID, now); err != nil {
			return err
		}
		return inbox.RunAccess(ctx, tx, a.ID, to.ID, now, then)
	})
}

// RevokeAccess withdraws a user's access to applicant a's cases; then runs
// in the transaction.
func (db *DB) RevokeAccess(ctx context.Context, a domain.Applicant, by domain.User, userID int64, then ...inbox.AccessHook) error {
	if a.CreatedBy != by.ID {
		return domain.Errorf(domain.EForbidden, "access.only_creator")
	}
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE applicant_access SET revoked_by = ?, revoked_at = ?
			WHERE applicant_id = ? AND user_id = ? AND revoked_at IS NULL`, by.ID, now.Unix(), a.ID, userID)
		if err != nil {
			return conn.Failed(fmt.Sprintf("revoke access to applicant %d", a.ID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		if err := cases.AddApplicantEvent(ctx, tx, a.ID, by.ID, "access_revoked", userID, now); err != nil {
			return err
		}
		return inbox.RunAccess(ctx, tx, a.ID, userID, now, then)
	})
}

// Grants lists who currently has access to applicant a's cases.
func (db *DB) Grants(ctx context.Context, applicantID int64) ([]domain.Grant, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT u.id, u.name, u.organisation, g.name, x.granted_at
		FROM applicant_access x JOIN users u ON u.id = x.user_id JOIN users g ON g.id = x.granted_by
		WHERE x.applicant_id = ? AND x.revoked_at IS NULL ORDER BY x.granted_at`, applicantID)
	return conn.Rows(fmt.Sprintf("list access to applicant %d", applicantID), rows, err, func(row conn.Scanner) (domain.Grant, error) {
		var g domain.Grant
		var at int64
		err := row.Scan(&g.UserID, &g.Name, &g.Organisation, &g.GrantedByName, &at)
		g.GrantedAt = conn.UnixTime(at)
		return g, err
	})
}

// ApplicantHistory lists who did what to a record, oldest first.
func (db *DB) ApplicantHistory(ctx context.Context, applicantID int64) ([]domain.ApplicantEvent, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT e.kind, a.name, COALESCE(s.name, ''), e.at FROM applicant_events e
		JOIN users a ON a.id = e.actor_id LEFT JOIN users s ON s.id = e.subject_id
		WHERE e.applicant_id = ? ORDER BY e.at, e.id`, applicantID)
	return conn.Rows(fmt.Sprintf("list history of applicant %d", applicantID), rows, err, func(row conn.Scanner) (domain.ApplicantEvent, error) {
		var e domain.ApplicantEvent
		var at int64
		err := row.Scan(&e.Kind, &e.ActorName, &e.SubjectName, &at)
		e.At = conn.UnixTime(at)
		return e, err
	})
}
