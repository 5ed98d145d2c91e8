package db

import (
	"context"
	"database/sql"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// GrantAccess gives the counsel with the given email access to applicant
// a's cases. Only the record's creator may share it: counsel with a
// colleague of the same organisation, a petitioner with the counsel they
// appoint. An unknown email and an ineligible account get the same answer.
func (db *DB) GrantAccess(ctx context.Context, a domain.Applicant, by domain.User, email string) error {
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
			return domain.Internal(err)
		}
		return addApplicantEvent(ctx, tx, a.ID, by.ID, "access_granted", to.ID, now)
	})
}

// RevokeAccess withdraws a user's access to applicant a's cases.
func (db *DB) RevokeAccess(ctx context.Context, a domain.Applicant, by domain.User, userID int64) error {
	if a.CreatedBy != by.ID {
		return domain.Errorf(domain.EForbidden, "access.only_creator")
	}
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE applicant_access SET revoked_by = ?, revoked_at = ?
			WHERE applicant_id = ? AND user_id = ? AND revoked_at IS NULL`, by.ID, now.Unix(), a.ID, userID)
		if err != nil {
			return domain.Internal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		return addApplicantEvent(ctx, tx, a.ID, by.ID, "access_revoked", userID, now)
	})
}

// Grants lists who currently has access to applicant a's cases.
func (db *DB) Grants(ctx context.Context, applicantID int64) ([]domain.Grant, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT u.id, u.name, u.organisation, g.name, x.granted_at
		FROM applicant_access x JOIN users u ON u.id = x.user_id JOIN users g ON g.id = x.granted_by
		WHERE x.applicant_id = ? AND x.revoked_at IS NULL ORDER BY x.granted_at`, applicantID)
	if err != nil {
		return nil, domain.Internal(err)
	}
	defer rows.Close()
	var out []domain.Grant
	for rows.Next() {
		var g domain.Grant
		var at int64
		if err := rows.Scan(&g.UserID, &g.Name, &g.Organisation, &g.GrantedByName, &at); err != nil {
			return nil, domain.Internal(err)
		}
		g.GrantedAt = conn.UnixTime(at)
		out = append(out, g)
	}
	return out, rows.Err()
}

// ApplicantHistory lists who did what to a record, oldest first.
func (db *DB) ApplicantHistory(ctx context.Context, applicantID int64) ([]domain.ApplicantEvent, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT e.kind, a.name, COALESCE(s.name, ''), e.at FROM applicant_events e
		JOIN users a ON a.id = e.actor_id LEFT JOIN users s ON s.id = e.subject_id
		WHERE e.applicant_id = ? ORDER BY e.at, e.id`, applicantID)
	if err != nil {
		return nil, domain.Internal(err)
	}
	defer rows.Close()
	var out []domain.ApplicantEvent
	for rows.Next() {
		var e domain.ApplicantEvent
		var at int64
		if err := rows.Scan(&e.Kind, &e.ActorName, &e.SubjectName, &at); err != nil {
			return nil, domain.Internal(err)
		}
		e.At = conn.UnixTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Representatives names the counsel who act on the applicant of r now:
// the record's creator and everyone it is currently shared with (or the
// filer, while the request is tied to no record). Counsel whose access
// was withdrawn are no longer named, though the timeline keeps what they
// did.
func (db *DB) Representatives(ctx context.Context, r domain.Request) ([]string, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT name FROM users WHERE role = 'counsel' AND ((id = ? AND ? = 0)
		OR id IN (SELECT created_by FROM applicants WHERE id = ?)
		OR id IN (SELECT user_id FROM applicant_access WHERE applicant_id = ? AND revoked_at IS NULL)) ORDER BY name`,
		r.FilerID, r.ApplicantID, r.ApplicantID, r.ApplicantID)
	if err != nil {
		return nil, domain.Internal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, domain.Internal(err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
