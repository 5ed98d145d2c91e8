package accounts

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// Session is a server-side session row. The token itself is never stored:
// only its SHA-256, so reading the database does not yield usable cookies.
type Session struct {
	Token      string // the random value the cookie carries; empty when loaded
	UserID     int64  // 0 for a visitor who has not signed in
	CSRFToken  string
	Data       []byte
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute expiry, whatever the activity
}

// HashToken is how a session or setup token is stored and looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession stores a new session under its token's hash.
func (db Accounts) CreateSession(ctx context.Context, s Session) error {
	_, err := db.Writer().ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, csrf_token, data, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, HashToken(s.Token), conn.NullID(s.UserID), s.CSRFToken, s.Data,
		s.CreatedAt.Unix(), s.LastSeenAt.Unix(), s.ExpiresAt.Unix())
	if err != nil {
		return conn.Failed("create session", err)
	}
	return nil
}

// SessionByToken loads a session that has not passed its absolute expiry.
// Idle expiry depends on the user's role, so the caller checks it.
func (db Accounts) SessionByToken(ctx context.Context, token string) (Session, error) {
	var s Session
	var uid sql.NullInt64
	var created, seen, expires int64
	err := db.Reader().QueryRowContext(ctx, `SELECT user_id, csrf_token, data, created_at, last_seen_at, expires_at
		FROM sessions WHERE id_hash = ? AND expires_at > ?`, HashToken(token), db.Clock.Now().Unix()).
		Scan(&uid, &s.CSRFToken, &s.Data, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	if err != nil {
		return Session{}, conn.Failed("load session", err)
	}
	s.Token, s.UserID = token, uid.Int64
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = time.Unix(created, 0).UTC(), time.Unix(seen, 0).UTC(), time.Unix(expires, 0).UTC()
	return s, nil
}

// UpdateSession saves a session's data and activity time.
func (db Accounts) UpdateSession(ctx context.Context, s Session) error {
	_, err := db.Writer().ExecContext(ctx, `UPDATE sessions SET user_id = ?, csrf_token = ?, data = ?, last_seen_at = ?
		WHERE id_hash = ?`, conn.NullID(s.UserID), s.CSRFToken, s.Data, s.LastSeenAt.Unix(), HashToken(s.Token))
	if err != nil {
		return conn.Failed("update session", err)
	}
	return nil
}

// DeleteSession removes a session, as at logout or when its id is replaced.
func (db Accounts) DeleteSession(ctx context.Context, token string) error {
	if _, err := db.Writer().ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, HashToken(token)); err != nil {
		return conn.Failed("delete session", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their absolute expiry or idle
// longer than maxIdle, and returns how many went.
func (db Accounts) DeleteExpiredSessions(ctx context.Context, maxIdle time.Duration) (int64, error) {
	now := db.Clock.Now()
	res, err := db.Writer().ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`,
		now.Unix(), now.Add(-maxIdle).Unix())
	if err != nil {
		return 0, conn.Failed("delete expired sessions", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
