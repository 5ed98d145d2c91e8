package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// FiledRequests lists u's submitted requests, for choosing the earlier case
// a new one follows.
func (db *DB) FiledRequests(ctx context.Context, u domain.User) ([]domain.Request, error) {
	all, err := db.RequestsForUser(ctx, u)
	if err != nil {
		return nil, err
	}
	var out []domain.Request
	for _, r := range all {
		if !r.IsDraft() {
			out = append(out, r)
		}
	}
	return out, nil
}
