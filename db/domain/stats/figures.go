package stats

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Filed counts submitted requests of one kind, year and source country.
type Filed struct {
	Year       int
	Kind       domain.Kind
	AlsoAccess bool // a deletion or correction filing that also asks for access
	Country    string
	N          int
}

// Assessed counts admissibility assessments of one year and outcome.
type Assessed struct {
	Year       int
	Admissible bool
	N          int
}

// Decided counts decisions of one year, kind and outcome.
type Decided struct {
	Year    int
	Kind    domain.Kind
	Outcome string
	N       int
}

// Timed is one decision on the merits of a request with a time limit:
// when the request became admissible and when it was decided.
type Timed struct {
	Kind       domain.Kind
	Admissible time.Time
	Decided    time.Time
}

// YearCount counts something of one year and outcome.
type YearCount struct {
	Year    int
	Outcome string
	N       int
}

// Raw is everything the store counts for the statistics, before any rule
// of publication is applied.
type Raw struct {
	Filed    []Filed
	Assessed []Assessed
	Decided  []Decided
	Timed    []Timed
	Urgent   []YearCount // provisional-measure requests filed, by year
	Measures []YearCount // provisional measures granted or refused, by year
	// Consulted counts consultations by year sent and where they stand
	// now (a row of ConsultRows in Outcome).
	Consulted []YearCount
}

// Report is the published statistics: every table suppressed.
type Report struct {
	AsOf      time.Time
	Threshold int
	Years     []int
	Tables    []Published
}

// Table keys, in the order the page shows them.
const (
	TableReceived        = "received"
	TableRegions         = "regions"
	TableAdmissible      = "admissible"
	TableDeletion        = "deletion_outcomes"
	TableAccess          = "access_outcomes"
	TableMeasuresAsked   = "measures_asked"
	TableMeasuresDecided = "measures_decided"
	TableTimeLimits      = "time_limits"
	TableMedianDays      = "median_days"
)

// Rows of the received table. A filing that asks for deletion or
// correction and for access together is one request, counted once among
// deletion and correction requests, in a row of its own.
const (
	RowAccess             = "access"
	RowDeletionOnly       = "deletion_only"
	RowDeletionWithAccess = "deletion_with_access"
	RowRevision           = "revision"
	RowDeletion           = "deletion" // deletion and correction, in the time tables
	RowAdmissible         = "admissible"
	RowAsked              = "asked"
)

// MaxYears is how many years the statistics go back, this one included.
const MaxYears = 10

// Build applies the rules of publication to raw as of now: the years from
// the first one with figures (at most MaxYears back) to the current one,
// which is counted so far.
func Build(raw Raw, now time.Time, threshold int) Report {
	if threshold < 1 {
		threshold = DefaultThreshold
	}
	years := yearsOf(raw, now.Year())
	col := map[int]int{}
	for i, y := range years {
		col[y] = i
	}
	b := builder{years: years, col: col, threshold: threshold}
	return Report{AsOf: now, Threshold: threshold, Years: years, Tables: []Published{
		b.counts(TableReceived, []string{RowAccess, RowDeletionOnly, RowDeletionWithAccess, RowRevision}, true, received(raw)),
		b.counts(TableRegions, Regions, true, regions(raw)),
		b.admissible(raw.Assessed),
		b.counts(TableDeletion, outcomeRows(domain.KindDeletion), true, outcomes(raw, domain.KindDeletion)),
		b.counts(TableAccess, outcomeRows(domain.KindAccess), true, outcomes(raw, domain.KindAccess)),
		b.counts(TableMeasuresAsked, []string{RowAsked}, false, byOutcome(raw.Urgent, RowAsked)),
		b.counts(TableMeasuresDecided, []string{domain.MeasureGranted, domain.MeasureRefused}, true, byOutcome(raw.Measures, "")),
		b.counts(TableConsultations, ConsultRows, true, byOutcome(raw.Consulted, "")),
		b.timeLimits(raw.Timed),
		b.medians(raw.Timed),
	}}
}

// count is one counted case: its year, row and number.
type count struct {
	year int
	row  string
	n    int
}

type builder struct {
	years     []int
	col       map[int]int
	threshold int
}

// counts lays counts out as a table of rows by year and suppresses it.
func (b builder) counts(key string, rows []string, totals bool, in []count) Published {
	t := Table{Key: key, Rows: rows, Years: b.years, Totals: totals, Counts: make([][]int, len(rows))}
	index := map[string]int{}
	for i, r := range rows {
		index[r] = i
		t.Counts[i] = make([]int, len(b.years))
	}
	for _, c := range in {
		r, okRow := index[c.row]
		y, okYear := b.col[c.year]
		if okRow && okYear {
			t.Counts[r][y] += c.n
		}
	}
	return Suppress(t, b.threshold)
}

// derived makes an empty table of rows by year for shares and medians.
func (b builder) derived(key string, unit Unit, rows []string) Published {
	p := Published{Key: key, Unit: unit, Rows: rows, Years: b.years, Cells: make([][]Cell, len(rows))}
	for i := range rows {
		p.Cells[i] = make([]Cell, len(b.years))
	}
	return p
}

func yearsOf(raw Raw, current int) []int {
	first := current
	see := func(y int) {
		if y > 0 && y < first {
			first = y
		}
	}
	for _, f := range raw.Filed {
		see(f.Year)
	}
	for _, a := range raw.Assessed {
		see(a.Year)
	}
	for _, d := range raw.Decided {
		see(d.Year)
	}
	for _, t := range raw.Timed {
		see(t.Decided.UTC().Year())
	}
	for _, c := range append(raw.Urgent, raw.Measures...) {
		see(c.Year)
	}
	first = max(first, current-MaxYears+1)
	var out []int
	for y := first; y <= current; y++ {
		out = append(out, y)
	}
	return out
}
