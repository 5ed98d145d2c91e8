// Package publish is the store's room of published decisions: the
// Chamber's anonymised excerpts of decided cases, their approval by a
// second staff member, their withdrawal, and the public list with its
// filters and search. Every change is audited in its own transaction; the
// rules (what an excerpt may not contain, who may approve) are in
// db/domain/publish.
package publish

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/publish"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
)

// Store reads and writes publications.
type Store struct{ *conn.Conn }

// decidedCase is what a publication is made from: the case's tags and the
// identifiers its excerpt may not contain.
type decidedCase struct {
	pub     rules.Publication // the tags, and the publication if one exists
	exists  bool
	status  domain.Status
	idents  rules.Identifiers
	outcome string
}

// ForCase is the publication of a case for its form: the one written so
// far, or a new one with the case's tags. A case that does not exist is not
// found; one not decided on the merits is a conflict.
func (s Store) ForCase(ctx context.Context, requestID int64) (rules.Publication, error) {
	var c decidedCase
	err := s.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = loadCase(ctx, tx, requestID)
		return err
	})
	if err != nil {
		return rules.Publication{}, err
	}
	return c.pub, rules.CanDecide(c.status, c.outcome)
}

// Save writes the excerpt and session label of a case's publication as a
// draft by staff, who becomes its author (so cannot approve it). An
// excerpt holding one of the case's identifiers is refused, and the
// refusal audited with the kind found only.
func (s Store) Save(ctx context.Context, staff domain.User, requestID int64, in rules.Input) error {
	if err := staffrole.Require(staff, staffrole.Publish); err != nil {
		return err
	}
	if errs := in.Validate(); errs.Any() {
		return errs.Err()
	}
	var refused domain.FieldErrors
	now := s.Clock.Now()
	err := s.Write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, requestID)
		if err != nil {
			return err
		}
		if err := rules.CanDecide(c.status, c.outcome); err != nil {
			return err
		}
		if err := rules.CanEdit(c.pub); err != nil {
			return err
		}
		if found, errs := rules.Check(c.idents, in); errs.Any() {
			refused = errs
			return audit.Append(ctx, tx, now, staff.ID, rules.AuditRefuse, requestID, "found="+string(found))
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO published_decisions (request_id, year, session, kind, grounds, outcome,
			excerpt, search_text, state, author_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)
			ON CONFLICT (request_id) DO UPDATE SET session = excluded.session, excerpt = excluded.excerpt,
			search_text = excluded.search_text, state = 'draft', author_id = excluded.author_id,
			updated_at = excluded.updated_at, approved_by = NULL, approved_at = NULL`,
			requestID, c.pub.Year, in.Session, string(c.pub.Kind), groundsColumn(c.pub.Grounds), c.pub.Outcome,
			in.Excerpt, rules.SearchText(in), staff.ID, now.Unix())
		if err != nil {
			return conn.Failed("save publication", err)
		}
		return audit.Append(ctx, tx, now, staff.ID, rules.AuditSave, requestID, "")
	})
	if err == nil && refused.Any() {
		return refused.Err()
	}
	return err
}

// Approve makes a draft public, by a staff member other than its author;
// the excerpt is checked against the case's identifiers once more.
func (s Store) Approve(ctx context.Context, staff domain.User, id int64) error {
	return s.change(ctx, staff, id, func(tx *sql.Tx, c decidedCase) (domain.AuditAction, error) {
		if err := rules.CanApprove(c.pub, staff); err != nil {
			return "", err
		}
		if found, errs := rules.Check(c.idents, rules.Input{Session: c.pub.Session, Excerpt: c.pub.Excerpt}); errs.Any() {
			return rules.AuditRefuse, domain.Errorf(domain.EConflict, "publish.error.found."+string(found))
		}
		_, err := tx.ExecContext(ctx, `UPDATE published_decisions SET state = 'published', approved_by = ?, approved_at = ?
			WHERE id = ? AND state = 'draft' AND author_id != ?`, staff.ID, s.Clock.Now().Unix(), id, staff.ID)
		return rules.AuditApprove, conn.Failed("approve publication", err)
	})
}

// Withdraw hides a public decision at once, by any staff member.
func (s Store) Withdraw(ctx context.Context, staff domain.User, id int64) error {
	return s.change(ctx, staff, id, func(tx *sql.Tx, c decidedCase) (domain.AuditAction, error) {
		if err := rules.CanWithdraw(c.pub); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, `UPDATE published_decisions SET state = 'withdrawn', updated_at = ? WHERE id = ?`,
			s.Clock.Now().Unix(), id)
		return rules.AuditWithdraw, conn.Failed("withdraw publication", err)
	})
}

// change runs a staff step on publication id in one transaction and
// audits it; a step refused with an audit action (an identifier found on
// approval) is audited and the refusal returned.
func (s Store) change(ctx context.Context, staff domain.User, id int64, step func(*sql.Tx, decidedCase) (domain.AuditAction, error)) error {
	if staff.Role != domain.RoleStaff {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	var refused error
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var requestID int64
		err := tx.QueryRowContext(ctx, `SELECT request_id FROM published_decisions WHERE id = ?`, id).Scan(&requestID)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return conn.Failed("load publication", err)
		}
		c, err := loadCase(ctx, tx, requestID)
		if err != nil {
			return err
		}
		action, err := step(tx, c)
		if err != nil && action == "" {
			return err
		}
		refused = err
		detail := "publication=" + strconv.FormatInt(id, 10)
		if err != nil {
			detail += " found=" + strings.TrimPrefix(domain.ErrorMessage(err), "publish.error.found.")
		}
		return audit.Append(ctx, tx, s.Clock.Now(), staff.ID, action, requestID, detail)
	})
	if err == nil {
		return refused
	}
	return err
}

// groundsColumn stores ground codes each between spaces, so that one is
// found with LIKE '% code %'.
func groundsColumn(gs []domain.GroundCode) string {
	if len(gs) == 0 {
		return ""
	}
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = string(g)
	}
	return " " + strings.Join(parts, " ") + " "
}

func parseGrounds(col string) []domain.GroundCode {
	var out []domain.GroundCode
	for _, g := range strings.Fields(col) {
		out = append(out, domain.GroundCode(g))
	}
	return out
}
