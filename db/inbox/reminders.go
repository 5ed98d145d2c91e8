package inbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// ReminderDays is how many days before a clarification's reply-by date the
// applicant is reminded of it.
const ReminderDays = 3

// RemindReplies tells each applicant whose case waits for their reply, with
// a reply-by date from today to ReminderDays ahead, that there is news:
// an inbox entry and compose's e-mail, once per clarification. It returns
// how many were reminded. Everything happens in one transaction, so a
// reminder is recorded exactly when its notification is.
func (i Inbox) RemindReplies(ctx context.Context, compose func(domain.User) outbox.Message) (int, error) {
	now := i.Clock.Now()
	from := now.UTC().Format(time.DateOnly)
	to := now.UTC().AddDate(0, 0, ReminderDays).Format(time.DateOnly)
	n := 0
	err := i.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT m.id, m.request_id, r.filer_id FROM messages m
			JOIN requests r ON r.id = m.request_id
			WHERE m.kind = 'clarification' AND m.reminded_at IS NULL AND m.reply_by BETWEEN ? AND ?
			AND r.status = ? AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.in_reply_to = m.id)
			ORDER BY m.id`, from, to, domain.StatusAwaitingApplicant)
		due, err := conn.Rows("list clarifications to remind of", rows, err, func(row conn.Scanner) ([3]int64, error) {
			var d [3]int64
			return d, row.Scan(&d[0], &d[1], &d[2])
		})
		if err != nil {
			return err
		}
		for _, d := range due {
			if err := Notify(ctx, tx, d[2], KindReplyReminder, d[1], now, compose); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET reminded_at = ? WHERE id = ?`, now.Unix(), d[0]); err != nil {
				return conn.Failed(fmt.Sprintf("mark clarification %d reminded", d[0]), err)
			}
		}
		n = len(due)
		return nil
	})
	return n, err
}
