// Package helpdesk is the store's room for help requests: a signed-in
// person's questions about using the portal and the secretariat's answers.
// The rules are in db/domain/helpdesk.
package helpdesk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/helpdesk"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// Desk reads and writes help requests.
type Desk struct{ *conn.Conn }

const selectHelp = `SELECT h.id, h.user_id, u.name, u.email, h.topic, h.body, h.asked_at,
	COALESCE(h.answer, ''), COALESCE(s.name, ''), COALESCE(h.answered_at, 0)
	FROM help_requests h JOIN users u ON u.id = h.user_id LEFT JOIN users s ON s.id = h.answered_by `

// AskHelp stores a question from the person asker and returns its id.
func (db Desk) AskHelp(ctx context.Context, asker domain.User, topic, body string) (int64, error) {
	if errs := rules.ValidateQuestion(topic, body); errs.Any() {
		return 0, domain.Errorf(domain.EInvalid, "error.form_invalid")
	}
	var id int64
	err := db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO help_requests (user_id, topic, body, asked_at) VALUES (?, ?, ?, ?)`,
			asker.ID, topic, body, db.Clock.Now().Unix())
		if err != nil {
			return conn.Failed(fmt.Sprintf("store help request of user %d", asker.ID), err)
		}
		id, err = res.LastInsertId()
		return conn.Failed("read id of help request", err)
	})
	return id, err
}

// MyHelpRequests lists the person's own questions, newest first.
func (db Desk) MyHelpRequests(ctx context.Context, userID int64) ([]rules.Request, error) {
	rows, err := db.Reader().QueryContext(ctx, selectHelp+`WHERE h.user_id = ? ORDER BY h.id DESC`, userID)
	return conn.Rows(fmt.Sprintf("list help requests of user %d", userID), rows, err, scanHelp)
}

// HelpRequestsForStaff lists every question: the open ones first, oldest
// first, since they have waited longest; then the answered, newest first.
// The list is bounded; older answered ones stay in the store.
func (db Desk) HelpRequestsForStaff(ctx context.Context, limit int) ([]rules.Request, error) {
	rows, err := db.Reader().QueryContext(ctx, selectHelp+`ORDER BY h.answered_at IS NOT NULL,
		CASE WHEN h.answered_at IS NULL THEN h.id ELSE -h.id END LIMIT ?`, limit)
	return conn.Rows("list help requests for staff", rows, err, scanHelp)
}

// HelpRequest loads one question for staff member staff, and records the
// read in the audit log in the same transaction: the page shows who asked
// and their address, like a case does.
func (db Desk) HelpRequest(ctx context.Context, staff domain.User, id int64) (rules.Request, error) {
	var r rules.Request
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = loadHelp(ctx, tx, id); err != nil {
			return err
		}
		return audit.Append(ctx, tx, db.Clock.Now(), staff.ID, rules.AuditView, 0, fmt.Sprintf("help request %d", id))
	})
	return r, err
}

// AnswerHelp records the answer of staff member staff to question id,
// once, with its audit entry and the asker's notification (news, composed
// in their language) in the same transaction.
func (db Desk) AnswerHelp(ctx context.Context, staff domain.User, id int64, answer string,
	news func(domain.User) outbox.Message) error {
	if errs := rules.ValidateAnswer(answer); errs.Any() {
		return domain.Errorf(domain.EInvalid, "error.form_invalid")
	}
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		cur, err := loadHelp(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := rules.CanAnswer(cur); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE help_requests SET answer = ?, answered_by = ?, answered_at = ?
			WHERE id = ? AND answered_at IS NULL`, answer, staff.ID, now.Unix(), id)
		if err != nil {
			return conn.Failed(fmt.Sprintf("answer help request %d", id), err)
		}
		if err := audit.Append(ctx, tx, now, staff.ID, rules.AuditAnswer, 0, fmt.Sprintf("help request %d", id)); err != nil {
			return err
		}
		return inbox.Notify(ctx, tx, cur.UserID, inbox.KindHelpAnswer, 0, now, news)
	})
}

func loadHelp(ctx context.Context, q conn.Queryer, id int64) (rules.Request, error) {
	r, err := scanHelp(q.QueryRowContext(ctx, selectHelp+`WHERE h.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return r, conn.Failed(fmt.Sprintf("load help request %d", id), err)
}

func scanHelp(row conn.Scanner) (rules.Request, error) {
	var r rules.Request
	var asked, answered int64
	err := row.Scan(&r.ID, &r.UserID, &r.AskerName, &r.AskerEmail, &r.Topic, &r.Body, &asked,
		&r.Answer, &r.AnsweredBy, &answered)
	r.AskedAt, r.AnsweredAt = conn.UnixTime(asked), conn.UnixTime(answered)
	return r, err
}
