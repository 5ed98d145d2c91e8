package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// LinkedRequests returns the requests linked to r that u may see: the one
// it follows or revises, and those that follow or revise it.
func (db *DB) LinkedRequests(ctx context.Context, r domain.Request, u domain.User) ([]domain.Request, error) {
	cond, args := accessCond(u)
	return listRequests(ctx, db.Reader(), `WHERE (id = ? OR parent_id = ?) AND id != ? AND `+cond+` ORDER BY created_at, id`,
		append([]any{r.ParentID, r.ID, r.ID}, args...)...)
}

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
