package cases

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
)

// OwnApplicant is the id of user's own applicant record (the one a
// petitioner files for themselves under), 0 while there is none.
func OwnApplicant(ctx context.Context, q conn.Queryer, user int64) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM applicants WHERE created_by = ? AND is_self = 1`, user).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, conn.Failed(fmt.Sprintf("find own applicant of user %d", user), err)
}

// NewApplicant creates the applicant record a filing by filer concerns,
// from the details it gives, with the history entry that says so.
func NewApplicant(ctx context.Context, tx *sql.Tx, filer int64, self bool, details map[string]string, now time.Time) (int64, error) {
	body, _ := json.Marshal(details)
	res, err := tx.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, filer, self, details["full_name"], details["birth_date"], string(body), now.Unix(), now.Unix())
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("create applicant filed by user %d", filer), err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("create applicant filed by user %d", filer), err)
	}
	return id, AddApplicantEvent(ctx, tx, id, filer, "created_by_filing", 0, now)
}

// AddApplicantEvent records a change to an applicant record: who, what,
// to whom (an access change; 0 otherwise) and when.
func AddApplicantEvent(ctx context.Context, tx *sql.Tx, applicantID, actorID int64, kind string, subject int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO applicant_events (applicant_id, actor_id, kind, subject_id, at) VALUES (?, ?, ?, ?, ?)`,
		applicantID, actorID, kind, conn.NullID(subject), now.Unix())
	return conn.Failed(fmt.Sprintf("record %s on applicant %d", kind, applicantID), err)
}
