package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// Withdraw withdraws the filer's pending request r at their request, with
// the reason they give if any, together with the urgent requests still
// pending on it, and records it on each timeline in the same transaction.
func (db *DB) Withdraw(ctx context.Context, r domain.Request, filer domain.User, reason string) error {
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		cur, err := cases.RequestFor(ctx, tx, r.ID, filer)
		if err != nil {
			return err
		}
		if err := domain.CanFilerWithdraw(cur); err != nil {
			return err
		}
		urgent, err := listRequests(ctx, tx, `WHERE parent_id = ? AND kind = ? AND status IN (?, ?, ?, ?)`, cur.ID,
			domain.KindProvisional, domain.StatusSubmitted, domain.StatusAdmissible, domain.StatusUnderReview,
			domain.StatusAwaitingApplicant)
		if err != nil {
			return err
		}
		for _, x := range append([]domain.Request{cur}, urgent...) {
			if err := domain.CheckTransition(x.Status, domain.StatusWithdrawn); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE requests SET status = ?, updated_at = ? WHERE id = ?`,
				domain.StatusWithdrawn, now.Unix(), x.ID)
			if err != nil {
				return conn.Failed(fmt.Sprintf("withdraw request %d", x.ID), err)
			}
			data := map[string]string{}
			if reason != "" {
				data["text"] = reason
			}
			if err := cases.AddEvent(ctx, tx, x.ID, domain.EventWithdrawnByApplicant, filer.ID, false, data, now); err != nil {
				return err
			}
		}
		return nil
	})
}
