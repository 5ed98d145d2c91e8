package staffnotice

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// Digest is what the daily digest says: counts, never a name, a
// reference or a country. New, Urgent and Replies count the last 24
// hours; Overdue counts the consultations open past their reply date now;
// DueSoon and PastDue the pending cases whose time limit falls within the
// next 14 days, or has passed.
type Digest struct {
	New, Urgent, Replies, Overdue, DueSoon, PastDue int
}

// dueSoonDays is how far ahead the digest looks for time limits.
const dueSoonDays = 14

// pendingCase is a case still before the CCF.
const pendingCase = `status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant')`

// SendDigests queues, once the UTC hour has reached hour, the day's digest
// to each active secretariat member who has not had it yet today, and
// records it in the same transaction, so that a restart sends nobody a
// second one. It returns how many were queued.
func (n Staff) SendDigests(ctx context.Context, hour int, compose func(domain.User, Digest) outbox.Message) (int, error) {
	now := n.Clock.Now().UTC()
	if now.Hour() < hour {
		return 0, nil
	}
	day := now.Format(time.DateOnly)
	sent := 0
	err := n.Write(ctx, func(tx *sql.Tx) error {
		staff, err := activeSecretariat(ctx, tx)
		if err != nil {
			return err
		}
		var d *Digest
		for _, u := range staff {
			res, err := tx.ExecContext(ctx, `INSERT INTO digests_sent (user_id, day, sent_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING`, u.ID, day, now.Unix())
			if err != nil {
				return conn.Failed(fmt.Sprintf("record digest of user %d", u.ID), err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue // had today's already
			}
			if d == nil {
				if d, err = counts(ctx, tx, now); err != nil {
					return err
				}
			}
			if err := outbox.Queue(ctx, tx, now, compose(u, *d)); err != nil {
				return err
			}
			sent++
		}
		return nil
	})
	return sent, err
}

// counts reads the digest's figures at now.
func counts(ctx context.Context, tx *sql.Tx, now time.Time) (*Digest, error) {
	since := now.Add(-24 * time.Hour).Unix()
	var d Digest
	err := tx.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM requests WHERE submitted_at > ? AND submitted_at <= ?),
		(SELECT COUNT(*) FROM requests WHERE submitted_at > ? AND submitted_at <= ?
			AND (kind = 'provisional_measures' OR event_at IS NOT NULL)),
		(SELECT COUNT(*) FROM messages WHERE kind = 'reply' AND created_at > ? AND created_at <= ?),
		(SELECT COUNT(*) FROM consultations WHERE replied_on = '' AND no_reply_on = '' AND reply_due < ?),
		(SELECT COUNT(*) FROM requests WHERE `+pendingCase+` AND due_at >= ? AND due_at < ?),
		(SELECT COUNT(*) FROM requests WHERE `+pendingCase+` AND due_at > 0 AND due_at < ?)`,
		since, now.Unix(), since, now.Unix(), since, now.Unix(), now.Format(time.DateOnly),
		now.Unix(), now.AddDate(0, 0, dueSoonDays).Unix(), now.Unix()).
		Scan(&d.New, &d.Urgent, &d.Replies, &d.Overdue, &d.DueSoon, &d.PastDue)
	return &d, conn.Failed("count the digest", err)
}
