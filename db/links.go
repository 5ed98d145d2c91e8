package db

import "context"

// LinkedRequests returns the requests linked to r that u may see: the one
// it follows or revises, and those that follow or revise it.
func (db *DB) LinkedRequests(ctx context.Context, r Request, u User) ([]Request, error) {
	q := `WHERE (id = ? OR parent_id = ?) AND id != ?`
	args := []any{r.ParentID, r.ID, r.ID}
	if u.Role == RoleStaff {
		q += ` AND status != 'draft'`
	} else {
		q += ` AND filer_id = ?`
		args = append(args, u.ID)
	}
	return listRequests(ctx, db.read, q+` ORDER BY created_at, id`, args...)
}

// FiledRequests lists u's submitted requests, for choosing the earlier case
// a new one follows.
func (db *DB) FiledRequests(ctx context.Context, u User) ([]Request, error) {
	all, err := db.RequestsForUser(ctx, u)
	if err != nil {
		return nil, err
	}
	var out []Request
	for _, r := range all {
		if !r.IsDraft() {
			out = append(out, r)
		}
	}
	return out, nil
}
