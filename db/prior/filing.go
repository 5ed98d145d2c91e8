package prior

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// File is one staged document of a filing that names an earlier case
// outside the portal; Blob is nil when none came.
type File struct {
	Doc  domain.NewDocument
	Blob *blob.Staged
}

// InsertRevision writes, as a draft for the caller to submit, the
// revision of an earlier case, tied to the person's applicant record so
// that it is shared like every filing about them.
func InsertRevision(ctx context.Context, tx *sql.Tx, filer domain.User, a domain.Answers, now time.Time) (int64, error) {
	applicantID, err := applicant(ctx, tx, filer, a, now)
	if err != nil {
		return 0, err
	}
	body, _ := json.Marshal(a)
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (kind, status, filer_id, applicant_id, language, applicant_name,
		source_country, answers, created_at, updated_at) VALUES ('revision', 'draft', ?, ?, ?, ?, '', ?, ?, ?)`,
		filer.ID, applicantID, a["language"], a["full_name"], string(body), now.Unix(), now.Unix())
	if err != nil {
		return 0, conn.Failed("create revision of an earlier case", err)
	}
	return res.LastInsertId()
}

// applicant is the record the revision concerns: a petitioner's own (kept
// as it is: this short form does not describe the whole person), or a new
// one for the person counsel or a relative files for.
func applicant(ctx context.Context, tx *sql.Tx, filer domain.User, a domain.Answers, now time.Time) (int64, error) {
	self := a["representation"] != "representative"
	if self {
		if id, err := cases.OwnApplicant(ctx, tx, filer.ID); id != 0 || err != nil {
			return id, err
		}
	}
	return cases.NewApplicant(ctx, tx, filer.ID, self, map[string]string{"full_name": a["full_name"],
		"birth_date": a["birth_date"], "nationality": a["nationality"], "language": a["language"]}, now)
}
