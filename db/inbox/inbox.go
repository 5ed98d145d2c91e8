// Package inbox is the store's room for notifications: each is an entry in
// the account's in-portal inbox, written in the transaction of the event
// it tells of, together with a content-free e-mail saying there is news.
package inbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// Inbox reads and writes notifications.
type Inbox struct{ *conn.Conn }

// Kind is what a notification tells of.
type Kind string

// The kinds of notification.
const (
	KindReceived      Kind = "received"            // the CCF received a request
	KindClarification Kind = "clarification"       // the CCF asked for clarification
	KindHelpAnswer    Kind = "help_answer"         // the secretariat answered a help request
	KindReplyReminder Kind = "reply_reminder"      // a reply-by date is near
	KindDecisionSent  Kind = "decision_sent"       // the CCF sent its decision
	KindMeasures      Kind = "measures"            // provisional measures were granted or refused
	KindExtended      Kind = "time_limit_extended" // the CCF extended the time limit
	KindMoreTime      Kind = "more_time_answered"  // the CCF answered a request for more time
	KindCertificate   Kind = "certificate"         // the CCF answered an application for a certificate
)

// Note is one inbox entry.
type Note struct {
	ID          int64
	Kind        Kind
	RequestID   int64
	ApplicantID int64 // the applicant's record an access notice is about
	CreatedAt   time.Time
	Read        bool
}

// Hook runs inside the transaction of an action on request r, after it:
// the store's actions take hooks so that what the action causes elsewhere
// (a notification) commits or rolls back with it.
type Hook func(ctx context.Context, tx *sql.Tx, r domain.Request, now time.Time) error

// Run runs hooks in order.
func Run(ctx context.Context, tx *sql.Tx, r domain.Request, now time.Time, hooks []Hook) error {
	for _, h := range hooks {
		if err := h(ctx, tx, r, now); err != nil {
			return err
		}
	}
	return nil
}

// NotifyFiler is the hook that tells the request's filer of kind: an inbox
// entry, and compose's e-mail in their language.
func NotifyFiler(kind Kind, compose func(domain.User) outbox.Message) Hook {
	return func(ctx context.Context, tx *sql.Tx, r domain.Request, now time.Time) error {
		return Notify(ctx, tx, r.FilerID, kind, r.ID, now, compose)
	}
}

// Notify tells account userID of kind inside the transaction tx: an inbox
// entry about request requestID (0 for news outside any request), and
// compose's e-mail in the account's language.
func Notify(ctx context.Context, tx *sql.Tx, userID int64, kind Kind, requestID int64, now time.Time,
	compose func(domain.User) outbox.Message) error {
	return notify(ctx, tx, entry{userID: userID, kind: kind, requestID: requestID}, now, compose)
}

// entry is an inbox entry to write: for whom, of what kind, and the
// request or applicant's record it is about (0 for none).
type entry struct {
	userID, requestID, applicantID int64
	kind                           Kind
}

// notify writes e and, when compose is given and the account chose the
// news e-mail, queues compose's message.
func notify(ctx context.Context, tx *sql.Tx, e entry, now time.Time, compose func(domain.User) outbox.Message) error {
	u, err := accounts.UserIn(ctx, tx, e.userID)
	if err != nil {
		return conn.Failed(fmt.Sprintf("load user %d to notify", e.userID), err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (user_id, kind, request_id, applicant_id, created_at)
		VALUES (?, ?, ?, ?, ?)`, u.ID, e.kind, conn.NullID(e.requestID), conn.NullID(e.applicantID), now.Unix()); err != nil {
		return conn.Failed(fmt.Sprintf("notify user %d", u.ID), err)
	}
	if compose == nil {
		return nil
	}
	on, err := emailNews(ctx, tx, u.ID)
	if err != nil || !on {
		return err
	}
	return outbox.Queue(ctx, tx, now, compose(u))
}

// emailNews reads whether the account receives the "there is news" e-mail.
func emailNews(ctx context.Context, q conn.Queryer, userID int64) (bool, error) {
	var on bool
	err := q.QueryRowContext(ctx, `SELECT email_news FROM users WHERE id = ?`, userID).Scan(&on)
	return on, conn.Failed(fmt.Sprintf("read e-mail choice of user %d", userID), err)
}

// EmailNews reports whether the account receives the e-mail that says
// there is news; the inbox entry is made either way.
func (i Inbox) EmailNews(ctx context.Context, userID int64) (bool, error) {
	return emailNews(ctx, i.Reader(), userID)
}

// SetEmailNews turns the account's "there is news" e-mail on or off.
func (i Inbox) SetEmailNews(ctx context.Context, userID int64, on bool) error {
	return i.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET email_news = ? WHERE id = ?`, on, userID)
		return conn.Failed(fmt.Sprintf("set e-mail choice of user %d", userID), err)
	})
}

// NotifyStaff is the hook that tells every active staff member whose role
// is role that there is news, by the same e-mail that says nothing else:
// staff learn what it is from the queue, where urgent requests come first.
func NotifyStaff(role string, compose func(domain.User) outbox.Message) Hook {
	return func(ctx context.Context, tx *sql.Tx, r domain.Request, now time.Time) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+accounts.UserColumns+` FROM users
			WHERE role = ? AND staff_role = ? AND disabled_at IS NULL ORDER BY id`, domain.RoleStaff, role)
		staff, err := conn.Rows(fmt.Sprintf("list %s staff to notify of request %d", role, r.ID), rows, err, accounts.ScanUser)
		if err != nil {
			return err
		}
		for _, u := range staff {
			if err := outbox.Queue(ctx, tx, now, compose(u)); err != nil {
				return err
			}
		}
		return nil
	}
}

// InboxEntries lists an account's latest notifications, newest first.
func (i Inbox) InboxEntries(ctx context.Context, userID int64, limit int) ([]Note, error) {
	rows, err := i.Reader().QueryContext(ctx, `SELECT id, kind, COALESCE(request_id, 0), COALESCE(applicant_id, 0), created_at, read_at IS NOT NULL
		FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, limit)
	return conn.Rows(fmt.Sprintf("list notifications of user %d", userID), rows, err, func(row conn.Scanner) (Note, error) {
		var n Note
		var at int64
		err := row.Scan(&n.ID, &n.Kind, &n.RequestID, &n.ApplicantID, &at, &n.Read)
		n.CreatedAt = conn.UnixTime(at)
		return n, err
	})
}

// UnreadCount counts an account's unread notifications.
func (i Inbox) UnreadCount(ctx context.Context, userID int64) (int, error) {
	var n int
	err := i.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	return n, conn.Failed(fmt.Sprintf("count unread notifications of user %d", userID), err)
}

// MarkInboxRead marks every notification of the account up to id read.
func (i Inbox) MarkInboxRead(ctx context.Context, userID, upTo int64) error {
	return i.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE notifications SET read_at = ? WHERE user_id = ? AND id <= ? AND read_at IS NULL`,
			i.Clock.Now().Unix(), userID, upTo)
		return conn.Failed(fmt.Sprintf("mark notifications of user %d read", userID), err)
	})
}
