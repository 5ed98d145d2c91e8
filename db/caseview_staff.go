package db

import (
	"context"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	"github.com/ccf-portal/ccfportal/db/notices"
)

// StaffCase is how staff open a case: the opening is recorded in the audit
// log (as OpenCase does), then the whole case is read in one read
// transaction with a fixed number of statements. Only staff may open a
// case; a draft, like a request that does not exist, is not found.
func (db *DB) StaffCase(ctx context.Context, staff domain.User, id int64) (domain.StaffCase, error) {
	if _, err := db.OpenCase(ctx, staff, id); err != nil {
		return domain.StaffCase{}, err
	}
	var out domain.StaffCase
	err := db.viewTx(ctx, func(q conn.Queryer) error {
		var err error
		out, err = readStaffCase(ctx, q, staff, id)
		return err
	})
	out.Outcome.TimeLimits.AdmissibilityDue = rules.AdmissibilityDue(out.Request, db.Deadlines.AdmissibilityMonths)
	return out, err
}

// readStaffCase reads everything the staff case page shows of request id.
func readStaffCase(ctx context.Context, q conn.Queryer, staff domain.User, id int64) (domain.StaffCase, error) {
	var c domain.StaffCase
	var err error
	if c.Request, err = cases.RequestFor(ctx, q, id, staff); err != nil {
		return c, err
	}
	r := c.Request
	if c.Info, err = readCaseInfo(ctx, q, r); err != nil {
		return c, err
	}
	if c.Filing, err = loadFiling(ctx, q, r); err != nil {
		return c, err
	}
	if c.Events, err = readTimeline(ctx, q, r.ID, true); err != nil {
		return c, err
	}
	if c.Outcome, err = readOutcome(ctx, q, r, c.Filing.Documents); err != nil {
		return c, err
	}
	if c.Notices, err = notices.Read(ctx, q, r.ID); err != nil {
		return c, err
	}
	if c.Targets, err = notices.Targets(ctx, q, r); err != nil {
		return c, err
	}
	if c.Notes, err = readNotes(ctx, q, r.ID); err != nil {
		return c, err
	}
	c.Staff, err = readStaffMembers(ctx, q)
	return c, err
}

// readCaseInfo reads the filer, the assignee and the linked cases of r.
func readCaseInfo(ctx context.Context, q conn.Queryer, r domain.Request) (domain.CaseInfo, error) {
	info := domain.CaseInfo{EventAt: r.EventAt}
	err := q.QueryRowContext(ctx, `SELECT COALESCE(r.assignee_id, 0), COALESCE(a.name, '')
		FROM requests r LEFT JOIN users a ON a.id = r.assignee_id WHERE r.id = ?`, r.ID).Scan(&info.AssigneeID, &info.Assignee)
	if err != nil {
		return info, conn.Failed(fmt.Sprintf("load assignee of request %d", r.ID), err)
	}
	if info.Filer, err = accounts.UserIn(ctx, q, r.FilerID); err != nil {
		return info, err
	}
	info.Filer.PasswordHash = ""
	info.Seeded = domain.IsSeedEmail(info.Filer.Email)
	// The parent, the requests that follow r up (revisions, urgent
	// requests, re-filings) and the other requests about the same
	// applicant (an access request and a deletion request filed apart).
	info.Linked, err = listRequests(ctx, q, `WHERE status != 'draft' AND id != ?
		AND (id = ? OR parent_id = ? OR (applicant_id IS NOT NULL AND applicant_id = ?)) ORDER BY submitted_at, id LIMIT 100`,
		r.ID, r.ParentID, r.ID, r.ApplicantID)
	return info, err
}

// readNotes reads a case's internal notes, oldest first.
func readNotes(ctx context.Context, q conn.Queryer, requestID int64) ([]domain.Note, error) {
	return viewRows(ctx, q, fmt.Sprintf("list notes of request %d", requestID), func(rows conn.Scanner) (domain.Note, error) {
		n := domain.Note{RequestID: requestID}
		var at int64
		err := rows.Scan(&n.ID, &n.AuthorID, &n.AuthorName, &n.Kind, &n.Body, &at)
		n.CreatedAt = conn.UnixTime(at)
		return n, err
	}, `SELECT n.id, n.author_id, COALESCE(u.name, ''), n.kind, n.body, n.created_at
		FROM internal_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.request_id = ? ORDER BY n.id`, requestID)
}

// readStaffMembers reads the staff accounts, by name, for assignment.
func readStaffMembers(ctx context.Context, q conn.Queryer) ([]domain.User, error) {
	return viewRows(ctx, q, "read staff members", func(rows conn.Scanner) (domain.User, error) {
		u, err := accounts.ScanUser(rows)
		u.PasswordHash = ""
		return u, err
	}, `SELECT `+accounts.UserColumns+` FROM users WHERE role = 'staff' ORDER BY name, id`)
}
