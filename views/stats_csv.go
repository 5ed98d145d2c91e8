package views

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/domain/stats"
)

// statsCSVHeader names the columns of the statistics CSV. The names are
// the same in every language, so that a program reading the file does
// not depend on the language it was downloaded in; the titles and labels
// in the rows are the reader's.
var statsCSVHeader = []string{"table", "table_title", "category", "category_label", "year", "unit", "value", "status", "value_text"}

// Status codes of the CSV: a figure shown, a small one, one withheld.
var statsCSVStatus = map[stats.Hidden]string{stats.Shown: "shown", stats.Small: "small", stats.Protected: "withheld"}

// utf8BOM opens every statistics CSV: without it, spreadsheet programs
// read the file in the computer's legacy code page and turn Arabic (and
// every accent) into garbage. Programs that read CSV as UTF-8 skip it.
const utf8BOM = "\ufeff"

// StatisticsCSV writes every published table as one tidy UTF-8 CSV: one
// line per figure, with exactly the figures the page shows. A hidden
// figure has no value, only its status and the page's text for it.
func StatisticsCSV(ctx context.Context, rep stats.Report) []byte {
	return newStatsCSV(ctx, rep).bytes()
}

// statsCSV is a statistics CSV being written.
type statsCSV struct {
	ctx context.Context
	buf *bytes.Buffer
	w   *csv.Writer
}

// newStatsCSV starts a CSV with the header and every table of rep.
func newStatsCSV(ctx context.Context, rep stats.Report) *statsCSV {
	s := &statsCSV{ctx: ctx, buf: bytes.NewBufferString(utf8BOM)}
	s.w = csv.NewWriter(s.buf)
	s.w.Write(statsCSVHeader)
	for _, p := range rep.Tables {
		title := T(ctx, "stats.table."+p.Key)
		for r, row := range p.Rows {
			for col, year := range p.Years {
				s.line(p.Key, title, row, statsRowLabel(ctx, row), year, p.Unit, p.Cells[r][col], rep.Threshold)
			}
		}
		for col, year := range p.Years {
			if p.Totals != nil {
				s.line(p.Key, title, "total", T(ctx, "stats.total"), year, p.Unit, p.Totals[col], rep.Threshold)
			}
		}
	}
	return s
}

func (s *statsCSV) line(table, title, category, label string, year int, unit stats.Unit, c stats.Cell, threshold int) {
	value := ""
	if c.Hidden == stats.Shown {
		value = strconv.Itoa(c.Value)
	}
	s.w.Write([]string{table, title, category, label, strconv.Itoa(year), string(unit), value,
		statsCSVStatus[c.Hidden], StatsCellText(s.ctx, unit, c, threshold)})
}

// count writes a plain count, shown.
func (s *statsCSV) count(table, title, category, label string, year, n int) {
	s.line(table, title, category, label, year, stats.UnitCount, stats.Cell{Value: n}, 1)
}

func (s *statsCSV) bytes() []byte {
	s.w.Flush()
	return s.buf.Bytes()
}
