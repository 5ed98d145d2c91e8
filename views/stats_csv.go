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

// StatisticsCSV writes every published table as one tidy UTF-8 CSV: one
// line per figure, with exactly the figures the page shows. A hidden
// figure has no value, only its status and the page's text for it.
func StatisticsCSV(ctx context.Context, rep stats.Report) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(statsCSVHeader)
	for _, p := range rep.Tables {
		title := T(ctx, "stats.table."+p.Key)
		line := func(category, label string, year int, c stats.Cell) {
			value := ""
			if c.Hidden == stats.Shown {
				value = strconv.Itoa(c.Value)
			}
			w.Write([]string{p.Key, title, category, label, strconv.Itoa(year), string(p.Unit), value,
				statsCSVStatus[c.Hidden], StatsCellText(ctx, p.Unit, c, rep.Threshold)})
		}
		for r, row := range p.Rows {
			for col, year := range p.Years {
				line(row, statsRowLabel(ctx, row), year, p.Cells[r][col])
			}
		}
		for col, year := range p.Years {
			if p.Totals != nil {
				line("total", T(ctx, "stats.total"), year, p.Totals[col])
			}
		}
	}
	w.Flush()
	return buf.Bytes()
}
