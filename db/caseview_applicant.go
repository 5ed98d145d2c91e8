package db

import (
	"context"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
)

// ApplicantCase reads request id as its filer's case page shows it, in one
// read transaction with a fixed number of statements: only what the
// applicant may see (no internal notes or timeline entries, no deletion
// notices). u must be allowed to see the request (see cases.AccessCond); anyone
// else gets not found, as for a request that does not exist. A draft is
// read with its filing only, for its task list.
func (db *DB) ApplicantCase(ctx context.Context, u domain.User, id int64) (domain.ApplicantCase, error) {
	var out domain.ApplicantCase
	err := db.viewTx(ctx, func(q conn.Queryer) error {
		var err error
		out, err = readApplicantCase(ctx, q, u, id)
		return err
	})
	return out, err
}

func readApplicantCase(ctx context.Context, q conn.Queryer, u domain.User, id int64) (domain.ApplicantCase, error) {
	var c domain.ApplicantCase
	var err error
	if c.Request, err = cases.RequestFor(ctx, q, id, u); err != nil {
		return c, err
	}
	r := c.Request
	if c.Filing, err = loadFiling(ctx, q, r); err != nil || r.IsDraft() {
		return c, err
	}
	if c.Events, err = readTimeline(ctx, q, r.ID, false); err != nil {
		return c, err
	}
	// The request r follows or revises, and those that follow or revise
	// it, as far as u may see them.
	cond, args := cases.AccessCond(u)
	if c.Linked, err = listRequests(ctx, q, `WHERE (id = ? OR parent_id = ?) AND id != ? AND `+cond+` ORDER BY created_at, id`,
		append([]any{r.ParentID, r.ID, r.ID}, args...)...); err != nil {
		return c, err
	}
	if c.Representatives, err = readRepresentatives(ctx, q, r); err != nil {
		return c, err
	}
	c.Outcome, err = readOutcome(ctx, q, r, c.Filing.Documents)
	c.Outcome.TimeLimits = rules.ForApplicant(c.Outcome.TimeLimits)
	return c, err
}

// readRepresentatives names the counsel who act on the applicant of r now:
// the record's creator and everyone it is currently shared with (or the
// filer, while the request is tied to no record). Counsel whose access
// was withdrawn are no longer named, though the timeline keeps what they
// did.
func readRepresentatives(ctx context.Context, q conn.Queryer, r domain.Request) ([]string, error) {
	return viewRows(ctx, q, fmt.Sprintf("list representatives on request %d", r.ID), func(rows conn.Scanner) (string, error) {
		var name string
		err := rows.Scan(&name)
		return name, err
	}, `SELECT name FROM users WHERE role = 'counsel' AND ((id = ? AND ? = 0)
		OR id IN (SELECT created_by FROM applicants WHERE id = ?)
		OR id IN (SELECT user_id FROM applicant_access WHERE applicant_id = ? AND revoked_at IS NULL)) ORDER BY name`,
		r.FilerID, r.ApplicantID, r.ApplicantID, r.ApplicantID)
}
