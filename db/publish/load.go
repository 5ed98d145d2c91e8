package publish

import (
	"context"
	"database/sql"
	"errors"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/publish"
)

// loadCase reads a case's tags, its publication if any, and the
// identifiers of the person concerned: the name, birth date, document
// number and contact address of the filing, those of the applicant record
// it was filed for, and the filer's account address.
func loadCase(ctx context.Context, tx *sql.Tx, requestID int64) (decidedCase, error) {
	var c decidedCase
	var decidedAt sql.NullInt64
	var outcome sql.NullString
	var v [9]string // the filer's address, then name, birth date, number and address of the filing and of the record
	err := tx.QueryRowContext(ctx, `SELECT r.status, r.kind, r.reference, d.outcome, d.decided_at, u.email,
		COALESCE(json_extract(r.answers, '$.full_name'), ''), COALESCE(json_extract(r.answers, '$.birth_date'), ''),
		COALESCE(json_extract(r.answers, '$.id_number'), ''), COALESCE(json_extract(r.answers, '$.contact_email'), ''),
		COALESCE(a.full_name, ''), COALESCE(a.birth_date, ''),
		COALESCE(json_extract(a.details, '$.id_number'), ''), COALESCE(json_extract(a.details, '$.contact_email'), '')
		FROM requests r JOIN users u ON u.id = r.filer_id
		LEFT JOIN decisions d ON d.request_id = r.id LEFT JOIN applicants a ON a.id = r.applicant_id
		WHERE r.id = ? AND r.submitted_at IS NOT NULL`, requestID).Scan(&c.status, &c.pub.Kind, &c.pub.Reference,
		&outcome, &decidedAt, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8])
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.Errorf(domain.ENotFound, "error.not_found")
	} else if err != nil {
		return c, conn.Failed("load case for publication", err)
	}
	c.idents = rules.Identifiers{Names: []string{v[1], v[5]}, BirthDates: []string{v[2], v[6]},
		IDNumbers: []string{v[3], v[7]}, Emails: []string{v[4], v[8], v[0]}}
	c.outcome, c.pub.Outcome, c.pub.RequestID = outcome.String, outcome.String, requestID
	if decidedAt.Valid {
		c.pub.Year = conn.UnixTime(decidedAt.Int64).Year()
	}
	if c.pub.Grounds, err = caseGrounds(ctx, tx, requestID); err != nil {
		return c, err
	}
	return c, loadPublication(ctx, tx, &c)
}

func caseGrounds(ctx context.Context, tx *sql.Tx, requestID int64) ([]domain.GroundCode, error) {
	rows, err := tx.QueryContext(ctx, `SELECT ground FROM request_grounds WHERE request_id = ?`, requestID)
	list, err := conn.Rows("load case grounds", rows, err, func(row conn.Scanner) (domain.GroundCode, error) {
		var g string
		err := row.Scan(&g)
		return domain.GroundCode(g), err
	})
	// In the checklist's order, whatever the order they were chosen in.
	var out []domain.GroundCode
	for _, g := range domain.Grounds {
		for _, l := range list {
			if l == g.Code {
				out = append(out, g.Code)
			}
		}
	}
	return out, err
}

// loadPublication fills in c's publication, if the case has one.
func loadPublication(ctx context.Context, tx *sql.Tx, c *decidedCase) error {
	p := &c.pub
	var approver sql.NullInt64
	var updated int64
	err := tx.QueryRowContext(ctx, `SELECT id, session, excerpt, state, author_id, updated_at, approved_by
		FROM published_decisions WHERE request_id = ?`, p.RequestID).Scan(&p.ID, &p.Session, &p.Excerpt, &p.State,
		&p.AuthorID, &updated, &approver)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return conn.Failed("load publication", err)
	}
	c.exists, p.ApproverID, p.UpdatedAt = true, approver.Int64, conn.UnixTime(updated)
	return nil
}
