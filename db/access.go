package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// accessCond is the one definition of who may see and act on a request:
// staff any filed request; anyone else the requests they filed and those
// of the applicants they created or were given access to (a colleague
// invited by counsel, or counsel appointed by a petitioner).
func accessCond(u domain.User) (string, []any) {
	if u.Role == domain.RoleStaff {
		return `status != 'draft'`, nil
	}
	return `(filer_id = ? OR applicant_id IN (SELECT id FROM applicants WHERE created_by = ?)
		OR applicant_id IN (SELECT applicant_id FROM applicant_access WHERE user_id = ? AND revoked_at IS NULL))`,
		[]any{u.ID, u.ID, u.ID}
}

// requestFor reads request id through q if u may see it; anything else is
// not found, exactly like a request that does not exist.
func requestFor(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id int64, u domain.User) (domain.Request, error) {
	cond, args := accessCond(u)
	r, err := scanRequest(q.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM requests WHERE id = ? AND `+cond,
		append([]any{id}, args...)...))
	return r, conn.Failed(fmt.Sprintf("load request %d", id), err)
}
