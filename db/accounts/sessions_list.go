package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// ActiveSession is one signed-in session of an account, as its owner sees
// it in their list: when it began and was last used, and whether it is the
// one they are reading with. Nothing about where it comes from is stored.
type ActiveSession struct {
	// Ref names the session in the owner's forms: the start of its token's
	// hash, which cannot be turned back into a cookie.
	Ref        string
	CreatedAt  time.Time
	LastSeenAt time.Time
	Current    bool
}

// sessionRefLength is how many hex digits of the hash name a session: 64
// bits, unique among one account's few sessions.
const sessionRefLength = 16

// UserSessions lists the account's live sessions, the most recently used
// first: those past their absolute expiry or idle longer than maxIdle are
// over and left out.
func (db Accounts) UserSessions(ctx context.Context, userID int64, currentToken string, maxIdle time.Duration) ([]ActiveSession, error) {
	now := db.Clock.Now()
	current := HashToken(currentToken)
	rows, err := db.Reader().QueryContext(ctx, `SELECT id_hash, created_at, last_seen_at FROM sessions
		WHERE user_id = ? AND expires_at > ? AND last_seen_at >= ? ORDER BY last_seen_at DESC, created_at DESC`,
		userID, now.Unix(), now.Add(-maxIdle).Unix())
	return conn.Rows(fmt.Sprintf("list sessions of user %d", userID), rows, err, func(row conn.Scanner) (ActiveSession, error) {
		var hash string
		var created, seen int64
		if err := row.Scan(&hash, &created, &seen); err != nil {
			return ActiveSession{}, err
		}
		return ActiveSession{Ref: hash[:sessionRefLength], CreatedAt: conn.UnixTime(created),
			LastSeenAt: conn.UnixTime(seen), Current: hash == current}, nil
	})
}

// EndSession ends one of the account's own sessions, named by its Ref. A
// session of another account, or one already over, is not found.
func (db Accounts) EndSession(ctx context.Context, userID int64, ref string) error {
	if len(ref) != sessionRefLength {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	res, err := db.Writer().ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND substr(id_hash, 1, ?) = ?`,
		userID, sessionRefLength, ref)
	if err != nil {
		return conn.Failed(fmt.Sprintf("end a session of user %d", userID), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return nil
}

// EndOtherSessions ends every session of the account but the one whose
// token is keepToken.
func (db Accounts) EndOtherSessions(ctx context.Context, userID int64, keepToken string) error {
	return db.Write(ctx, func(tx *sql.Tx) error { return endOtherSessions(ctx, tx, userID, keepToken) })
}

func endOtherSessions(ctx context.Context, tx *sql.Tx, userID int64, keepToken string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?`, userID, HashToken(keepToken))
	return conn.Failed(fmt.Sprintf("end other sessions of user %d", userID), err)
}
