package twofa

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/keys"
)

// secretRow names the row a secret is sealed for: a secret copied into
// another account's row does not open there.
func secretRow(userID int64) string { return "totp_factors:" + strconv.FormatInt(userID, 10) }

// seal encrypts an account's TOTP secret for its row.
func (db Factors) seal(userID int64, secret string) (string, error) {
	s, err := db.Keys.Seal([]byte(secret), secretRow(userID))
	if err != nil {
		return "", domain.Internal(fmt.Errorf("seal second factor of user %d: %w", userID, err))
	}
	return s, nil
}

// open decrypts an account's stored TOTP secret. A value that is not
// sealed for this row with this key is refused rather than used: it was
// altered or moved, and a planted secret must not let anyone in.
func (db Factors) open(userID int64, stored string) (string, error) {
	plain, err := db.Keys.Open(stored, secretRow(userID))
	if err != nil {
		return "", domain.Internal(fmt.Errorf("open second factor of user %d: %w", userID, err))
	}
	return string(plain), nil
}

// SealStoredSecrets seals every TOTP secret still stored in clear (as
// the portal kept them before secrets were sealed), once the portal's keys
// are loaded. Run at start; it finds nothing to do after the first time.
func (db Factors) SealStoredSecrets(ctx context.Context) (int, error) {
	sealed := 0
	err := db.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT user_id, secret FROM totp_factors`)
		if err != nil {
			return conn.Failed("list second factors", err)
		}
		clear := map[int64]string{}
		for rows.Next() {
			var id int64
			var secret string
			if err := rows.Scan(&id, &secret); err != nil {
				rows.Close()
				return conn.Failed("read second factor", err)
			}
			if !keys.IsSealed(secret) {
				clear[id] = secret
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return conn.Failed("list second factors", err)
		}
		for id, secret := range clear {
			s, err := db.seal(id, secret)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE totp_factors SET secret = ? WHERE user_id = ?`, s, id); err != nil {
				return conn.Failed(fmt.Sprintf("seal second factor of user %d", id), err)
			}
			sealed++
		}
		return nil
	})
	return sealed, err
}
