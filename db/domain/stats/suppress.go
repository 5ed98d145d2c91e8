// Package stats holds the rules of the published statistics: which figures
// are shown, how they are grouped by year, and the suppression of small
// cells, so that no published figure, alone or subtracted from a published
// total, points to a person. Pure Go, like the rest of the procedure.
package stats

import "slices"

// DefaultThreshold is the smallest count published as it is: a count from
// 1 to DefaultThreshold-1 shows as "fewer than DefaultThreshold".
const DefaultThreshold = 5

// Hidden says whether, and why, a figure is not shown.
type Hidden int

// The reasons a figure is not shown.
const (
	// Shown: the figure is published.
	Shown Hidden = iota
	// Small: a count above zero and below the threshold (primary
	// suppression); shown as "fewer than N".
	Small
	// Protected: a figure withheld so that a small one cannot be worked
	// out from it and a published total (secondary suppression), or a
	// share or median that rests on too few cases.
	Protected
)

// Cell is one published figure.
type Cell struct {
	Value  int
	Hidden Hidden
}

// Table is a table of counts before suppression: each column is a year,
// each row a category, and the rows of a column split that year's total
// between them (every case counts in exactly one row).
type Table struct {
	Key    string
	Rows   []string
	Years  []int
	Counts [][]int // Counts[row][column]
	// Totals says whether each year's total is published under the table.
	Totals bool
}

// Published is a table as it is shown: every figure suppressed by the
// rules of Suppress.
type Published struct {
	Key   string
	Unit  Unit
	Rows  []string
	Years []int
	Cells [][]Cell // Cells[row][column]
	// Totals holds each year's total, or nil when the table has none.
	Totals []Cell
}

// Unit is what a table's figures measure.
type Unit string

// The units of the published tables.
const (
	UnitCount   Unit = "count"
	UnitPercent Unit = "percent"
	UnitDays    Unit = "days"
)

// Suppress applies the small-cell rules to every column of t:
//
//  1. primary: a count above zero and below threshold is hidden as Small;
//     a year's total too;
//  2. secondary: where a year's total is published and exactly one count
//     of that year is hidden, the total minus the shown counts would give
//     it away, so one more count of the year is withheld -- the smallest
//     shown one above zero, so that both hidden figures stay uncertain
//     (one always exists: were the others all zero, the total would be
//     the small count itself, and hidden).
//
// A total is hidden only for its own value, never as a complement: two
// tables over the same cases (requests by kind and by region) then hide
// the same totals, and neither gives away what the other withholds.
// Zeros are shown: an empty cell points to nobody.
func Suppress(t Table, threshold int) Published {
	p := Published{Key: t.Key, Unit: UnitCount, Rows: t.Rows, Years: t.Years, Cells: make([][]Cell, len(t.Rows))}
	for r := range t.Rows {
		p.Cells[r] = make([]Cell, len(t.Years))
		for c := range t.Years {
			p.Cells[r][c] = primary(t.Counts[r][c], threshold)
		}
	}
	if !t.Totals {
		return p
	}
	p.Totals = make([]Cell, len(t.Years))
	for c := range t.Years {
		total := 0
		for r := range t.Rows {
			total += t.Counts[r][c]
		}
		p.Totals[c] = primary(total, threshold)
		if p.Totals[c].Hidden == Shown {
			protectColumn(p.Cells, c)
		}
	}
	return p
}

// primary hides a count above zero and below threshold.
func primary(v, threshold int) Cell {
	if v > 0 && v < threshold {
		return Cell{Value: v, Hidden: Small}
	}
	return Cell{Value: v}
}

// protectColumn withholds one more count of column c when exactly one is
// hidden. The total of a column whose rows are all small is itself small
// and already hidden, so a column with one row never reaches here with a
// hidden count.
func protectColumn(cells [][]Cell, c int) {
	hidden, pick := 0, -1
	for r := range cells {
		cell := cells[r][c]
		if cell.Hidden != Shown {
			hidden++
			continue
		}
		if pick < 0 || better(cell.Value, cells[pick][c].Value) {
			pick = r
		}
	}
	if hidden == 1 && pick >= 0 {
		cells[pick][c].Hidden = Protected
	}
}

// better reports whether a is a better complement than b: the smallest
// count above zero; a zero only when nothing else is shown.
func better(a, b int) bool {
	if (a > 0) != (b > 0) {
		return a > 0
	}
	return a < b
}

// Share is the percentage num/den of den cases, rounded to the nearest
// whole number. It is withheld (Protected) unless den reaches threshold
// and neither num nor den-num is a small count: a share of a published
// total would otherwise give the small count back.
func Share(num, den, threshold int) Cell {
	if den < threshold || den == 0 || isSmall(num, threshold) || isSmall(den-num, threshold) {
		return Cell{Hidden: Protected}
	}
	return Cell{Value: (200*num + den) / (2 * den)}
}

func isSmall(v, threshold int) bool { return v > 0 && v < threshold }

// Median is the median of values (the lower middle one of an even count),
// withheld when fewer than threshold cases give it: the median of two or
// three cases is one of them.
func Median(values []int, threshold int) Cell {
	if len(values) == 0 || len(values) < threshold {
		return Cell{Hidden: Protected}
	}
	s := append([]int(nil), values...)
	slices.Sort(s)
	return Cell{Value: s[(len(s)-1)/2]}
}
