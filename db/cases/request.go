package cases

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// RequestColumns are the columns ScanRequest reads, in order.
const RequestColumns = `id, COALESCE(reference, ''), kind, also_access, status, filer_id, COALESCE(applicant_id, 0),
	COALESCE(parent_id, 0), language, applicant_name, source_country, answers, created_at, updated_at,
	COALESCE(submitted_at, 0), COALESCE(admissible_at, 0), COALESCE(due_at, 0), COALESCE(decided_at, 0),
	COALESCE(event_at, 0), EXISTS (SELECT 1 FROM chamber_decisions cd WHERE cd.request_id = requests.id
	AND cd.adopted_at IS NOT NULL)`

// ScanRequest reads a request row selected with RequestColumns.
func ScanRequest(row conn.Scanner) (domain.Request, error) {
	var r domain.Request
	var answers string
	var created, updated, submitted, admissible, due, decided, event int64
	err := row.Scan(&r.ID, &r.Reference, &r.Kind, &r.AlsoAccess, &r.Status, &r.FilerID, &r.ApplicantID, &r.ParentID,
		&r.Language, &r.ApplicantName, &r.SourceCountry, &answers, &created, &updated, &submitted, &admissible, &due, &decided,
		&event, &r.DecisionAdopted)
	if err != nil {
		return domain.Request{}, conn.RowFailed("read request row", err)
	}
	if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
		return domain.Request{}, conn.Failed(fmt.Sprintf("request %d answers", r.ID), err)
	}
	if r.Answers == nil {
		r.Answers = domain.Answers{}
	}
	r.CreatedAt, r.UpdatedAt = conn.UnixTime(created), conn.UnixTime(updated)
	r.SubmittedAt, r.AdmissibleAt, r.DueAt, r.DecidedAt = conn.UnixTime(submitted), conn.UnixTime(admissible), conn.UnixTime(due), conn.UnixTime(decided)
	r.EventAt = conn.UnixTime(event)
	return r, nil
}

// AccessCond is the one definition of who may see and act on a request:
// staff any filed request; anyone else only through a live grant -- the
// applicant record they created (a petitioner's own, or counsel's), or a
// current share of it (a colleague invited by counsel, or counsel
// appointed by a petitioner). Having filed a request gives no access of
// its own once it concerns an applicant: counsel whose authority is
// withdrawn lose every case they filed for that person. A filer's draft
// that is not yet tied to an applicant record stays theirs alone.
func AccessCond(u domain.User) (string, []any) {
	if u.Role == domain.RoleStaff {
		return `status != 'draft'`, nil
	}
	return `((applicant_id IS NULL AND filer_id = ?) OR applicant_id IN (` + LiveGrants + `))`, []any{u.ID, u.ID, u.ID}
}

// LiveGrants selects the applicant records a user (bound twice) may act
// for now: those they created and those currently shared with them.
const LiveGrants = `SELECT id FROM applicants WHERE created_by = ?
	UNION SELECT applicant_id FROM applicant_access WHERE user_id = ? AND revoked_at IS NULL`

// RequestFor reads request id through q if u may see it; anything else is
// not found, exactly like a request that does not exist.
func RequestFor(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id int64, u domain.User) (domain.Request, error) {
	cond, args := AccessCond(u)
	r, err := ScanRequest(q.QueryRowContext(ctx, `SELECT `+RequestColumns+` FROM requests WHERE id = ? AND `+cond,
		append([]any{id}, args...)...))
	return r, conn.Failed(fmt.Sprintf("load request %d", id), err)
}
