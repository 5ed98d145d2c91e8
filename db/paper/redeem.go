package paper

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/paper"
	"github.com/ccf-portal/ccfportal/db/domain/throttle"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// KindRedeemed is the staff notification that an invitation was used.
const KindRedeemed inbox.Kind = "invitation_redeemed"

// Redeem links the case of a pending invitation to the signed-in
// petitioner or counsel u and returns its id. client names u's client for
// the throttle (a hash of its address). Every code that cannot be used
// gets one refusal; each refusal counts against the account, which then
// waits as after failed sign-ins, and against the client, which waits only
// after the far higher count an account has from all clients (people
// behind one address share it).
func (s Store) Redeem(ctx context.Context, u domain.User, code, client string, k Keys) (int64, error) {
	if u.Role != domain.RolePetitioner && u.Role != domain.RoleCounsel {
		return 0, domain.Errorf(domain.EForbidden, "error.forbidden_role")
	}
	now := s.Clock.Now()
	keys := []string{"user:" + strconv.FormatInt(u.ID, 10), "client:" + client}
	var id int64
	var refused error
	err := s.Write(ctx, func(tx *sql.Tx) error {
		for i, delay := range []func(int) time.Duration{throttle.LoginDelay, throttle.AccountLoginDelay} {
			if err := throttled(ctx, tx, keys[i], delay, now); err != nil {
				refused = err
				return nil
			}
		}
		inv, by, err := s.pending(ctx, tx, u, code, k, now)
		if err != nil {
			if !errors.Is(err, errNoSuchCode) {
				return err
			}
			refused = rules.ErrCodeRefused()
			return fail(ctx, tx, keys, now)
		}
		if err := claim(ctx, tx, u, inv, by, now); err != nil {
			return err
		}
		id = inv.RequestID
		_, err = tx.ExecContext(ctx, `DELETE FROM invitation_failures WHERE key = ?`, keys[0])
		return conn.Failed("forget failed codes of an account", err)
	})
	if err == nil {
		err = refused
	}
	return id, err
}

// errNoSuchCode marks a code that cannot be used, for whatever reason.
var errNoSuchCode = errors.New("no usable invitation")

// pending finds the invitation a code names if u may redeem it now.
func (s Store) pending(ctx context.Context, tx *sql.Tx, u domain.User, code string, k Keys, now time.Time) (rules.Invitation, int64, error) {
	code = rules.NormalizeCode(code)
	if !rules.PlausibleCode(code) {
		return rules.Invitation{}, 0, errNoSuchCode
	}
	inv, by, err := invitationWhere(ctx, tx, `i.code_hash = ?`, rules.HashCode(k.Key, code))
	var e *domain.Error
	if errors.As(err, &e) && e.Code == domain.ENotFound {
		return inv, 0, errNoSuchCode
	} else if err != nil {
		return inv, 0, err
	}
	if rules.CheckRedeem(inv, u.Role, now) != nil {
		return inv, 0, errNoSuchCode
	}
	return inv, by, nil
}

// throttled refuses an attempt while key's last failures make it wait.
func throttled(ctx context.Context, tx *sql.Tx, key string, delay func(int) time.Duration, now time.Time) error {
	var failures int
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT failures, last_at FROM invitation_failures WHERE key = ?`, key).Scan(&failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return conn.Failed("read failed codes", err)
	}
	at := conn.UnixTime(last)
	if now.Sub(at) > throttle.LoginFailureMemory {
		return nil
	}
	if wait := at.Add(delay(failures)).Sub(now); wait > 0 {
		return domain.Errorf(domain.ETooMany, "paper.too_many_attempts", int(wait.Round(time.Minute).Minutes())+1)
	}
	return nil
}

// fail counts a refused code against each key; failures older than the
// throttle's memory start again from one.
func fail(ctx context.Context, tx *sql.Tx, keys []string, now time.Time) error {
	for _, key := range keys {
		_, err := tx.ExecContext(ctx, `INSERT INTO invitation_failures (key, failures, last_at) VALUES (?, 1, ?)
			ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN excluded.last_at - last_at > ? THEN 1 ELSE failures + 1 END,
			last_at = excluded.last_at`, key, now.Unix(), int64(throttle.LoginFailureMemory/time.Second))
		if err != nil {
			return conn.Failed("count a failed code", err)
		}
	}
	return nil
}

// claim gives u the case of inv: while the applicant record is still held
// by staff, counsel become its creator (their client, as in their own
// filings) and a petitioner without a record of their own makes it theirs;
// otherwise u gets a live grant on it, given by the inviting staff member.
// Counsel's redemption makes the case represented, so the power of
// attorney is asked for at admissibility.
func claim(ctx context.Context, tx *sql.Tx, u domain.User, inv rules.Invitation, by int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE case_invitations SET redeemed_by = ?, redeemed_at = ?
		WHERE id = ? AND redeemed_at IS NULL AND revoked_at IS NULL`, u.ID, now.Unix(), inv.ID)
	if err != nil {
		return conn.Failed(fmt.Sprintf("redeem invitation %d", inv.ID), err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return rules.ErrCodeRefused()
	}
	if err := link(ctx, tx, u, inv.RequestID, by, now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE requests SET filer_id = ?, updated_at = ?
		WHERE id = ? AND filer_id IN (SELECT id FROM users WHERE role = ?)`, u.ID, now.Unix(), inv.RequestID, domain.RoleStaff); err != nil {
		return conn.Failed(fmt.Sprintf("give request %d its filer", inv.RequestID), err)
	}
	if inv.For == rules.ForCounsel {
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET answers = json_set(answers, '$.representation', 'representative')
			WHERE id = ?`, inv.RequestID); err != nil {
			return conn.Failed(fmt.Sprintf("mark request %d represented", inv.RequestID), err)
		}
	}
	if err := cases.AddEvent(ctx, tx, inv.RequestID, rules.EventRedeemed, u.ID, false, nil, now); err != nil {
		return err
	}
	if err := audit.Append(ctx, tx, now, u.ID, rules.AuditRedeem, inv.RequestID,
		"invitation="+strconv.FormatInt(inv.ID, 10)+" for="+string(inv.For)); err != nil {
		return err
	}
	return inbox.Notify(ctx, tx, by, KindRedeemed, inv.RequestID, now, nil)
}

// link makes the applicant record of request requestID u's, or shares it.
func link(ctx context.Context, tx *sql.Tx, u domain.User, requestID, by int64, now time.Time) error {
	var applicantID int64
	var held, hasOwn bool
	err := tx.QueryRowContext(ctx, `SELECT a.id, EXISTS (SELECT 1 FROM users s WHERE s.id = a.created_by AND s.role = ?),
		EXISTS (SELECT 1 FROM applicants o WHERE o.created_by = ? AND o.is_self = 1)
		FROM requests r JOIN applicants a ON a.id = r.applicant_id WHERE r.id = ?`, domain.RoleStaff, u.ID, requestID).
		Scan(&applicantID, &held, &hasOwn)
	if err != nil {
		return conn.Failed(fmt.Sprintf("load applicant of request %d", requestID), err)
	}
	if held && (u.Role == domain.RoleCounsel || !hasOwn) {
		_, err := tx.ExecContext(ctx, `UPDATE applicants SET created_by = ?, is_self = ?, updated_at = ? WHERE id = ?`,
			u.ID, u.Role == domain.RolePetitioner, now.Unix(), applicantID)
		return conn.Failed(fmt.Sprintf("give applicant %d its account", applicantID), err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO applicant_access (applicant_id, user_id, granted_by, granted_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (applicant_id, user_id) DO UPDATE SET granted_by = excluded.granted_by,
		granted_at = excluded.granted_at, revoked_by = NULL, revoked_at = NULL`, applicantID, u.ID, by, now.Unix())
	return conn.Failed(fmt.Sprintf("share applicant %d", applicantID), err)
}
