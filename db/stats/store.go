// Package stats is the store's room of statistics: the counts the public
// statistics page publishes, read in one transaction with aggregate
// queries over the requests, admissibility, decisions and measures tables.
// It returns raw counts; what may be published is decided by the rules in
// db/domain/stats.
package stats

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
)

// Figures reads the statistics.
type Figures struct{ *conn.Conn }

// year is the UTC calendar year of a Unix time column, as an integer.
func year(col string) string {
	return `CAST(strftime('%Y', ` + col + `, 'unixepoch') AS INTEGER)`
}

// Scope narrows the counts: to a span of time (Until zero: no end), to
// kinds of request (none: every kind) and to one source country.
type Scope struct {
	Since, Until time.Time
	Kinds        []domain.Kind
	Country      string
	Session      int64 // the Chamber's session that adopted the decision, 0 for any
}

// where is the condition of s over requests r, for a time column col.
func (s Scope) where(col string) (string, []any) {
	cond, args := col+` >= ?`, []any{s.Since.Unix()}
	if !s.Until.IsZero() {
		cond, args = cond+` AND `+col+` < ?`, append(args, s.Until.Unix())
	}
	if len(s.Kinds) > 0 {
		cond += ` AND r.kind IN (?` + strings.Repeat(`, ?`, len(s.Kinds)-1) + `)`
		for _, k := range s.Kinds {
			args = append(args, string(k))
		}
	}
	if s.Country != "" {
		cond, args = cond+` AND r.source_country = ?`, append(args, s.Country)
	}
	if s.Session != 0 {
		cond, args = cond+` AND r.id IN (SELECT request_id FROM chamber_decisions WHERE session_id = ?)`, append(args, s.Session)
	}
	return cond, args
}

// PublicFigures counts everything the public statistics publish from
// since on; see Count.
func (s Figures) PublicFigures(ctx context.Context, since time.Time) (figures.Raw, error) {
	return s.Count(ctx, Scope{Since: since})
}

// Count counts everything the statistics publish within scope:
// filings by year, kind and source country; admissibility assessments,
// decisions and provisional measures by year and outcome; and, for each
// decision on the merits of an access, deletion or correction request,
// when the request became admissible and when it was decided. Every count
// reads a range of an index of migration 0024; the result has a row per
// year and category, never per request, except the timed decisions,
// which the medians need one by one.
func (s Figures) Count(ctx context.Context, scope Scope) (figures.Raw, error) {
	var raw figures.Raw
	err := s.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		raw, err = count(ctx, tx, scope)
		return err
	})
	return raw, err
}

// count runs every count of scope in tx.
func count(ctx context.Context, tx *sql.Tx, scope Scope) (figures.Raw, error) {
	var raw figures.Raw
	for _, read := range []func(context.Context, *sql.Tx, Scope, *figures.Raw) error{
		readFiled, readAssessed, readDecided, readTimed, readUrgent, readMeasures, readConsulted,
	} {
		if err := read(ctx, tx, scope, &raw); err != nil {
			return raw, err
		}
	}
	return raw, nil
}

func readFiled(ctx context.Context, tx *sql.Tx, scope Scope, raw *figures.Raw) error {
	cond, args := scope.where("r.submitted_at")
	rows, err := tx.QueryContext(ctx, `SELECT `+year("r.submitted_at")+`, r.kind, r.also_access, r.source_country, COUNT(*)
		FROM requests r INDEXED BY requests_stats_filed
		WHERE r.submitted_at IS NOT NULL AND `+cond+` AND r.kind != 'provisional_measures'
		GROUP BY 1, 2, 3, 4`, args...)
	raw.Filed, err = conn.Rows("count filings", rows, err, func(row conn.Scanner) (figures.Filed, error) {
		var f figures.Filed
		err := row.Scan(&f.Year, &f.Kind, &f.AlsoAccess, &f.Country, &f.N)
		return f, err
	})
	return err
}

func readAssessed(ctx context.Context, tx *sql.Tx, scope Scope, raw *figures.Raw) error {
	cond, args := scope.where("a.decided_at")
	rows, err := tx.QueryContext(ctx, `SELECT `+year("a.decided_at")+`, a.outcome = 'admissible', COUNT(*)
		FROM admissibility a JOIN requests r ON r.id = a.request_id
		WHERE `+cond+` AND r.kind != 'provisional_measures' GROUP BY 1, 2`, args...)
	raw.Assessed, err = conn.Rows("count admissibility", rows, err, func(row conn.Scanner) (figures.Assessed, error) {
		var a figures.Assessed
		err := row.Scan(&a.Year, &a.Admissible, &a.N)
		return a, err
	})
	return err
}

func readDecided(ctx context.Context, tx *sql.Tx, scope Scope, raw *figures.Raw) error {
	cond, args := scope.where("d.decided_at")
	// The access part of a combined filing is counted with the access
	// decisions, as the CCF reports an outcome for each part.
	rows, err := tx.QueryContext(ctx, `SELECT `+year("d.decided_at")+`, r.kind, d.outcome, COUNT(*)
		FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE `+cond+` GROUP BY 1, 2, 3
		UNION ALL SELECT `+year("d.decided_at")+`, 'access', d.access_outcome, COUNT(*) FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE `+cond+` AND d.access_outcome != '' GROUP BY 1, 3`, append(args, args...)...)
	raw.Decided, err = conn.Rows("count decisions", rows, err, func(row conn.Scanner) (figures.Decided, error) {
		var d figures.Decided
		err := row.Scan(&d.Year, &d.Kind, &d.Outcome, &d.N)
		return d, err
	})
	return err
}

// readTimed reads the decisions on the merits (not a withdrawal, an
// inadmissibility or a closing without decision, outcome.Endings) of
// requests with a statutory time limit that became admissible.
func readTimed(ctx context.Context, tx *sql.Tx, scope Scope, raw *figures.Raw) error {
	cond, args := scope.where("d.decided_at")
	rows, err := tx.QueryContext(ctx, `SELECT r.kind, r.admissible_at, d.decided_at
		FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE `+cond+` AND d.outcome NOT IN (?, ?, ?) AND r.admissible_at IS NOT NULL
		AND r.kind IN ('access', 'deletion', 'correction')`, append(args, outcome.Inadmissible, outcome.Withdrawn,
		outcome.ClosedWithoutDecision)...)
	raw.Timed, err = conn.Rows("read decision times", rows, err, func(row conn.Scanner) (figures.Timed, error) {
		var t figures.Timed
		var admissible, decided int64
		err := row.Scan(&t.Kind, &admissible, &decided)
		t.Admissible, t.Decided = time.Unix(admissible, 0).UTC(), time.Unix(decided, 0).UTC()
		return t, err
	})
	return err
}

func readUrgent(ctx context.Context, tx *sql.Tx, scope Scope, raw *figures.Raw) error {
	cond, args := scope.where("r.submitted_at")
	rows, err := tx.QueryContext(ctx, `SELECT `+year("r.submitted_at")+`, '', COUNT(*)
		FROM requests r INDEXED BY requests_stats_filed
		WHERE r.submitted_at IS NOT NULL AND `+cond+` AND r.kind = 'provisional_measures' GROUP BY 1`, args...)
	raw.Urgent, err = conn.Rows("count urgent requests", rows, err, scanYearCount)
	return err
}

// readMeasures counts measures by the kind of the request they were
// decided on, when scope names kinds.
func readMeasures(ctx context.Context, tx *sql.Tx, scope Scope, raw *figures.Raw) error {
	cond, args := scope.where("m.decided_at")
	rows, err := tx.QueryContext(ctx, `SELECT `+year("m.decided_at")+`, m.outcome, COUNT(*)
		FROM measures m JOIN requests r ON r.id = m.request_id WHERE `+cond+` GROUP BY 1, 2`, args...)
	raw.Measures, err = conn.Rows("count measures", rows, err, scanYearCount)
	return err
}

func scanYearCount(row conn.Scanner) (figures.YearCount, error) {
	var c figures.YearCount
	err := row.Scan(&c.Year, &c.Outcome, &c.N)
	return c, err
}
