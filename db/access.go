package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// accessCond is the one definition of who may see and act on a request:
// staff any filed request; anyone else only through a live grant -- the
// applicant record they created (a petitioner's own, or counsel's), or a
// current share of it (a colleague invited by counsel, or counsel
// appointed by a petitioner). Having filed a request gives no access of
// its own once it concerns an applicant: counsel whose authority is
// withdrawn lose every case they filed for that person. A filer's draft
// that is not yet tied to an applicant record stays theirs alone.
func accessCond(u domain.User) (string, []any) {
	if u.Role == domain.RoleStaff {
		return `status != 'draft'`, nil
	}
	return `((applicant_id IS NULL AND filer_id = ?) OR applicant_id IN (` + liveGrants + `))`, []any{u.ID, u.ID, u.ID}
}

// liveGrants selects the applicant records a user (bound twice) may act
// for now: those they created and those currently shared with them.
const liveGrants = `SELECT id FROM applicants WHERE created_by = ?
	UNION SELECT applicant_id FROM applicant_access WHERE user_id = ? AND revoked_at IS NULL`

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
