package views

import (
	"context"
	"net/url"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/stats"
)

// StaffStatsPath is path with the filter f in its query.
func StaffStatsPath(path string, f stats.StaffFilter) string {
	q := url.Values{"year": {strconv.Itoa(f.Year)}}
	if f.Kind != "" {
		q.Set("kind", string(f.Kind))
	}
	if f.Country != "" {
		q.Set("country", f.Country)
	}
	if f.Session != 0 {
		q.Set("session", strconv.FormatInt(f.Session, 10))
	}
	return path + "?" + q.Encode()
}

// StaffKindLabel is the message key naming a kind of the staff filters.
func StaffKindLabel(k domain.Kind) string {
	switch k {
	case domain.KindProvisional:
		return "stats.row.asked"
	case domain.KindDeletion, domain.KindCorrection:
		return "stats.row.deletion"
	}
	return "stats.row." + string(k)
}

func staffKindOptions(ctx context.Context) []SelectOption {
	var out []SelectOption
	for _, k := range stats.StaffKinds {
		out = append(out, SelectOption{Value: string(k), Label: T(ctx, StaffKindLabel(k))})
	}
	return out
}

// staffYearOptions offers the years the statistics cover, latest first.
func staffYearOptions(rep stats.StaffReport) []SelectOption {
	var out []SelectOption
	for y := rep.Report.AsOf.Year(); y > rep.Report.AsOf.Year()-stats.MaxYears; y-- {
		out = append(out, SelectOption{Value: strconv.Itoa(y), Label: strconv.Itoa(y)})
	}
	return out
}

// StaffStatisticsCSV writes the staff figures like StatisticsCSV, then
// the open cases of each staff member and by age, as of the export.
func StaffStatisticsCSV(ctx context.Context, rep stats.StaffReport) []byte {
	w := newStatsCSV(ctx, rep.Report)
	year := rep.Report.AsOf.Year()
	for _, l := range rep.Workload {
		name := l.Name
		if l.StaffID == 0 {
			name = T(ctx, "stats.staff.unassigned")
		}
		id := strconv.FormatInt(l.StaffID, 10)
		w.count("workload_open", T(ctx, "stats.staff.col_open"), id, name, year, l.Open)
		w.count("workload_overdue", T(ctx, "stats.staff.col_overdue"), id, name, year, l.Overdue)
	}
	title := T(ctx, "stats.staff.ages")
	for r, k := range rep.Ages.Rows {
		for b, band := range rep.Ages.Bands {
			label := T(ctx, StaffKindLabel(k)) + ": " + T(ctx, "stats.staff.band."+band)
			w.count("open_by_age", title, string(k)+"/"+band, label, year, rep.Ages.Counts[r][b])
		}
	}
	consultCSV(ctx, w, rep)
	return w.bytes()
}

// consultCSV writes the staff table of consultations, a line per kind of
// recipient and figure, then the totals (category "all").
func consultCSV(ctx context.Context, w *statsCSV, rep stats.StaffReport) {
	title, year := T(ctx, "stats.staff.consult"), rep.Filter.Year
	lines := append(rep.Consult.Lines, rep.Consult.All)
	for _, l := range lines {
		code, name := "all", T(ctx, "stats.total")
		if l.Recipient != "" {
			code, name = string(l.Recipient), T(ctx, "consult.recipient."+string(l.Recipient))
		}
		for _, f := range []struct {
			key, label string
			n          int
		}{{"sent", "stats.staff.consult_col_sent", l.Sent}, {"replied", "stats.row.consult_replied", l.Replied},
			{"no_reply", "stats.row.consult_no_reply", l.NoReply}, {"awaiting", "stats.row.consult_awaiting", l.Awaiting},
			{"overdue_now", "stats.staff.consult_col_overdue", l.OverdueNow}} {
			w.count("consult_"+f.key, title, code, name+": "+T(ctx, f.label), year, f.n)
		}
		w.line("consult_median_days", title, code, name+": "+T(ctx, "stats.staff.consult_col_median"), year, stats.UnitDays, l.MedianDays, 1)
	}
}

func staffSessionOptions(rep stats.StaffReport) []SelectOption {
	var out []SelectOption
	for _, s := range rep.Sessions {
		out = append(out, SelectOption{Value: strconv.FormatInt(s.ID, 10), Label: s.Label})
	}
	return out
}

func sessionValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
