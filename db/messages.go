package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Message kinds: staff ask, the applicant replies.
const (
	MessageClarification = "clarification"
	MessageReply         = "reply"
)

// Message is one entry of a case's clarification thread, which the staff
// and the applicant both see.
type Message struct {
	ID         int64
	RequestID  int64
	AuthorID   int64
	AuthorName string
	Kind       string
	Body       string
	ReplyBy    string // YYYY-MM-DD, for a clarification
	InReplyTo  int64
	CreatedAt  time.Time
	Documents  []Document
	prevStatus Status
}

// ClarificationInput is what staff send when asking for information.
type ClarificationInput struct {
	Body    string
	ReplyBy string // YYYY-MM-DD
}

// ValidateClarification needs a question and a reply-by date after today.
func ValidateClarification(in ClarificationInput, now time.Time) FieldErrors {
	var errs FieldErrors
	checkText(&errs, "body", in.Body, "clarify.body_required")
	d, err := time.Parse(time.DateOnly, in.ReplyBy)
	switch {
	case in.ReplyBy == "":
		errs.Add("reply_by", "clarify.reply_by_required")
	case err != nil:
		errs.Add("reply_by", "answer.date_invalid")
	case !d.After(now):
		errs.Add("reply_by", "answer.date_must_be_future")
	}
	return errs
}

// checkText requires a non-blank text of reasonable length.
func checkText(errs *FieldErrors, field, v, requiredKey string) {
	if strings.TrimSpace(v) == "" {
		errs.Add(field, requiredKey)
	} else if utf8.RuneCountInString(v) > MaxReasonRunes {
		errs.Add(field, "answer.too_long", MaxReasonRunes)
	}
}

// RequestClarification asks the applicant for information or documents:
// the case waits for them until they answer (or staff resume it).
func (db *DB) RequestClarification(ctx context.Context, staff User, requestID int64, in ClarificationInput) error {
	return db.staffTx(ctx, staff, requestID, AuditClarification, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		if errs := ValidateClarification(in, now); errs.Any() {
			return "", errs.Err()
		}
		if err := setStatus(ctx, tx, r, StatusAwaitingApplicant, now); err != nil {
			return "", err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO messages (request_id, author_id, kind, body, reply_by, prev_status, created_at)
			VALUES (?, ?, 'clarification', ?, ?, ?, ?)`, r.ID, staff.ID, strings.TrimSpace(in.Body), in.ReplyBy, r.Status, now.Unix())
		if err != nil {
			return "", Internal(err)
		}
		id, _ := res.LastInsertId()
		return "message=" + fmtID(id), addEvent(ctx, tx, r.ID, EventClarificationRequested, staff.ID, false,
			map[string]string{"arg": in.ReplyBy}, now)
	})
}

// resumeStatus is where a waiting case goes back to: a question asked before
// admissibility returns it to the admissibility check, any later one to
// the examination.
func resumeStatus(prev Status) Status {
	if prev == StatusSubmitted {
		return StatusSubmitted
	}
	return StatusUnderReview
}

// openClarification is the latest clarification of a waiting request.
func openClarification(ctx context.Context, tx *sql.Tx, requestID int64) (Message, error) {
	m := Message{RequestID: requestID}
	err := tx.QueryRowContext(ctx, `SELECT id, prev_status FROM messages WHERE request_id = ? AND kind = 'clarification'
		ORDER BY id DESC LIMIT 1`, requestID).Scan(&m.ID, &m.prevStatus)
	if errors.Is(err, sql.ErrNoRows) {
		return m, Errorf(EConflict, "clarify.nothing_pending")
	}
	return m, wrapInternal(err)
}

// ResumeExamination takes a waiting case back without a reply, e.g. once
// the reply-by date has passed.
func (db *DB) ResumeExamination(ctx context.Context, staff User, requestID int64) error {
	return db.staffTx(ctx, staff, requestID, AuditResume, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		if r.Status != StatusAwaitingApplicant {
			return "", Errorf(EConflict, "clarify.not_waiting")
		}
		m, err := openClarification(ctx, tx, r.ID)
		if err != nil {
			return "", err
		}
		to := resumeStatus(m.prevStatus)
		if err := setStatus(ctx, tx, r, to, now); err != nil {
			return "", err
		}
		return "status=" + string(to), addEvent(ctx, tx, r.ID, EventExaminationResumed, staff.ID, true, nil, now)
	})
}

// Messages returns a case's clarification thread with each message's files.
func (db *DB) Messages(ctx context.Context, requestID int64) ([]Message, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT m.id, m.author_id, COALESCE(u.name, ''), m.kind, m.body, m.reply_by,
		COALESCE(m.in_reply_to, 0), m.created_at FROM messages m LEFT JOIN users u ON u.id = m.author_id
		WHERE m.request_id = ? ORDER BY m.id`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m := Message{RequestID: requestID}
		var at int64
		if err := rows.Scan(&m.ID, &m.AuthorID, &m.AuthorName, &m.Kind, &m.Body, &m.ReplyBy, &m.InReplyTo, &at); err != nil {
			return nil, Internal(err)
		}
		m.CreatedAt = unixTime(at)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, Internal(err)
	}
	return out, db.attachMessageDocuments(ctx, out)
}

func (db *DB) attachMessageDocuments(ctx context.Context, msgs []Message) error {
	for i := range msgs {
		if msgs[i].Kind != MessageReply {
			continue
		}
		rows, err := db.read.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents
			WHERE id IN (SELECT document_id FROM message_documents WHERE message_id = ?) ORDER BY id`, msgs[i].ID)
		if err != nil {
			return Internal(err)
		}
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				rows.Close()
				return err
			}
			msgs[i].Documents = append(msgs[i].Documents, d)
		}
		rows.Close()
	}
	return nil
}
