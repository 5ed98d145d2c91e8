package seed

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db"
)

// seedChamber shows the Requests Chamber's work at every step: a past
// session whose agenda holds decided cases (their decisions adopted there
// and sent to the applicant), and an upcoming one whose agenda holds
// pending cases with a draft, an adopted decision, one sent to the General
// Secretariat and one whose implementation it reported.
func seedChamber(ctx context.Context, store *db.DB) error {
	now := store.Clock.Now().UTC()
	return store.Write(ctx, func(tx *sql.Tx) error {
		var staff int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1`).Scan(&staff); err != nil {
			return fmt.Errorf("seed chamber: staff: %w", err)
		}
		var next int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM chamber_sessions WHERE year = ?`,
			now.Year()).Scan(&next); err != nil {
			return fmt.Errorf("seed chamber: number: %w", err)
		}
		past, err := seedSession(ctx, tx, now.Year(), next, now.AddDate(0, 0, -30), staff)
		if err != nil {
			return err
		}
		upcoming, err := seedSession(ctx, tx, now.Year(), next+1, now.AddDate(0, 0, 14), staff)
		if err != nil {
			return err
		}
		// Decided cases: adopted at the past session, sent to the applicant.
		if _, err := tx.ExecContext(ctx, `INSERT INTO session_agenda (session_id, request_id, added_by, added_at)
			SELECT ?, r.id, ?, ? FROM requests r JOIN decisions d ON d.request_id = r.id
			WHERE r.id NOT IN (SELECT request_id FROM session_agenda) ORDER BY d.decided_at DESC LIMIT 3`,
			past, staff, now.AddDate(0, 0, -40).Unix()); err != nil {
			return fmt.Errorf("seed chamber: past agenda: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO chamber_decisions (request_id, outcome, reasons, disclosure,
			drafted_by, drafted_at, session_id, adopted_by, adopted_at, sent_gs_on, implemented_on, implementation, sent_applicant_on)
			SELECT d.request_id, d.outcome, d.reasons, d.disclosure, d.decided_by, d.decided_at, a.session_id, d.decided_by,
			d.decided_at, date(d.decided_at, 'unixepoch'), date(d.decided_at, 'unixepoch'),
			'Fictional demo report: the General Secretariat carried the decision out.', date(d.decided_at, 'unixepoch')
			FROM decisions d JOIN session_agenda a ON a.request_id = d.request_id WHERE a.session_id = ?`, past); err != nil {
			return fmt.Errorf("seed chamber: sent decisions: %w", err)
		}
		return seedPending(ctx, tx, upcoming, staff, now)
	})
}

// seedSession creates session year/number of three days from start.
func seedSession(ctx context.Context, tx *sql.Tx, year, number int, start time.Time, staff int64) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO chamber_sessions (year, number, starts_on, ends_on, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, year, number, start.Format(time.DateOnly), start.AddDate(0, 0, 2).Format(time.DateOnly),
		staff, start.AddDate(0, 0, -20).Unix())
	if err != nil {
		return 0, fmt.Errorf("seed chamber: session: %w", err)
	}
	return res.LastInsertId()
}

// seedPending puts four pending admissible deletion cases on the upcoming
// session's agenda, each one step further in its decision's life.
func seedPending(ctx context.Context, tx *sql.Tx, session, staff int64, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM requests WHERE status IN ('admissible', 'under_review') AND kind = 'deletion'
		AND id NOT IN (SELECT request_id FROM session_agenda) ORDER BY id DESC LIMIT 4`)
	if err != nil {
		return fmt.Errorf("seed chamber: pending cases: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	day := now.Format(time.DateOnly)
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO session_agenda (session_id, request_id, added_by, added_at) VALUES (?, ?, ?, ?)`,
			session, id, staff, now.Unix()); err != nil {
			return fmt.Errorf("seed chamber: agenda: %w", err)
		}
		var adoptedBy, adoptedAt any
		gs, done, what := "", "", ""
		if i >= 1 {
			adoptedBy, adoptedAt = staff, now.Unix()
		}
		if i >= 2 {
			gs = day
		}
		if i >= 3 {
			done, what = day, "Fictional demo report: the diffusion was deleted."
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO chamber_decisions (request_id, outcome, reasons, drafted_by, drafted_at,
			session_id, adopted_by, adopted_at, sent_gs_on, implemented_on, implementation) VALUES (?, 'non_compliant_deletion',
			'Fictional demo reasons: the data are predominantly political.', ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, staff, now.Unix(), session, adoptedBy, adoptedAt, gs, done, what); err != nil {
			return fmt.Errorf("seed chamber: draft: %w", err)
		}
	}
	return nil
}
