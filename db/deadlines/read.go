package deadlines

import (
	"context"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// Read reads the time limits recorded on r through q, in three statements
// whatever their number, for the case pages' one read transaction.
func Read(ctx context.Context, q conn.Queryer, r domain.Request) (domain.TimeLimits, error) {
	var t domain.TimeLimits
	rows, err := q.QueryContext(ctx, `SELECT c.from_at, c.to_at, c.reason, COALESCE(u.name, ''), c.created_at
		FROM admissibility_corrections c LEFT JOIN users u ON u.id = c.created_by WHERE c.request_id = ? ORDER BY c.id`, r.ID)
	if t.Corrections, err = conn.Rows(fmt.Sprintf("list admissibility corrections of request %d", r.ID), rows, err,
		func(row conn.Scanner) (domain.DateChange, error) {
			var c domain.DateChange
			var from, to, at int64
			err := row.Scan(&from, &to, &c.Reason, &c.ByName, &at)
			c.From, c.To, c.CreatedAt = conn.UnixTime(from), conn.UnixTime(to), conn.UnixTime(at)
			return c, err
		}); err != nil {
		return t, err
	}
	rows, err = q.QueryContext(ctx, `SELECT e.from_at, e.to_at, e.reason, COALESCE(u.name, ''), e.created_at
		FROM time_limit_extensions e LEFT JOIN users u ON u.id = e.created_by WHERE e.request_id = ? ORDER BY e.id`, r.ID)
	if t.Extensions, err = conn.Rows(fmt.Sprintf("list extensions of request %d", r.ID), rows, err,
		func(row conn.Scanner) (domain.DateChange, error) {
			var e domain.DateChange
			var from, to, at int64
			err := row.Scan(&from, &to, &e.Reason, &e.ByName, &at)
			e.From, e.To, e.CreatedAt = conn.UnixTime(from), conn.UnixTime(to), conn.UnixTime(at)
			return e, err
		}); err != nil {
		return t, err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, message_id, reason, proposed, asked_at, answer, granted, message, COALESCE(answered_at, 0)
		FROM more_time_requests WHERE request_id = ? ORDER BY id`, r.ID)
	t.MoreTime, err = conn.Rows(fmt.Sprintf("list requests for more time on request %d", r.ID), rows, err,
		func(row conn.Scanner) (domain.MoreTime, error) {
			var m domain.MoreTime
			var asked, answered int64
			err := row.Scan(&m.ID, &m.MessageID, &m.Reason, &m.Proposed, &asked, &m.Answer, &m.Granted, &m.Message, &answered)
			m.AskedAt, m.AnsweredAt = conn.UnixTime(asked), conn.UnixTime(answered)
			return m, err
		})
	return t, err
}

// Of reads the time limits recorded on r, for the forms that act on them.
func (s Store) Of(ctx context.Context, r domain.Request) (domain.TimeLimits, error) {
	return Read(ctx, s.Reader(), r)
}

// PendingClarification is the clarification r waits for an answer to, or
// nil if it waits for none.
func (s Store) PendingClarification(ctx context.Context, r domain.Request) (*domain.Message, error) {
	return pendingClarification(ctx, s.Reader(), r)
}
