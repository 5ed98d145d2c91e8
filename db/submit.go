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
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// SubmitRequest files a draft: in one transaction it checks the problems
// again, allocates the reference, freezes the answers, records the applicant
// and writes the first timeline entry. Either all of it happens or none.
func (db *DB) SubmitRequest(ctx context.Context, r domain.Request, filer domain.User, limits domain.Limits, then ...inbox.Hook) (domain.Request, error) {
	now := db.Clock.Now()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		cur, err := cases.RequestFor(ctx, tx, r.ID, filer)
		if err != nil {
			return err
		}
		if err := domain.CheckTransition(cur.Status, domain.StatusSubmitted); err != nil {
			return domain.Errorf(domain.EConflict, "request.already_submitted")
		}
		filing, err := loadFiling(ctx, tx, cur)
		if err != nil {
			return err
		}
		if domain.HasBlocking(domain.Problems(filing, limits, now)) {
			return domain.Errorf(domain.EInvalid, "submit.problems_remain")
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
		return inbox.Run(ctx, tx, cur, now, then)
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, r.ID, filer)
}

// nextReference allocates the next CCF-YYYY-NNNNNN reference of the year.
func nextReference(ctx context.Context, tx *sql.Tx, year int) (string, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO reference_counters (year, last) VALUES (?, 1)
		ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`, year).Scan(&n)
	if err != nil {
		return "", conn.Failed(fmt.Sprintf("allocate reference of %d", year), err)
	}
	return fmt.Sprintf("CCF-%04d-%06d", year, n), nil
}

// recordApplicant creates or refreshes the applicant record a submitted
// request concerns: a petitioner's own record, or a new one for counsel's
// client.
func recordApplicant(ctx context.Context, tx *sql.Tx, r domain.Request, filer domain.User, now time.Time) (int64, error) {
	details := map[string]string{}
	for _, f := range domain.ApplicantDetailFields {
		details[f] = r.Answers[f]
	}
	body, _ := json.Marshal(details)
	self := !r.Representative()
	id := r.ApplicantID
	if id == 0 && self {
		var err error
		if id, err = cases.OwnApplicant(ctx, tx, filer.ID); err != nil {
			return 0, err
		}
	}
	if id != 0 {
		// Only a live grant lets a filing update the record, and the change
		// is recorded with who made it and when.
		res, err := tx.ExecContext(ctx, `UPDATE applicants SET full_name = ?, birth_date = ?, details = ?, updated_at = ?
			WHERE id = ? AND id IN (`+cases.LiveGrants+`)`,
			r.Answers["full_name"], r.Answers["birth_date"], string(body), now.Unix(), id, filer.ID, filer.ID)
		if err != nil {
			return 0, conn.Failed(fmt.Sprintf("update applicant %d", id), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return 0, domain.Errorf(domain.ENotFound, "error.not_found")
		}
		return id, cases.AddApplicantEvent(ctx, tx, id, filer.ID, "updated_by_filing", 0, now)
	}
	return cases.NewApplicant(ctx, tx, filer.ID, self, details, now)
}

// settleListedDetails fixes, at submission, the applicant a filing and its
// prepared urgent requests concern, and the copies that lists and the
// staff queue show: the source country of a deletion or correction (from
// its first data item with a known country), and the applicant's name,
// country and language on urgent requests sent on the draft, which may
// have been sent before those answers were given.
func settleListedDetails(ctx context.Context, tx *sql.Tx, f domain.Filing, applicantID int64) error {
	r := f.Request
	country := r.SourceCountry
	if r.IsDeletion() {
		country = ""
		for _, it := range f.Items {
			if it.SourceCountry != "" && it.SourceCountry != domain.UnknownCountry {
				country = it.SourceCountry
				break
			}
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE requests SET applicant_id = ?, source_country = ?, applicant_name = ?, language = ?
		WHERE id = ? OR (parent_id = ? AND (status = 'draft' OR applicant_id IS NULL))`, applicantID, country, r.Answers["full_name"],
		r.Answers["language"], r.ID, r.ID)
	return conn.Failed(fmt.Sprintf("settle listed details of request %d", r.ID), err)
}
