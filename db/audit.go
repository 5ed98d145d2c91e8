package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// AuditAction names what a staff member did to a case.
type AuditAction string

// Audited actions: every staff read or change of a case.
const (
	AuditCaseView       AuditAction = "case_view"
	AuditDownload       AuditAction = "document_download"
	AuditAdmissibility  AuditAction = "admissibility"
	AuditClarification  AuditAction = "clarification_send"
	AuditResume         AuditAction = "clarification_resume"
	AuditNote           AuditAction = "note_add"
	AuditMeasure        AuditAction = "measure_record"
	AuditMeasureLift    AuditAction = "measure_lift"
	AuditDecision       AuditAction = "decision_record"
	AuditNoticeIssue    AuditAction = "notice_issue"
	AuditNoticeAck      AuditAction = "notice_acknowledge"
	AuditAssign         AuditAction = "case_assign"
	AuditTrailView      AuditAction = "audit_view"
	AuditSeed           AuditAction = "store_seed"
	auditGenesisHashHex             = "0000000000000000000000000000000000000000000000000000000000000000"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   int64
	ActorName string
	Action    AuditAction
	RequestID int64
	Detail    string
	PrevHash  string
	Hash      string
}

// auditHash is SHA-256 over a canonical encoding of the entry: every field
// as its decimal length, a colon and its bytes, so no two different entries
// encode alike whatever their content.
func auditHash(prev string, id, at, actor int64, action AuditAction, requestID int64, detail string) string {
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

// appendAudit adds an entry inside the caller's transaction, so the record
// exists exactly when the action it records does. The single write
// connection serialises transactions, so reading the chain's head here is
// race-free.
func appendAudit(ctx context.Context, tx *sql.Tx, at time.Time, actorID int64, action AuditAction, requestID int64, detail string) error {
	var lastID int64
	prev := auditGenesisHashHex
	err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&lastID, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Internal(err)
	}
	id, sec := lastID+1, at.Unix()
	hash := auditHash(prev, id, sec, actorID, action, requestID, detail)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, action, request_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, sec, actorID, action, requestID, detail, prev, hash)
	return wrapInternal(err)
}

// AuditTrail lists the audit entries about one request, oldest first.
func (db *DB) AuditTrail(ctx context.Context, requestID int64) ([]AuditEntry, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.at, a.actor_id, COALESCE(u.name, ''), a.action, a.request_id,
		a.detail, a.prev_hash, a.hash FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.request_id = ? ORDER BY a.id`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.ActorName, &e.Action, &e.RequestID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, Internal(err)
		}
		e.At = unixTime(at)
		out = append(out, e)
	}
	return out, wrapInternal(rows.Err())
}
