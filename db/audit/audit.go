package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

const auditGenesisHashHex = "0000000000000000000000000000000000000000000000000000000000000000"

// auditHash is SHA-256 over a canonical encoding of the entry: every field
// as its decimal length, a colon and its bytes, so no two different entries
// encode alike whatever their content.
func auditHash(prev string, id, at, actor int64, action domain.AuditAction, requestID int64, detail string) string {
	var b strings.Builder
	for _, f := range []string{"ccf-audit-v1", prev, strconv.FormatInt(id, 10), strconv.FormatInt(at, 10),
		strconv.FormatInt(actor, 10), string(action), strconv.FormatInt(requestID, 10), detail} {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// AppendAudit adds an entry inside the caller's transaction, so the record
// exists exactly when the action it records does. The single write
// connection serialises transactions, so reading the chain's head here is
// race-free.
func Append(ctx context.Context, tx *sql.Tx, at time.Time, actorID int64, action domain.AuditAction, requestID int64, detail string) error {
	var lastID int64
	prev := auditGenesisHashHex
	err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&lastID, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return conn.Failed("read head of audit chain", err)
	}
	id, sec := lastID+1, at.Unix()
	hash := auditHash(prev, id, sec, actorID, action, requestID, detail)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, action, request_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, sec, actorID, action, requestID, detail, prev, hash)
	return conn.Failed(fmt.Sprintf("append %s on request %d to audit chain", action, requestID), err)
}

// AuditTrail lists the audit entries about one request, oldest first.
func (db Log) AuditTrail(ctx context.Context, requestID int64) ([]domain.AuditEntry, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT a.id, a.at, a.actor_id, COALESCE(u.name, ''), a.action, a.request_id,
		a.detail, a.prev_hash, a.hash FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.request_id = ? ORDER BY a.id`, requestID)
	return conn.Rows(fmt.Sprintf("list audit trail of request %d", requestID), rows, err, func(row conn.Scanner) (domain.AuditEntry, error) {
		var e domain.AuditEntry
		var at int64
		err := row.Scan(&e.ID, &at, &e.ActorID, &e.ActorName, &e.Action, &e.RequestID, &e.Detail, &e.PrevHash, &e.Hash)
		e.At = conn.UnixTime(at)
		return e, err
	})
}
