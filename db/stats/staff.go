package stats

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
)

// openCond marks a pending request; it must stay identical to the WHERE
// clause of the partial indexes over open requests (migration 0004), so
// that the counts of open cases read those indexes.
const openCond = `r.status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant')`

// StaffFigures counts the staff statistics of f as of now in one read
// transaction.
func (s Figures) StaffFigures(ctx context.Context, f figures.StaffFilter, now time.Time) (figures.StaffReport, error) {
	var rep figures.StaffReport
	err := s.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		rep, err = staffFigures(ctx, tx, f, now)
		return err
	})
	return rep, err
}

// ExportStaffFigures is StaffFigures for a download: the export is
// recorded in the audit log, in the same transaction as the counts it
// hands out.
func (s Figures) ExportStaffFigures(ctx context.Context, staff domain.User, f figures.StaffFilter, now time.Time) (figures.StaffReport, error) {
	var rep figures.StaffReport
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if rep, err = staffFigures(ctx, tx, f, now); err != nil {
			return err
		}
		return audit.Append(ctx, tx, now, staff.ID, figures.AuditExport, 0, f.Detail())
	})
	return rep, err
}

func staffFigures(ctx context.Context, tx *sql.Tx, f figures.StaffFilter, now time.Time) (figures.StaffReport, error) {
	since, until := f.Span()
	scope := Scope{Since: since, Until: until, Kinds: f.Kinds(), Country: f.Country, Session: f.Session}
	raw, err := count(ctx, tx, scope)
	if err != nil {
		return figures.StaffReport{}, err
	}
	load, err := workload(ctx, tx, scope, now)
	if err != nil {
		return figures.StaffReport{}, err
	}
	ages, err := openByAge(ctx, tx, scope, now)
	if err != nil {
		return figures.StaffReport{}, err
	}
	consulted, err := consultedRows(ctx, tx, scope)
	if err != nil {
		return figures.StaffReport{}, err
	}
	rep := figures.BuildStaff(f, raw, load, ages, now)
	rep.Consult = figures.BuildConsult(consulted, f, now)
	rep.Sessions, err = sessionChoices(ctx, tx)
	return rep, err
}

// sessionChoices lists the Chamber's sessions, latest first, for the filter.
func sessionChoices(ctx context.Context, tx *sql.Tx) ([]figures.SessionChoice, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, year, number FROM chamber_sessions ORDER BY year DESC, number DESC`)
	return conn.Rows("list sessions for the statistics", rows, err, func(row conn.Scanner) (figures.SessionChoice, error) {
		var c figures.SessionChoice
		var year, number int
		err := row.Scan(&c.ID, &year, &number)
		c.Label = strconv.Itoa(year) + "/" + strconv.Itoa(number)
		return c, err
	})
}

// openScope is the filter's kind and country, without its year: open
// cases are counted as they stand now.
func openScope(s Scope) (string, []any) {
	cond, args := Scope{Kinds: s.Kinds, Country: s.Country, Session: s.Session}.where("r.submitted_at")
	return cond + ` AND ` + openCond, args
}

// workload counts the open cases of each staff member, and those overdue.
func workload(ctx context.Context, tx *sql.Tx, scope Scope, now time.Time) ([]figures.Load, error) {
	cond, args := openScope(scope)
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(r.assignee_id, 0), COALESCE(u.name, ''), COUNT(*),
		COALESCE(SUM(r.due_at IS NOT NULL AND r.due_at < ?), 0)
		FROM requests r LEFT JOIN users u ON u.id = r.assignee_id WHERE `+cond+`
		GROUP BY 1, 2 ORDER BY 3 DESC, 2`, append([]any{now.Unix()}, args...)...)
	return conn.Rows("count workload", rows, err, func(row conn.Scanner) (figures.Load, error) {
		var l figures.Load
		err := row.Scan(&l.StaffID, &l.Name, &l.Open, &l.Overdue)
		return l, err
	})
}

// openByAge counts open cases by kind and by time since filing.
func openByAge(ctx context.Context, tx *sql.Tx, scope Scope, now time.Time) ([]figures.AgeCount, error) {
	cond, args := openScope(scope)
	limits := figures.AgeLimits(now)
	band, bandArgs := `CASE`, []any{}
	for i, l := range limits {
		band += ` WHEN r.submitted_at >= ? THEN ` + string(rune('0'+i))
		bandArgs = append(bandArgs, l.Unix())
	}
	band += ` ELSE ` + string(rune('0'+len(limits))) + ` END`
	rows, err := tx.QueryContext(ctx, `SELECT r.kind, `+band+`, COUNT(*) FROM requests r
		WHERE r.submitted_at IS NOT NULL AND `+cond+` GROUP BY 1, 2`, append(bandArgs, args...)...)
	return conn.Rows("count open cases by age", rows, err, func(row conn.Scanner) (figures.AgeCount, error) {
		var a figures.AgeCount
		err := row.Scan(&a.Kind, &a.Band, &a.N)
		return a, err
	})
}
