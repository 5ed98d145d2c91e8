package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// RequestClarification asks the applicant for information or documents:
// the case waits for them until they answer (or staff resume it).
func (db *DB) RequestClarification(ctx context.Context, staff domain.User, requestID int64, in domain.ClarificationInput, then ...inbox.Hook) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditClarification, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		if errs := domain.ValidateClarification(in, now); errs.Any() {
			return "", errs.Err()
		}
		if err := cases.SetStatus(ctx, tx, r, domain.StatusAwaitingApplicant, now); err != nil {
			return "", err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO messages (request_id, author_id, kind, body, reply_by, prev_status, created_at)
			VALUES (?, ?, 'clarification', ?, ?, ?, ?)`, r.ID, staff.ID, strings.TrimSpace(in.Body), in.ReplyBy, r.Status, now.Unix())
		if err != nil {
			return "", conn.Failed(fmt.Sprintf("ask clarification on request %d", r.ID), err)
		}
		id, _ := res.LastInsertId()
		if err := inbox.Run(ctx, tx, r, now, then); err != nil {
			return "", err
		}
		return "message=" + strconv.FormatInt(id, 10), cases.AddEvent(ctx, tx, r.ID, domain.EventClarificationRequested, staff.ID, false,
			map[string]string{"arg": in.ReplyBy}, now)
	})
}

// openClarification is the latest clarification of a waiting request.
func openClarification(ctx context.Context, tx *sql.Tx, requestID int64) (domain.Message, error) {
	m := domain.Message{RequestID: requestID}
	err := tx.QueryRowContext(ctx, `SELECT id, prev_status FROM messages WHERE request_id = ? AND kind = 'clarification'
		ORDER BY id DESC LIMIT 1`, requestID).Scan(&m.ID, &m.PrevStatus)
	if errors.Is(err, sql.ErrNoRows) {
		return m, domain.Errorf(domain.EConflict, "clarify.nothing_pending")
	}
	return m, conn.Failed(fmt.Sprintf("load open clarification of request %d", requestID), err)
}

// ResumeExamination takes a waiting case back without a reply, e.g. once
// the reply-by date has passed.
func (db *DB) ResumeExamination(ctx context.Context, staff domain.User, requestID int64) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditResume, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		if r.Status != domain.StatusAwaitingApplicant {
			return "", domain.Errorf(domain.EConflict, "clarify.not_waiting")
		}
		m, err := openClarification(ctx, tx, r.ID)
		if err != nil {
			return "", err
		}
		to := domain.ResumeStatus(m.PrevStatus)
		if err := cases.SetStatus(ctx, tx, r, to, now); err != nil {
			return "", err
		}
		return "status=" + string(to), cases.AddEvent(ctx, tx, r.ID, domain.EventExaminationResumed, staff.ID, true, nil, now)
	})
}

// Messages returns a case's clarification thread with each message's files.
func (db *DB) Messages(ctx context.Context, requestID int64) ([]domain.Message, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT m.id, m.author_id, COALESCE(u.name, ''), m.kind, m.body, m.reply_by,
		COALESCE(m.in_reply_to, 0), m.created_at FROM messages m LEFT JOIN users u ON u.id = m.author_id
		WHERE m.request_id = ? ORDER BY m.id`, requestID)
	out, err := conn.Rows(fmt.Sprintf("list messages of request %d", requestID), rows, err, func(row conn.Scanner) (domain.Message, error) {
		m := domain.Message{RequestID: requestID}
		var at int64
		err := row.Scan(&m.ID, &m.AuthorID, &m.AuthorName, &m.Kind, &m.Body, &m.ReplyBy, &m.InReplyTo, &at)
		m.CreatedAt = conn.UnixTime(at)
		return m, err
	})
	if err != nil {
		return nil, err
	}
	return out, db.attachMessageDocuments(ctx, out)
}

func (db *DB) attachMessageDocuments(ctx context.Context, msgs []domain.Message) error {
	for i := range msgs {
		if msgs[i].Kind != domain.MessageReply {
			continue
		}
		rows, err := db.Reader().QueryContext(ctx, `SELECT `+cases.DocumentColumns+` FROM documents
			WHERE id IN (SELECT document_id FROM message_documents WHERE message_id = ?) ORDER BY id`, msgs[i].ID)
		docs, err := conn.Rows(fmt.Sprintf("list documents of message %d", msgs[i].ID), rows, err, cases.ScanDocument)
		if err != nil {
			return err
		}
		msgs[i].Documents = docs
	}
	return nil
}
