package stats

import (
	"slices"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// received sorts filings into the rows of the received table. Requests
// for provisional measures are not counted there: the CCF counts them
// apart, as measures asked.
func received(raw Raw) []count {
	var out []count
	for _, f := range raw.Filed {
		if row := receivedRow(f); row != "" {
			out = append(out, count{f.Year, row, f.N})
		}
	}
	return out
}

func receivedRow(f Filed) string {
	switch f.Kind {
	case domain.KindAccess:
		return RowAccess
	case domain.KindDeletion, domain.KindCorrection:
		if f.AlsoAccess {
			return RowDeletionWithAccess
		}
		return RowDeletionOnly
	case domain.KindRevision:
		return RowRevision
	}
	return ""
}

// regions counts the same requests as received, by source region.
func regions(raw Raw) []count {
	var out []count
	for _, f := range raw.Filed {
		if receivedRow(f) != "" {
			out = append(out, count{f.Year, RegionOf(f.Country), f.N})
		}
	}
	return out
}

// outcomeRows lists the rows published for decisions on requests of kind
// k: the CCF's report categories (outcome.ReportRows).
func outcomeRows(k domain.Kind) []string {
	return outcome.ReportRows(k)
}

// outcomes counts decisions on requests of kind k (correction counted
// with deletion) by outcome.
func outcomes(raw Raw, k domain.Kind) []count {
	var out []count
	for _, d := range raw.Decided {
		if group(d.Kind) == k {
			out = append(out, count{d.Year, outcome.ReportRow(d.Outcome), d.N})
		}
	}
	return out
}

// group puts correction with deletion: the CCF reports them together.
func group(k domain.Kind) domain.Kind {
	if k == domain.KindCorrection {
		return domain.KindDeletion
	}
	return k
}

// byOutcome turns year counts into table counts, all in row when row is
// given, else each in the row of its outcome.
func byOutcome(in []YearCount, row string) []count {
	var out []count
	for _, c := range in {
		out = append(out, count{c.Year, cmpOr(row, c.Outcome), c.N})
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// admissible is the share of admissibility assessments of each year that
// found the request admissible.
func (b builder) admissible(in []Assessed) Published {
	p := b.derived(TableAdmissible, UnitPercent, []string{RowAdmissible})
	yes, all := make([]int, len(b.years)), make([]int, len(b.years))
	for _, a := range in {
		if c, ok := b.col[a.Year]; ok {
			all[c] += a.N
			if a.Admissible {
				yes[c] += a.N
			}
		}
	}
	for c := range b.years {
		p.Cells[0][c] = Share(yes[c], all[c], b.threshold)
	}
	return p
}

// timedRows are the rows of the time tables: access (4 months) and
// deletion or correction (9 months).
var timedRows = []string{RowAccess, RowDeletion}

func timedRow(k domain.Kind) int {
	return slices.Index([]domain.Kind{domain.KindAccess, domain.KindDeletion}, group(k))
}

// timeLimits is the share of each year's decisions on the merits taken
// within the statutory time limit, counted from admissibility (Statute,
// Art. 40), whatever extension was given.
func (b builder) timeLimits(in []Timed) Published {
	p := b.derived(TableTimeLimits, UnitPercent, timedRows)
	within, all := b.grid(), b.grid()
	for _, t := range in {
		r, c, ok := b.place(t)
		if !ok {
			continue
		}
		all[r][c]++
		if due, _ := domain.DueDate(t.Kind, t.Admissible); !t.Decided.After(due) {
			within[r][c]++
		}
	}
	for r := range timedRows {
		for c := range b.years {
			p.Cells[r][c] = Share(within[r][c], all[r][c], b.threshold)
		}
	}
	return p
}

// medians is the median number of whole days from admissibility to
// decision, by year of decision.
func (b builder) medians(in []Timed) Published {
	p := b.derived(TableMedianDays, UnitDays, timedRows)
	days := make([][][]int, len(timedRows))
	for r := range days {
		days[r] = make([][]int, len(b.years))
	}
	for _, t := range in {
		if r, c, ok := b.place(t); ok {
			days[r][c] = append(days[r][c], int(t.Decided.Sub(t.Admissible).Hours()/24))
		}
	}
	for r := range timedRows {
		for c := range b.years {
			p.Cells[r][c] = Median(days[r][c], b.threshold)
		}
	}
	return p
}

// place finds the row and column of a timed decision.
func (b builder) place(t Timed) (row, col int, ok bool) {
	row = timedRow(t.Kind)
	col, inYears := b.col[t.Decided.UTC().Year()]
	return row, col, row >= 0 && inYears && !t.Admissible.IsZero()
}

func (b builder) grid() [][]int {
	g := make([][]int, len(timedRows))
	for r := range g {
		g[r] = make([]int, len(b.years))
	}
	return g
}
