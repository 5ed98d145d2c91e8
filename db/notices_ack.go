package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// AcknowledgeRecipients records that the given NCBs confirmed they updated
// their national databases. Acknowledgements are a follow-up list: they
// never hold the case open nor close it (the implementation the General
// Secretariat reports does, see db/chamber).
func (db *DB) AcknowledgeRecipients(ctx context.Context, staff domain.User, requestID, noticeID int64, countries []string) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditNoticeAck, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM deletion_notices WHERE id = ? AND request_id = ?`, noticeID, r.ID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return "", domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return "", conn.Failed(fmt.Sprintf("load notice %d of request %d", noticeID, r.ID), err)
		}
		if len(countries) == 0 {
			var errs domain.FieldErrors
			errs.Add("countries", "notice.ack_required")
			return "", errs.Err()
		}
		var done []string
		for _, c := range countries {
			res, err := tx.ExecContext(ctx, `UPDATE notice_recipients SET acknowledged_at = ?, acknowledged_by = ?
				WHERE notice_id = ? AND country = ? AND acknowledged_at IS NULL`, now.Unix(), staff.ID, noticeID, c)
			if err != nil {
				return "", conn.Failed(fmt.Sprintf("acknowledge recipient %s of notice %d", c, noticeID), err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				done = append(done, c)
			}
		}
		if len(done) == 0 {
			return "", domain.Errorf(domain.EConflict, "notice.nothing_to_acknowledge")
		}
		if err := cases.AddEvent(ctx, tx, r.ID, domain.EventNoticeAcknowledged, staff.ID, true,
			map[string]string{"arg": strings.Join(done, ", ")}, now); err != nil {
			return "", err
		}
		detail := "notice=" + strconv.FormatInt(noticeID, 10) + " countries=" + strings.Join(done, ",")
		return detail, nil
	})
}

// Notices lists the deletion notices of a case with their recipients.
func (db *DB) Notices(ctx context.Context, requestID int64) ([]domain.DeletionNotice, error) {
	return readNotices(ctx, db.Reader(), requestID)
}
