package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Counts are the figures an operator watches: pending cases by status, and
// pending cases whose decision is overdue, by kind.
type Counts struct {
	Open    map[domain.Status]int
	Overdue map[domain.Kind]int
}

// OpenStatuses are the statuses of a pending case, as openCond has them.
var OpenStatuses = []domain.Status{domain.StatusSubmitted, domain.StatusAdmissible,
	domain.StatusUnderReview, domain.StatusAwaitingApplicant}

// CaseCounts counts pending cases by status and overdue ones by kind. Both
// queries are ranges of the (status, due_at) index, so their cost grows
// with the number of pending cases, never with the whole history.
func (s Store) CaseCounts(ctx context.Context, now time.Time) (Counts, error) {
	c := Counts{Open: map[domain.Status]int{}, Overdue: map[domain.Kind]int{}}
	if err := s.groupCount(ctx, `SELECT r.status, COUNT(*) FROM requests r WHERE `+openCond+` GROUP BY r.status`,
		nil, func(k string, n int) { c.Open[domain.Status(k)] = n }); err != nil {
		return c, err
	}
	err := s.groupCount(ctx, `SELECT r.kind, COUNT(*) FROM requests r WHERE `+openCond+` AND r.due_at < ? GROUP BY r.kind`,
		[]any{now.Unix()}, func(k string, n int) { c.Overdue[domain.Kind(k)] = n })
	return c, err
}

func (s Store) groupCount(ctx context.Context, query string, args []any, put func(string, int)) error {
	rows, err := s.Reader().QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("count cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return fmt.Errorf("count cases: %w", err)
		}
		put(k, n)
	}
	return rows.Err()
}
