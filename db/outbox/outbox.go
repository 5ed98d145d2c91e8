// Package outbox is the store's room for e-mail waiting to be sent: a
// message is queued inside the transaction of the event that causes it,
// and a sender claims due messages, reports each delivery, and retries
// failures later with a growing, bounded delay.
package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
)

// Outbox reads and writes the queued messages.
type Outbox struct{ *conn.Conn }

// Message is one e-mail as the portal composed it: plain text, already in
// the recipient's language.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Pending is a message a sender has claimed.
type Pending struct {
	ID int64
	Message
	CreatedAt time.Time
	// Attempt counts this one: 1 for the first try.
	Attempt int
}

// Retry bounds: the delay after the nth failure is RetryBase doubled n-1
// times, at most RetryMax; after MaxAttempts failures the message is given
// up (about a day of trying), so one bad address cannot clog the queue.
const (
	RetryBase   = time.Minute
	RetryMax    = time.Hour
	MaxAttempts = 30
)

// Backoff is how long to wait after the attempt-th failed delivery.
func Backoff(attempt int) time.Duration {
	d := RetryBase
	for i := 1; i < attempt && d < RetryMax; i++ {
		d *= 2
	}
	return min(d, RetryMax)
}

// Queue adds m inside the caller's transaction, due at once: the message
// exists exactly when the event that caused it does.
func Queue(ctx context.Context, tx *sql.Tx, at time.Time, m Message) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at)
		VALUES (?, ?, ?, ?, ?)`, m.To, m.Subject, m.Body, at.Unix(), at.Unix())
	return conn.Failed("queue e-mail", err)
}

// ClaimMail takes up to limit due messages for lease: none is handed to
// another claim until the lease ends, so two senders never send one message
// at once, and one whose sender died mid-delivery is tried again after it.
func (o Outbox) ClaimMail(ctx context.Context, lease time.Duration, limit int) ([]Pending, error) {
	now := o.Clock.Now().Unix()
	// Most polls find nothing: asked of the read pool first, they take
	// no write lock from the portal's own writes.
	var due int
	if err := o.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL
		AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)`, now, now).Scan(&due); err != nil {
		return nil, conn.Failed("look for due e-mail", err)
	}
	if due == 0 {
		return nil, nil
	}
	var out []Pending
	err := o.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, recipient, subject, body, created_at, attempts FROM outbox
			WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?
			AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, id LIMIT ?`, now, now, limit)
		out, err = conn.Rows("list due e-mail", rows, err, func(row conn.Scanner) (Pending, error) {
			var p Pending
			var created int64
			err := row.Scan(&p.ID, &p.To, &p.Subject, &p.Body, &created, &p.Attempt)
			p.CreatedAt, p.Attempt = conn.UnixTime(created), p.Attempt+1
			return p, err
		})
		if err != nil {
			return err
		}
		for _, p := range out {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET lease_until = ?, attempts = ? WHERE id = ?`,
				now+int64(lease/time.Second), p.Attempt, p.ID); err != nil {
				return conn.Failed(fmt.Sprintf("claim e-mail %d", p.ID), err)
			}
		}
		return nil
	})
	return out, err
}

// MarkMailSent records that the mail server accepted message id, and
// forgets its body.
func (o Outbox) MarkMailSent(ctx context.Context, id int64) error {
	return o.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET sent_at = ?, lease_until = NULL, body = '' WHERE id = ?`,
			o.Clock.Now().Unix(), id)
		return conn.Failed(fmt.Sprintf("mark e-mail %d sent", id), err)
	})
}

// MarkMailFailed releases message id after its attempt-th delivery failed:
// due again after Backoff(attempt), or given up after MaxAttempts. It
// reports when the next attempt is due, or false when there is none.
func (o Outbox) MarkMailFailed(ctx context.Context, id int64, attempt int) (time.Time, bool, error) {
	now := o.Clock.Now()
	next := now.Add(Backoff(attempt))
	retry := attempt < MaxAttempts
	err := o.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if retry {
			_, err = tx.ExecContext(ctx, `UPDATE outbox SET lease_until = NULL, next_attempt_at = ? WHERE id = ?`, next.Unix(), id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE outbox SET lease_until = NULL, given_up_at = ?, body = '' WHERE id = ?`, now.Unix(), id)
		}
		return conn.Failed(fmt.Sprintf("release e-mail %d", id), err)
	})
	return next, retry, err
}

// MailWaiting counts the messages not sent yet and not given up.
func (o Outbox) MailWaiting(ctx context.Context) (int, error) {
	var n int
	err := o.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL`).Scan(&n)
	return n, conn.Failed("count waiting e-mail", err)
}
