// Package deadlines is the store of a case's time limits beyond the dates
// on the request: corrections of the admissibility date, extensions of the
// time limit and the applicant's requests for more time to answer a
// clarification. Each staff step is one write transaction with its audit
// entry and timeline event (cases.StaffTx); the rules are in
// db/domain/deadlines.
package deadlines

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
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// Store records and reads the time limits of cases.
type Store struct {
	*conn.Conn
	// AdmissibilityMonths is how long after receipt admissibility is due;
	// 0 takes rules.DefaultAdmissibilityMonths.
	AdmissibilityMonths int
}

// staffTx is cases.StaffTx for the secretariat's steps on time limits: the
// role is checked here too, whatever the route does.
func (s Store) staffTx(ctx context.Context, staff domain.User, requestID int64, action domain.AuditAction,
	fn func(tx *sql.Tx, r domain.Request, now time.Time) (string, error)) error {
	if err := staffrole.Require(staff, staffrole.TimeLimits); err != nil {
		return err
	}
	return cases.StaffTx(ctx, s.Conn, staff, requestID, action, fn)
}

// CorrectAdmissibility sets the admissibility date of a case found
// admissible to another day, with the reason, and moves its due date with
// it; an extended due date is kept (see rules.DueAfterCorrection), and warn
// reports that it now falls before the statutory date.
func (s Store) CorrectAdmissibility(ctx context.Context, staff domain.User, requestID int64, in rules.CorrectionInput) (warn bool, err error) {
	err = s.staffTx(ctx, staff, requestID, rules.AuditAdmissibilityCorrect, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		in.Reason = strings.TrimSpace(in.Reason)
		if errs := rules.ValidateCorrection(r, in, now); errs.Any() {
			return "", errs.Err()
		}
		to, _ := rules.ParseDay(in.Date)
		extended, err := hasExtension(ctx, tx, r.ID)
		if err != nil {
			return "", err
		}
		due, w, ok := rules.DueAfterCorrection(r, to, extended)
		warn = w
		var dueAt sql.NullInt64
		if ok {
			dueAt = sql.NullInt64{Int64: due.Unix(), Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET admissible_at = ?, due_at = ?, updated_at = ? WHERE id = ?`,
			to.Unix(), dueAt, now.Unix(), r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("correct admissibility date of request %d", r.ID), err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO admissibility_corrections (request_id, from_at, to_at, reason, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, r.ID, r.AdmissibleAt.Unix(), to.Unix(), in.Reason, staff.ID, now.Unix()); err != nil {
			return "", conn.Failed(fmt.Sprintf("record admissibility correction of request %d", r.ID), err)
		}
		detail := "from=" + r.AdmissibleAt.UTC().Format(time.DateOnly) + " to=" + in.Date
		return detail, cases.AddEvent(ctx, tx, r.ID, rules.EventAdmissibilityCorrected, staff.ID, false,
			map[string]string{"arg": in.Date}, now)
	})
	return warn, err
}

func hasExtension(ctx context.Context, tx *sql.Tx, requestID int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM time_limit_extensions WHERE request_id = ?`, requestID).Scan(&n)
	return n > 0, conn.Failed(fmt.Sprintf("count extensions of request %d", requestID), err)
}

// Extend extends the time limit of a pending case to a later day, with the
// reason (for the CCF only); then runs the hooks (telling the applicant).
func (s Store) Extend(ctx context.Context, staff domain.User, requestID int64, in rules.ExtensionInput, then ...inbox.Hook) error {
	return s.staffTx(ctx, staff, requestID, rules.AuditExtend, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		if err := rules.CanExtend(r); err != nil {
			return "", err
		}
		in.Reason = strings.TrimSpace(in.Reason)
		if errs := rules.ValidateExtension(r, in); errs.Any() {
			return "", errs.Err()
		}
		to, _ := rules.ParseDay(in.Date)
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET due_at = ?, updated_at = ? WHERE id = ?`, to.Unix(), now.Unix(), r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("extend time limit of request %d", r.ID), err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO time_limit_extensions (request_id, from_at, to_at, reason, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, r.ID, r.DueAt.Unix(), to.Unix(), in.Reason, staff.ID, now.Unix()); err != nil {
			return "", conn.Failed(fmt.Sprintf("record extension of request %d", r.ID), err)
		}
		if err := cases.AddEvent(ctx, tx, r.ID, rules.EventTimeLimitExtended, staff.ID, false, map[string]string{"arg": in.Date}, now); err != nil {
			return "", err
		}
		return "from=" + r.DueAt.UTC().Format(time.DateOnly) + " to=" + in.Date, inbox.Run(ctx, tx, r, now, then)
	})
}

// AskMoreTime records the applicant's request for more time to answer the
// clarification their case waits for. u must be allowed to act on the
// request (a live grant); anyone else gets not found.
func (s Store) AskMoreTime(ctx context.Context, u domain.User, requestID int64, in rules.MoreTimeInput) error {
	now := s.Clock.Now()
	return s.Write(ctx, func(tx *sql.Tx) error {
		r, err := cases.RequestFor(ctx, tx, requestID, u)
		if err != nil {
			return err
		}
		if r.IsDraft() {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		q, err := pendingClarification(ctx, tx, r)
		if err != nil {
			return err
		}
		t, err := Read(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := rules.CanAskMoreTime(q, t); err != nil {
			return err
		}
		in.Reason = strings.TrimSpace(in.Reason)
		if errs := rules.ValidateMoreTime(q.ReplyBy, in, now); errs.Any() {
			return errs.Err()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO more_time_requests (request_id, message_id, reason, proposed, asked_by, asked_at)
			VALUES (?, ?, ?, ?, ?, ?)`, r.ID, q.ID, in.Reason, in.Date, u.ID, now.Unix()); err != nil {
			return conn.Failed(fmt.Sprintf("ask more time on request %d", r.ID), err)
		}
		return cases.AddEvent(ctx, tx, r.ID, rules.EventMoreTimeAsked, u.ID, false,
			map[string]string{"arg": in.Date, "text": in.Reason}, now)
	})
}

// pendingClarification is the clarification r waits for an answer to, or
// nil if it waits for none.
func pendingClarification(ctx context.Context, q conn.Queryer, r domain.Request) (*domain.Message, error) {
	if r.Status != domain.StatusAwaitingApplicant {
		return nil, nil
	}
	m := domain.Message{RequestID: r.ID, Kind: domain.MessageClarification}
	err := q.QueryRowContext(ctx, `SELECT m.id, m.reply_by FROM messages m WHERE m.request_id = ? AND m.kind = 'clarification'
		AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.in_reply_to = m.id) ORDER BY m.id DESC LIMIT 1`, r.ID).Scan(&m.ID, &m.ReplyBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load pending clarification of request %d", r.ID), err)
	}
	return &m, nil
}

// AnswerMoreTime grants (moving the clarification's reply-by date, whose
// reminder is then sent again before the new date) or refuses the pending
// request for more time id on a case, then runs the hooks (telling the
// applicant).
func (s Store) AnswerMoreTime(ctx context.Context, staff domain.User, requestID, id int64, in rules.AnswerInput, then ...inbox.Hook) error {
	return s.staffTx(ctx, staff, requestID, rules.AuditMoreTimeAnswer, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		var messageID int64
		var replyBy string
		err := tx.QueryRowContext(ctx, `SELECT t.message_id, m.reply_by FROM more_time_requests t JOIN messages m ON m.id = t.message_id
			WHERE t.id = ? AND t.request_id = ? AND t.answer = ''`, id, r.ID).Scan(&messageID, &replyBy)
		if errors.Is(err, sql.ErrNoRows) {
			return "", domain.Errorf(domain.EConflict, "deadlines.more_time.not_pending")
		} else if err != nil {
			return "", conn.Failed(fmt.Sprintf("load request for more time %d", id), err)
		}
		in.Message = strings.TrimSpace(in.Message)
		if errs := rules.ValidateAnswer(replyBy, in, now); errs.Any() {
			return "", errs.Err()
		}
		granted, kind, data := "", rules.EventMoreTimeRefused, map[string]string{"text": in.Message}
		if in.Answer == domain.MoreTimeGranted {
			granted, kind, data["arg"] = in.Date, rules.EventMoreTimeGranted, in.Date
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET reply_by = ?, reminded_at = NULL WHERE id = ?`, in.Date, messageID); err != nil {
				return "", conn.Failed(fmt.Sprintf("move reply-by date of message %d", messageID), err)
			}
		}
		if in.Message == "" {
			delete(data, "text")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE more_time_requests SET answer = ?, granted = ?, message = ?, answered_by = ?, answered_at = ?
			WHERE id = ?`, in.Answer, granted, in.Message, staff.ID, now.Unix(), id); err != nil {
			return "", conn.Failed(fmt.Sprintf("answer request for more time %d", id), err)
		}
		if err := cases.AddEvent(ctx, tx, r.ID, kind, staff.ID, false, data, now); err != nil {
			return "", err
		}
		return "more_time=" + strconv.FormatInt(id, 10) + " answer=" + in.Answer, inbox.Run(ctx, tx, r, now, then)
	})
}
