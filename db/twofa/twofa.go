// Package twofa is the store's room for the second factor: each account's
// TOTP secret, from enrolment to confirmation, the last step it accepted,
// and its recovery codes (stored as hashes only). The rules themselves
// (steps, skew, code shapes) are in db/domain/twofa.
//
// The secrets are sealed (db/keys: AES-GCM under a key derived from the
// portal's encryption key, bound to the account's row), so a copy of the
// database alone does not give anyone's codes.
package twofa

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/twofa"
)

// Factors reads and writes second factors.
type Factors struct{ *conn.Conn }

// Enrolment is a secret being set up, not yet confirmed with a code.
type Enrolment struct {
	Secret  string
	Address string // the otpauth:// address the QR code carries
}

// HasTOTP reports whether the account has a confirmed second factor.
func (db Factors) HasTOTP(ctx context.Context, userID int64) (bool, error) {
	var n int
	err := db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM totp_factors
		WHERE user_id = ? AND confirmed_at IS NOT NULL`, userID).Scan(&n)
	if err != nil {
		return false, conn.Failed(fmt.Sprintf("check second factor of user %d", userID), err)
	}
	return n == 1, nil
}

// StartTOTPEnrolment returns the account's unconfirmed secret, making one
// the first time, so that reloading the page shows the secret already
// scanned. An account whose factor is confirmed cannot enrol again here:
// that is a conflict.
func (db Factors) StartTOTPEnrolment(ctx context.Context, userID int64, account string) (Enrolment, error) {
	var e Enrolment
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var confirmed sql.NullInt64
		var stored string
		err := tx.QueryRowContext(ctx, `SELECT secret, confirmed_at FROM totp_factors WHERE user_id = ?`, userID).
			Scan(&stored, &confirmed)
		switch {
		case err == nil && confirmed.Valid:
			return domain.Errorf(domain.EConflict, "security.enrol.already")
		case err == nil:
			e.Secret, err = db.open(userID, stored)
			return err
		case !errors.Is(err, sql.ErrNoRows):
			return conn.Failed(fmt.Sprintf("load enrolment of user %d", userID), err)
		}
		if e.Secret, _, err = rules.NewKey(account, rand.Reader); err != nil {
			return domain.Internal(err)
		}
		if stored, err = db.seal(userID, e.Secret); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO totp_factors (user_id, secret, created_at) VALUES (?, ?, ?)`,
			userID, stored, db.Clock.Now().Unix())
		return conn.Failed(fmt.Sprintf("start enrolment of user %d", userID), err)
	})
	if err != nil {
		return Enrolment{}, err
	}
	e.Address = rules.Address(e.Secret, account)
	return e, nil
}

// ConfirmTOTPEnrolment checks a code against the unconfirmed secret; when
// it matches, the factor is confirmed, its step used, and a fresh set of
// recovery codes stored (as hashes) and returned, to be shown once.
func (db Factors) ConfirmTOTPEnrolment(ctx context.Context, userID int64, code string) ([]string, error) {
	codes, err := rules.NewRecoveryCodes(rand.Reader)
	if err != nil {
		return nil, domain.Internal(err)
	}
	now := db.Clock.Now()
	err = db.Write(ctx, func(tx *sql.Tx) error {
		var stored string
		err := tx.QueryRowContext(ctx, `SELECT secret FROM totp_factors WHERE user_id = ? AND confirmed_at IS NULL`,
			userID).Scan(&stored)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.EConflict, "security.enrol.already")
		} else if err != nil {
			return conn.Failed(fmt.Sprintf("load enrolment of user %d", userID), err)
		}
		secret, err := db.open(userID, stored)
		if err != nil {
			return err
		}
		step, ok := rules.Match(secret, code, now, 0)
		if !ok {
			return domain.Errorf(domain.EUnauthorized, "security.code.invalid")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE totp_factors SET confirmed_at = ?, last_step = ? WHERE user_id = ?`,
			now.Unix(), step, userID); err != nil {
			return conn.Failed(fmt.Sprintf("confirm enrolment of user %d", userID), err)
		}
		return replaceRecoveryCodes(ctx, tx, userID, codes)
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// replaceRecoveryCodes drops the account's recovery codes and stores codes.
func replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64, codes []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return conn.Failed(fmt.Sprintf("drop recovery codes of user %d", userID), err)
	}
	for _, c := range codes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)`,
			userID, rules.HashRecoveryCode(c)); err != nil {
			return conn.Failed(fmt.Sprintf("store recovery codes of user %d", userID), err)
		}
	}
	return nil
}

// VerifySecondFactor accepts either a current code from the app, whose
// step must come after the last one accepted (recorded in the same
// statement, so two requests racing with one code cannot both pass), or an
// unused recovery code, which is spent. Anything else is unauthorised.
func (db Factors) VerifySecondFactor(ctx context.Context, userID int64, code string) error {
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		code = rules.NormaliseCode(code)
		if !rules.IsTOTPCode(code) {
			return spendRecoveryCode(ctx, tx, userID, code, now.Unix())
		}
		var stored string
		var last int64
		err := tx.QueryRowContext(ctx, `SELECT secret, last_step FROM totp_factors
			WHERE user_id = ? AND confirmed_at IS NOT NULL`, userID).Scan(&stored, &last)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.EUnauthorized, "security.code.invalid")
		} else if err != nil {
			return conn.Failed(fmt.Sprintf("load second factor of user %d", userID), err)
		}
		secret, err := db.open(userID, stored)
		if err != nil {
			return err
		}
		step, ok := rules.Match(secret, code, now, last)
		if !ok {
			return domain.Errorf(domain.EUnauthorized, "security.code.invalid")
		}
		res, err := tx.ExecContext(ctx, `UPDATE totp_factors SET last_step = ? WHERE user_id = ? AND last_step < ?`,
			step, userID, step)
		if err != nil {
			return conn.Failed(fmt.Sprintf("record code step of user %d", userID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.EUnauthorized, "security.code.invalid")
		}
		return nil
	})
}

func spendRecoveryCode(ctx context.Context, tx *sql.Tx, userID int64, code string, now int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = ?
		WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`, now, userID, rules.HashRecoveryCode(code))
	if err != nil {
		return conn.Failed(fmt.Sprintf("spend recovery code of user %d", userID), err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EUnauthorized, "security.code.invalid")
	}
	return nil
}

// RecoveryCodesLeft counts the account's unused recovery codes.
func (db Factors) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`,
		userID).Scan(&n)
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("count recovery codes of user %d", userID), err)
	}
	return n, nil
}

// RemoveTOTP takes away the account's second factor and its recovery codes.
func (db Factors) RemoveTOTP(ctx context.Context, userID int64) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM totp_factors WHERE user_id = ?`, `DELETE FROM recovery_codes WHERE user_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, userID); err != nil {
				return conn.Failed(fmt.Sprintf("remove second factor of user %d", userID), err)
			}
		}
		return nil
	})
}
