package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Problem is something on the check-your-answers page that would make the
// request inadmissible or incomplete. Blocking problems stop submission;
// the others are warnings the person may choose to file despite.
type Problem struct {
	Key      string // message key
	Section  string // the section that fixes it, for a "change" link
	Blocking bool
	Args     []any
}

// Problems lists what stands between a draft and an admissible, complete
// filing (DOMAIN.md): identity document, authorisation, purpose, grounds
// with explanations, format limits; and, as warnings, what weakens it.
func Problems(f Filing, limits Limits, now time.Time) []Problem {
	r := f.Request
	var out []Problem
	if r.Kind == "" {
		out = append(out, Problem{Key: "problem.purpose_missing", Blocking: true})
	}
	for _, t := range Tasks(f, now) {
		// Documents and grounds have problems of their own, stated more exactly.
		if t.State != SectionCompleted && t.Key != TaskEvidence && t.Key != SectionDocuments && t.Key != TaskGrounds {
			out = append(out, Problem{Key: "problem.section_incomplete", Section: t.Key, Blocking: true,
				Args: []any{"task." + t.Key}})
		}
	}
	out = append(out, documentProblems(f, now)...)
	for _, u := range f.Urgent {
		if u.IsDraft() && !u.EventAt.After(now) {
			out = append(out, Problem{Key: "problem.urgent_event_past", Blocking: true})
		}
	}
	if r.IsDeletion() {
		out = append(out, deletionProblems(f, limits)...)
	}
	return out
}

func documentProblems(f Filing, now time.Time) []Problem {
	r := f.Request
	var out []Problem
	if !HasDocument(f.Documents, DocIdentity) {
		out = append(out, Problem{Key: "problem.id_missing", Section: SectionDocuments, Blocking: true})
	}
	if r.Representative() && !HasDocument(f.Documents, DocPowerOfAttorney) {
		out = append(out, Problem{Key: "problem.poa_missing", Section: SectionDocuments, Blocking: true})
	}
	if r.Representative() && r.Answers["applicant_minor"] == "yes" && !HasDocument(f.Documents, DocRelationship) {
		out = append(out, Problem{Key: "problem.relationship_missing", Section: SectionDocuments, Blocking: true})
	}
	if exp, err := time.Parse(time.DateOnly, r.Answers["id_expiry"]); err == nil && exp.Before(now.Truncate(24*time.Hour)) {
		out = append(out, Problem{Key: "problem.id_expired", Section: SectionIDDocument})
	}
	return out
}

// HasBlocking reports whether any problem stops submission.
func HasBlocking(problems []Problem) bool {
	for _, p := range problems {
		if p.Blocking {
			return true
		}
	}
	return false
}

// SubmitRequest files a draft: in one transaction it checks the problems
// again, allocates the reference, freezes the answers, records the applicant
// and writes the first timeline entry. Either all of it happens or none.
func (db *DB) SubmitRequest(ctx context.Context, r Request, filer User, limits Limits) (Request, error) {
	now := db.Clock.Now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := requestFor(ctx, tx, r.ID, filer)
		if err != nil {
			return err
		}
		if err := CheckTransition(cur.Status, StatusSubmitted); err != nil {
			return Errorf(EConflict, "request.already_submitted")
		}
		filing, err := loadFiling(ctx, tx, cur)
		if err != nil {
			return err
		}
		if HasBlocking(Problems(filing, limits, now)) {
			return Errorf(EInvalid, "submit.problems_remain")
		}
		applicantID, err := recordApplicant(ctx, tx, cur, filer, now)
		if err != nil {
			return err
		}
		if err := settleListedDetails(ctx, tx, filing, applicantID); err != nil {
			return err
		}
		if err := submitTx(ctx, tx, cur.ID, filer, now); err != nil {
			return err
		}
		return submitUrgentChildren(ctx, tx, cur.ID, filer, now)
	})
	if err != nil {
		return Request{}, err
	}
	return db.RequestForUser(ctx, r.ID, filer)
}

// nextReference allocates the next CCF-YYYY-NNNNNN reference of the year.
func nextReference(ctx context.Context, tx *sql.Tx, year int) (string, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO reference_counters (year, last) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`, year).Scan(&n)
	if err != nil {
		return "", Internal(err)
	}
	return fmt.Sprintf("CCF-%04d-%06d", year, n), nil
}

// applicantDetailFields are the answers kept on the applicant record, so a
// later filing for the same person can start from them.
var applicantDetailFields = []string{"full_name", "other_names", "birth_date", "birth_place", "nationality",
	"nationality_2", "id_type", "id_number", "id_issuer", "id_expiry", "contact_email", "contact_phone", "contact_address"}

// recordApplicant creates or refreshes the applicant record a submitted
// request concerns: a petitioner's own record, or a new one for counsel's
// client.
func recordApplicant(ctx context.Context, tx *sql.Tx, r Request, filer User, now time.Time) (int64, error) {
	details := map[string]string{}
	for _, f := range applicantDetailFields {
		details[f] = r.Answers[f]
	}
	body, _ := json.Marshal(details)
	self := !r.Representative()
	id := r.ApplicantID
	if id == 0 && self {
		err := tx.QueryRowContext(ctx, `SELECT id FROM applicants WHERE created_by = ? AND is_self = 1`, filer.ID).Scan(&id)
		if err != nil && err != sql.ErrNoRows {
			return 0, Internal(err)
		}
	}
	if id != 0 {
		_, err := tx.ExecContext(ctx, `UPDATE applicants SET full_name = ?, birth_date = ?, details = ?, updated_at = ? WHERE id = ?`,
			r.Answers["full_name"], r.Answers["birth_date"], string(body), now.Unix(), id)
		return id, wrapInternal(err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, filer.ID, self, r.Answers["full_name"], r.Answers["birth_date"], string(body), now.Unix(), now.Unix())
	if err != nil {
		return 0, Internal(err)
	}
	return res.LastInsertId()
}

func wrapInternal(err error) error {
	if err == nil {
		return nil
	}
	return Internal(err)
}

// settleListedDetails fixes, at submission, the applicant a filing and its
// prepared urgent requests concern, and the copies that lists and the
// staff queue show: the source country of a deletion or correction (from
// its first data item with a known country), and the applicant's name,
// country and language on urgent requests prepared with the draft, which
// may have been prepared before those answers were given.
func settleListedDetails(ctx context.Context, tx *sql.Tx, f Filing, applicantID int64) error {
	r := f.Request
	country := r.SourceCountry
	if r.IsDeletion() {
		country = ""
		for _, it := range f.Items {
			if it.SourceCountry != "" && it.SourceCountry != UnknownCountry {
				country = it.SourceCountry
				break
			}
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE requests SET applicant_id = ?, source_country = ?, applicant_name = ?, language = ?
		WHERE id = ? OR (parent_id = ? AND status = 'draft')`, applicantID, country, r.Answers["full_name"],
		r.Answers["language"], r.ID, r.ID)
	return wrapInternal(err)
}
