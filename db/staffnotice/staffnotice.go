// Package staffnotice is the store's room for what the portal tells the
// CCF's staff on its own: a consultation whose reply date passed without a
// reply, and the daily digest of counts. Each is recorded in the
// transaction that queues it, so it is sent once, across restarts.
package staffnotice

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// Staff tells staff of overdue consultations and sends the digest.
type Staff struct{ *conn.Conn }

// KindConsultationOverdue is the notification that a consultation's reply
// date passed without a reply.
const KindConsultationOverdue inbox.Kind = "consultation_overdue"

// overdue is an open consultation past its reply date, with its case's
// assignee (0 for none or an account no longer active).
type overdue struct{ id, requestID, assigneeID int64 }

// NotifyOverdueConsultations tells, once per consultation whose reply date
// has passed without a reply or a finding of none, the staff member
// assigned to its case, or every active secretariat member if none is:
// an entry in their notifications, and compose's e-mail if they chose it.
// It returns how many consultations were told of.
func (n Staff) NotifyOverdueConsultations(ctx context.Context, compose func(domain.User) outbox.Message) (int, error) {
	now := n.Clock.Now()
	today := now.UTC().Format(time.DateOnly)
	count := 0
	err := n.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.request_id, COALESCE(u.id, 0) FROM consultations c
			JOIN requests r ON r.id = c.request_id
			LEFT JOIN users u ON u.id = r.assignee_id AND u.role = ? AND u.disabled_at IS NULL
			WHERE c.replied_on = '' AND c.no_reply_on = '' AND c.reply_due < ? AND c.overdue_notified_at IS NULL
			ORDER BY c.id`, domain.RoleStaff, today)
		due, err := conn.Rows("list overdue consultations", rows, err, func(row conn.Scanner) (overdue, error) {
			var o overdue
			return o, row.Scan(&o.id, &o.requestID, &o.assigneeID)
		})
		if err != nil || len(due) == 0 {
			return err
		}
		secretariat, err := activeSecretariat(ctx, tx)
		if err != nil {
			return err
		}
		for _, o := range due {
			if err := tellOverdue(ctx, tx, o, secretariat, now, compose); err != nil {
				return err
			}
		}
		count = len(due)
		return nil
	})
	return count, err
}

// tellOverdue notifies o's recipients and records that it was told of.
func tellOverdue(ctx context.Context, tx *sql.Tx, o overdue, secretariat []domain.User, now time.Time,
	compose func(domain.User) outbox.Message) error {
	to := []int64{o.assigneeID}
	if o.assigneeID == 0 {
		to = to[:0]
		for _, u := range secretariat {
			to = append(to, u.ID)
		}
	}
	for _, uid := range to {
		if err := inbox.Notify(ctx, tx, uid, KindConsultationOverdue, o.requestID, now, compose); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE consultations SET overdue_notified_at = ? WHERE id = ?`, now.Unix(), o.id)
	return conn.Failed(fmt.Sprintf("mark consultation %d told overdue", o.id), err)
}

// activeSecretariat lists the active secretariat members.
func activeSecretariat(ctx context.Context, tx *sql.Tx) ([]domain.User, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+accounts.UserColumns+` FROM users
		WHERE role = ? AND staff_role = ? AND disabled_at IS NULL ORDER BY id`, domain.RoleStaff, string(staffrole.Secretariat))
	return conn.Rows("list the secretariat", rows, err, accounts.ScanUser)
}
