package helpdesk

import (
	"context"
	"database/sql"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/helpdesk"
)

// SendFeedback keeps a feedback message with the path of the page it came
// from, unless the hour's bound for everyone is reached (too many: try
// later).
func (db Desk) SendFeedback(ctx context.Context, page, body string) error {
	if errs := rules.ValidateFeedback(body); errs.Any() {
		return domain.Errorf(domain.EInvalid, "error.form_invalid")
	}
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		var recent int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback WHERE created_at > ?`,
			now.Add(-time.Hour).Unix()).Scan(&recent)
		if err != nil {
			return conn.Failed("count recent feedback", err)
		}
		if recent >= rules.MaxFeedbackPerHour {
			return domain.Errorf(domain.ETooMany, "feedback.too_many")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO feedback (page, body, created_at) VALUES (?, ?, ?)`,
			rules.FeedbackPage(page), body, now.Unix())
		return conn.Failed("store feedback", err)
	})
}

// LatestFeedback lists the newest feedback first, at most limit.
func (db Desk) LatestFeedback(ctx context.Context, limit int) ([]rules.Feedback, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT id, page, body, created_at FROM feedback ORDER BY id DESC LIMIT ?`, limit)
	return conn.Rows("list feedback", rows, err, func(row conn.Scanner) (rules.Feedback, error) {
		var f rules.Feedback
		var at int64
		err := row.Scan(&f.ID, &f.Page, &f.Body, &at)
		f.CreatedAt = conn.UnixTime(at)
		return f, err
	})
}
