package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Applicant is the record of a person concerned, kept once and reused in
// every filing about them.
type Applicant struct {
	ID        int64
	CreatedBy int64
	IsSelf    bool
	FullName  string
	BirthDate string
	Details   Answers
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ApplicantRecordSections are the parts of an applicant record: who they
// are, their identity document and how to reach them -- the same questions
// as in a filing, so a record fills a filing and a filing refreshes a record.
func ApplicantRecordSections() []Section { return commonSections[1:4] }

// applicantCond says which applicants u may see: those they created and
// those shared with them, while the sharing lasts.
func applicantCond(u User) (string, []any) {
	return `(a.created_by = ? OR a.id IN (SELECT applicant_id FROM applicant_access WHERE user_id = ? AND revoked_at IS NULL))`,
		[]any{u.ID, u.ID}
}

const applicantColumns = `a.id, a.created_by, a.is_self, a.full_name, a.birth_date, a.details, a.created_at, a.updated_at`

func scanApplicant(row interface{ Scan(...any) error }) (Applicant, error) {
	var a Applicant
	var details string
	var created, updated int64
	err := row.Scan(&a.ID, &a.CreatedBy, &a.IsSelf, &a.FullName, &a.BirthDate, &details, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return Applicant{}, Errorf(ENotFound, "error.not_found")
	}
	if err != nil {
		return Applicant{}, Internal(err)
	}
	_ = json.Unmarshal([]byte(details), &a.Details)
	if a.Details == nil {
		a.Details = Answers{}
	}
	a.CreatedAt, a.UpdatedAt = unixTime(created), unixTime(updated)
	return a, nil
}

// ApplicantForUser returns applicant id if u may see it; otherwise not found.
func (db *DB) ApplicantForUser(ctx context.Context, id int64, u User) (Applicant, error) {
	cond, args := applicantCond(u)
	return scanApplicant(db.read.QueryRowContext(ctx, `SELECT `+applicantColumns+` FROM applicants a WHERE a.id = ? AND `+cond,
		append([]any{id}, args...)...))
}

// ApplicantsForUser lists the applicants u may see, by name.
func (db *DB) ApplicantsForUser(ctx context.Context, u User) ([]Applicant, error) {
	cond, args := applicantCond(u)
	rows, err := db.read.QueryContext(ctx, `SELECT `+applicantColumns+` FROM applicants a WHERE `+cond+
		` ORDER BY a.full_name COLLATE NOCASE, a.id`, args...)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Applicant
	for rows.Next() {
		a, err := scanApplicant(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ValidateApplicantRecord checks every section of a record.
func ValidateApplicantRecord(d Answers, now time.Time) FieldErrors {
	var errs FieldErrors
	for _, s := range ApplicantRecordSections() {
		errs = append(errs, s.Validate(d, now)...)
	}
	return errs
}

// SaveApplicant creates (id 0) or updates an applicant record that u may
// edit, and records who did it.
func (db *DB) SaveApplicant(ctx context.Context, id int64, u User, d Answers) (Applicant, error) {
	now := db.Clock.Now()
	if errs := ValidateApplicantRecord(d, now); errs.Any() {
		return Applicant{}, errs.Err()
	}
	if u.Role != RoleCounsel && id == 0 {
		return Applicant{}, Errorf(EForbidden, "error.forbidden_role")
	}
	body, _ := json.Marshal(d)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		kind := "updated"
		if id == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details,
				created_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)`, u.ID, d["full_name"], d["birth_date"], string(body), now.Unix(), now.Unix())
			if err != nil {
				return Internal(err)
			}
			id, _ = res.LastInsertId()
			kind = "created"
		} else if err := updateApplicantTx(ctx, tx, id, u, d, string(body), now); err != nil {
			return err
		}
		return addApplicantEvent(ctx, tx, id, u.ID, kind, 0, now)
	})
	if err != nil {
		return Applicant{}, err
	}
	return db.ApplicantForUser(ctx, id, u)
}

func updateApplicantTx(ctx context.Context, tx *sql.Tx, id int64, u User, d Answers, body string, now time.Time) error {
	cond, args := applicantCond(u)
	res, err := tx.ExecContext(ctx, `UPDATE applicants AS a SET full_name = ?, birth_date = ?, details = ?, updated_at = ?
		WHERE a.id = ? AND `+cond, append([]any{d["full_name"], d["birth_date"], body, now.Unix(), id}, args...)...)
	if err != nil {
		return Internal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return Errorf(ENotFound, "error.not_found")
	}
	return nil
}

func addApplicantEvent(ctx context.Context, tx *sql.Tx, applicantID, actorID int64, kind string, subject int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO applicant_events (applicant_id, actor_id, kind, subject_id, at) VALUES (?, ?, ?, ?, ?)`,
		applicantID, actorID, kind, nullID(subject), now.Unix())
	return wrapInternal(err)
}

// SelfApplicant returns a petitioner's own applicant record, creating an
// empty one the first time (before any filing), so that they can appoint
// counsel at any point.
func (db *DB) SelfApplicant(ctx context.Context, u User) (Applicant, error) {
	if u.Role != RolePetitioner {
		return Applicant{}, Errorf(EForbidden, "error.forbidden_role")
	}
	now := db.Clock.Now().Unix()
	_, err := db.write.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, created_at, updated_at)
		SELECT ?, 1, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM applicants WHERE created_by = ? AND is_self = 1)`,
		u.ID, u.Name, now, now, u.ID)
	if err != nil {
		return Applicant{}, Internal(err)
	}
	return scanApplicant(db.read.QueryRowContext(ctx, `SELECT `+applicantColumns+` FROM applicants a
		WHERE a.created_by = ? AND a.is_self = 1`, u.ID))
}

// Flags are the warnings on an applicant record.
type Flags struct {
	IDExpired bool
	NoPOA     bool
	POAOld    bool
}

// POAMaxAge is how old a power of attorney may be before it is flagged for
// renewal (practice: the CCF may ask for a recent one).
const POAMaxAge = 12

// ApplicantFlags works out what needs attention on a record.
func ApplicantFlags(a Applicant, docs []ApplicantDocument, now time.Time) Flags {
	var f Flags
	if exp, err := time.Parse(time.DateOnly, a.Details["id_expiry"]); err == nil && exp.Before(now.Truncate(24*time.Hour)) {
		f.IDExpired = true
	}
	poa, ok := latestPOA(docs)
	f.NoPOA = !ok && !a.IsSelf
	if ok {
		if signed, err := time.Parse(time.DateOnly, poa.SignedOn); err == nil && now.After(AddMonths(signed, POAMaxAge)) {
			f.POAOld = true
		}
	}
	return f
}

func latestPOA(docs []ApplicantDocument) (ApplicantDocument, bool) {
	var best ApplicantDocument
	found := false
	for _, d := range docs {
		if d.Type == DocPowerOfAttorney && (!found || strings.Compare(d.SignedOn, best.SignedOn) > 0) {
			best, found = d, true
		}
	}
	return best, found
}
