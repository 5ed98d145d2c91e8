package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain/stats"
	"github.com/ccf-portal/ccfportal/views/chart"
)

// StatsCellText is how a published figure reads, on the page and in the
// CSV alike: the number in the reader's language, or why it is not shown.
func StatsCellText(ctx context.Context, unit stats.Unit, c stats.Cell, threshold int) string {
	switch c.Hidden {
	case stats.Small:
		return T(ctx, "stats.fewer_than", threshold)
	case stats.Protected:
		return T(ctx, "stats.withheld")
	}
	switch unit {
	case stats.UnitPercent:
		return T(ctx, "stats.percent", c.Value)
	case stats.UnitDays:
		return T(ctx, "stats.days", c.Value)
	}
	return Locale(ctx).Number(c.Value)
}

// StatsYearLabel names a year's column; the current year is marked as
// counted so far.
func StatsYearLabel(ctx context.Context, rep stats.Report, year int) string {
	if year == rep.AsOf.Year() {
		return T(ctx, "stats.year_so_far", strconv.Itoa(year))
	}
	return strconv.Itoa(year)
}

// statsRowLabel names a row of a table.
func statsRowLabel(ctx context.Context, row string) string { return T(ctx, "stats.row."+row) }

// The charts' geometry is views/chart; these names keep the templates'.
type (
	Chart     = chart.Chart
	ChartRect = chart.Rect
	ChartText = chart.Text
	ChartLine = chart.Line
	ChartDot  = chart.Dot
)

// chartWidth is the width of every chart's drawing.
const chartWidth = chart.Width

func newMirror(ctx context.Context) (chart.Mirror, string) {
	dir := Locale(ctx).Dir
	if dir == "" {
		dir = "ltr"
	}
	return chart.Mirror{RTL: dir == "rtl"}, dir
}

// Bar chart geometry: each bar under its label, its figure after it, so
// that bars keep the whole width on a phone.
const (
	barLabelGap = 13
	barHeight   = 14
	barRowStep  = 38
	barMax      = chartWidth - 90
	yearHead    = 28
)

// StatsBarChart draws a count table as horizontal bars grouped by year,
// each bar labelled with its category and its number; a hidden figure
// has no bar, only its text.
func StatsBarChart(ctx context.Context, rep stats.Report, p stats.Published) Chart {
	m, dir := newMirror(ctx)
	c := Chart{Width: chartWidth, Dir: dir}
	most := 1
	for r := range p.Cells {
		for _, cell := range p.Cells[r] {
			if cell.Hidden == stats.Shown {
				most = max(most, cell.Value)
			}
		}
	}
	y := 0
	for col, year := range p.Years {
		c.Texts = append(c.Texts, m.Text(0, y+18, "start", "chart-year", StatsYearLabel(ctx, rep, year)))
		y += yearHead
		for r, row := range p.Rows {
			cell := p.Cells[r][col]
			c.Texts = append(c.Texts, m.Text(0, y+barLabelGap-2, "start", "chart-label", statsRowLabel(ctx, row)))
			w := 0
			if cell.Hidden == stats.Shown && cell.Value > 0 {
				w = max(2, cell.Value*barMax/most)
				c.Rects = append(c.Rects, m.Rect(0, y+barLabelGap+2, w, barHeight, "chart-bar chart-s"+strconv.Itoa(r%6)))
			}
			c.Texts = append(c.Texts, m.Text(w+6, y+barLabelGap+barHeight, "start", "chart-value", StatsCellText(ctx, p.Unit, cell, rep.Threshold)))
			y += barRowStep
		}
	}
	c.Height = y + 4
	return c
}

// Line chart geometry: a plot of the years along the x axis, a legend
// below.
const (
	plotStart  = 52
	plotEnd    = chartWidth - 8
	plotTop    = 20
	plotBottom = 180
	legendStep = 22
)

// StatsLineChart draws a share or a median as one line per row across the
// years, each point labelled with its figure; a hidden figure breaks the
// line; the table beside it says why.
func StatsLineChart(ctx context.Context, rep stats.Report, p stats.Published) Chart {
	m, dir := newMirror(ctx)
	c := Chart{Width: chartWidth, Dir: dir}
	top := 100
	if p.Unit != stats.UnitPercent {
		top = 0
		for r := range p.Cells {
			for _, cell := range p.Cells[r] {
				if cell.Hidden == stats.Shown {
					top = max(top, cell.Value)
				}
			}
		}
		top = chart.NiceTop(top)
	}
	yOf := func(v int) int { return plotBottom - v*(plotBottom-plotTop)/top }
	for i := 0; i <= 4; i++ {
		v := top * i / 4
		c.Rects = append(c.Rects, m.Rect(plotStart, yOf(v), plotEnd-plotStart, 1, "chart-grid"))
		c.Texts = append(c.Texts, m.Text(plotStart-6, yOf(v)+4, "end", "chart-axis", axisLabel(ctx, p.Unit, v)))
	}
	step := (plotEnd - plotStart) / max(1, len(p.Years))
	xOf := func(col int) int { return plotStart + step/2 + col*step }
	for col, year := range p.Years {
		c.Texts = append(c.Texts, m.Text(xOf(col), plotBottom+18, "middle", "chart-axis", strconv.Itoa(year)))
	}
	y := plotBottom + 44
	for r, row := range p.Rows {
		class := "chart-s" + strconv.Itoa(r%6)
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				c.Lines = append(c.Lines, ChartLine{Points: strings.Join(pts, " "), Class: "chart-line " + class})
			}
			pts = nil
		}
		for col := range p.Years {
			cell := p.Cells[r][col]
			if cell.Hidden != stats.Shown {
				flush()
				continue
			}
			x, py := m.X(xOf(col)), yOf(cell.Value)
			pts = append(pts, strconv.Itoa(x)+","+strconv.Itoa(py))
			c.Dots = append(c.Dots, ChartDot{X: x, Y: py, Class: "chart-dot " + class})
			c.Texts = append(c.Texts, ChartText{X: x, Y: py - 8, Anchor: "middle", Class: "chart-value", Text: StatsCellText(ctx, p.Unit, cell, rep.Threshold)})
		}
		flush()
		c.Rects = append(c.Rects, m.Rect(plotStart, y-10, 12, 12, "chart-bar "+class))
		c.Texts = append(c.Texts, m.Text(plotStart+18, y, "start", "chart-label", statsRowLabel(ctx, row)))
		y += legendStep
	}
	c.Height = y
	return c
}

// axisLabel writes a scale's value: a percentage as such, days as a bare
// number (the title names the unit), so that it fits beside the plot.
func axisLabel(ctx context.Context, unit stats.Unit, v int) string {
	if unit == stats.UnitPercent {
		return T(ctx, "stats.percent", v)
	}
	return Locale(ctx).Number(v)
}

// StatsChart picks the chart of a table: bars for counts, lines for shares
// and medians.
func StatsChart(ctx context.Context, rep stats.Report, p stats.Published) Chart {
	if p.Unit == stats.UnitCount {
		return StatsBarChart(ctx, rep, p)
	}
	return StatsLineChart(ctx, rep, p)
}
