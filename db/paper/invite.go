package paper

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/paper"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
)

// Keys are what invitations need besides the store: the key codes are
// hashed with and how many days an invitation lasts.
type Keys struct {
	Key       []byte
	ValidDays int
}

// staffTx runs fn on an imported case in a write transaction with its
// audit entry; a case that came through the portal is not found.
func (s Store) staffTx(ctx context.Context, staff domain.User, requestID int64, action domain.AuditAction,
	fn func(tx *sql.Tx, now time.Time) (string, error)) error {
	if err := staffrole.Require(staff, staffrole.Import); err != nil {
		return err
	}
	now := s.Clock.Now()
	return s.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM paper_cases WHERE request_id = ?`, requestID).Scan(&n); err != nil {
			return conn.Failed(fmt.Sprintf("load import of request %d", requestID), err)
		}
		if n != 1 {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		detail, err := fn(tx, now)
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, now, staff.ID, action, requestID, detail)
	})
}

// Invite creates a single-use invitation to follow an imported case and
// returns its code, the only time it exists outside the hash.
func (s Store) Invite(ctx context.Context, staff domain.User, requestID int64, who rules.Invitee, k Keys) (string, error) {
	if !who.Valid() {
		var errs domain.FieldErrors
		errs.Add("invitee", "paper.invitee_required")
		return "", errs.Err()
	}
	code, err := rules.NewCode()
	if err != nil {
		return "", domain.Internal(fmt.Errorf("make invitation code: %w", err))
	}
	err = s.staffTx(ctx, staff, requestID, rules.AuditInvite, func(tx *sql.Tx, now time.Time) (string, error) {
		res, err := tx.ExecContext(ctx, `INSERT INTO case_invitations (request_id, invitee, code_hash, created_by, created_at,
			expires_at) VALUES (?, ?, ?, ?, ?, ?)`, requestID, who, rules.HashCode(k.Key, code), staff.ID, now.Unix(),
			rules.ExpiresAt(now, k.ValidDays).Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("invite to request %d", requestID), err)
		}
		id, _ := res.LastInsertId()
		return "invitation=" + strconv.FormatInt(id, 10) + " for=" + string(who), nil
	})
	if err != nil {
		return "", err
	}
	return code, nil
}

// Revoke withdraws a pending invitation of the case.
func (s Store) Revoke(ctx context.Context, staff domain.User, requestID, id int64) error {
	return s.staffTx(ctx, staff, requestID, rules.AuditRevoke, func(tx *sql.Tx, now time.Time) (string, error) {
		inv, _, err := invitationWhere(ctx, tx, `i.id = ? AND i.request_id = ?`, id, requestID)
		if err != nil {
			return "", err
		}
		if err := rules.CheckRevoke(inv, now); err != nil {
			return "", err
		}
		_, err = tx.ExecContext(ctx, `UPDATE case_invitations SET revoked_by = ?, revoked_at = ? WHERE id = ?`, staff.ID, now.Unix(), id)
		return "invitation=" + strconv.FormatInt(id, 10), conn.Failed(fmt.Sprintf("revoke invitation %d", id), err)
	})
}

// invitationWhere reads the one invitation matching cond, and who made it.
func invitationWhere(ctx context.Context, tx *sql.Tx, cond string, args ...any) (rules.Invitation, int64, error) {
	inv, by, err := scanInvitationBy(tx.QueryRowContext(ctx, `SELECT `+invitationColumns+` FROM case_invitations i
		JOIN users c ON c.id = i.created_by LEFT JOIN users r ON r.id = i.redeemed_by WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return inv, 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return inv, by, conn.Failed("load invitation", err)
}
