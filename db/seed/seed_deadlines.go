package seed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
)

// seedDeadlines shows the time limits at work: a pending case whose time
// limit the CCF extended, one whose applicant waits for an answer to a
// request for more time to answer a clarification, and one still to be
// assessed a month after its receipt (admissibility overdue).
func seedDeadlines(ctx context.Context, store *db.DB) error {
	now := store.Clock.Now().UTC()
	return store.Write(ctx, func(tx *sql.Tx) error {
		var staff int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1`).Scan(&staff); err != nil {
			return fmt.Errorf("seed deadlines: staff: %w", err)
		}
		if err := seedExtension(ctx, tx, staff, now); err != nil {
			return err
		}
		if err := seedMoreTime(ctx, tx, now); err != nil {
			return err
		}
		return seedAdmissibilityOverdue(ctx, tx, now)
	})
}

// seedExtension extends by two months the time limit of the pending
// admissible case due soonest.
func seedExtension(ctx context.Context, tx *sql.Tx, staff int64, now time.Time) error {
	var id, due int64
	err := tx.QueryRowContext(ctx, `SELECT id, due_at FROM requests WHERE status IN ('admissible', 'under_review')
		AND due_at IS NOT NULL AND id NOT IN (SELECT request_id FROM time_limit_extensions) ORDER BY due_at, id LIMIT 1`).Scan(&id, &due)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("seed deadlines: case to extend: %w", err)
	}
	to := domain.AddMonths(time.Unix(due, 0).UTC(), 2)
	if _, err := tx.ExecContext(ctx, `UPDATE requests SET due_at = ? WHERE id = ?`, to.Unix(), id); err != nil {
		return fmt.Errorf("seed deadlines: extend: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO time_limit_extensions (request_id, from_at, to_at, reason, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, due, to.Unix(), "Fictional demo reason: the source NCB asked for more time to reply.",
		staff, now.Unix()); err != nil {
		return fmt.Errorf("seed deadlines: extension: %w", err)
	}
	return seedEvent(ctx, tx, id, rules.EventTimeLimitExtended, staff, map[string]string{"arg": to.Format(time.DateOnly)}, now)
}

// seedMoreTime asks, for the applicant of the latest case waiting for a
// reply, three weeks more to answer its clarification.
func seedMoreTime(ctx context.Context, tx *sql.Tx, now time.Time) error {
	var id, message, filer int64
	var replyBy string
	err := tx.QueryRowContext(ctx, `SELECT r.id, m.id, r.filer_id, m.reply_by FROM requests r JOIN messages m ON m.request_id = r.id
		WHERE r.status = 'awaiting_applicant' AND m.kind = 'clarification'
		AND NOT EXISTS (SELECT 1 FROM messages x WHERE x.in_reply_to = m.id)
		AND NOT EXISTS (SELECT 1 FROM more_time_requests t WHERE t.message_id = m.id)
		ORDER BY m.id DESC LIMIT 1`).Scan(&id, &message, &filer, &replyBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("seed deadlines: case waiting for a reply: %w", err)
	}
	from, err := time.Parse(time.DateOnly, replyBy)
	if err != nil || from.Before(now) {
		from = now
	}
	proposed := from.AddDate(0, 0, 21).Format(time.DateOnly)
	if _, err := tx.ExecContext(ctx, `INSERT INTO more_time_requests (request_id, message_id, reason, proposed, asked_by, asked_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, message, "Fictional demo reason: the document asked for is still being issued.",
		proposed, filer, now.Unix()); err != nil {
		return fmt.Errorf("seed deadlines: more time: %w", err)
	}
	return seedEvent(ctx, tx, id, rules.EventMoreTimeAsked, filer, map[string]string{"arg": proposed}, now)
}

// seedAdmissibilityOverdue makes sure one case awaiting its admissibility
// assessment was received more than a month ago.
func seedAdmissibilityOverdue(ctx context.Context, tx *sql.Tx, now time.Time) error {
	month := domain.AddMonths(now, -rules.DefaultAdmissibilityMonths).AddDate(0, 0, -5)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM requests WHERE status = 'submitted' AND admissible_at IS NULL
		AND submitted_at < ?`, month.Unix()).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE requests SET submitted_at = ?, created_at = MIN(created_at, ?) WHERE id = (SELECT id FROM requests
		WHERE status = 'submitted' AND admissible_at IS NULL AND kind != 'provisional_measures' ORDER BY submitted_at, id LIMIT 1)`,
		month.Unix(), month.Unix())
	return err
}

// seedEvent records a timeline entry the applicant sees.
func seedEvent(ctx context.Context, tx *sql.Tx, id int64, kind domain.EventKind, actor int64, data map[string]string, at time.Time) error {
	body := "{}"
	if arg, ok := data["arg"]; ok {
		body = `{"arg":"` + arg + `"}`
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events (request_id, kind, actor_id, internal, data, at) VALUES (?, ?, ?, 0, ?, ?)`,
		id, kind, actor, body, at.Unix())
	return err
}
