package views

import (
	"context"
	"strconv"
	"time"
	"unicode"
)

// FormatDate writes a date out in the reader's language -- "2 February
// 2026", "2 février 2026", "2 de febrero de 2026", "2 فبراير 2026" -- with
// the month's name from the catalog ("month.1" ... "month.12") and the
// order and joining words from "date.day_month_year". Day and year are
// passed as text, so a year is never grouped like a count ("2,026").
// Arabic uses the month names of Egypt and the Gulf (يناير، فبراير، مارس
// ...), read across the Arab world, rather than the Levant's Syriac names
// (كانون الثاني ...) or the Maghreb's (جانفي ...).
func FormatDate(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = T(ctx, "date.day_1") // French writes the first of the month "1er"
	}
	return T(ctx, "date.day_month_year", day, T(ctx, "month."+strconv.Itoa(int(t.Month()))), strconv.Itoa(t.Year()))
}

// FormatDateTime writes a moment as its date and its time on the 24-hour
// clock, in UTC, which staff and applicants in any time zone share.
func FormatDateTime(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return T(ctx, "date.at_time_utc", FormatDate(ctx, t), t.UTC().Format("15:04"))
}

// FormatISODate shows a stored YYYY-MM-DD answer as a date, and an
// approximate one (YYYY-MM, YYYY) with the precision it was given.
func FormatISODate(ctx context.Context, v string) string {
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		return FormatDate(ctx, d)
	}
	if d, err := time.Parse("2006-01", v); err == nil {
		return T(ctx, "date.month_year", T(ctx, "month."+strconv.Itoa(int(d.Month()))), strconv.Itoa(d.Year()))
	}
	return v
}

// FormatSize shows a file size in the reader's units (MB, Mo, ميغابايت).
func FormatSize(ctx context.Context, n int64) string {
	switch {
	case n >= 1_000_000:
		return T(ctx, "size.megabytes", float64(n)/1_000_000)
	case n >= 1_000:
		return T(ctx, "size.kilobytes", n/1_000)
	}
	return T(ctx, "size.bytes", n)
}

// Isolate sets a name or reference apart inside a sentence with Unicode's
// first-strong isolate, the plain-text counterpart of <bdi>, wherever its
// direction may differ from the page's: on a right-to-left page always (a
// Latin name, a CCF-2026-000123), on a left-to-right page when it holds
// right-to-left letters (an Arabic name). The words and punctuation around
// it then keep their places.
func Isolate(ctx context.Context, s string) string {
	if s == "" || (Locale(ctx).Dir != "rtl" && !hasRightToLeft(s)) {
		return s
	}
	return "\u2068" + s + "\u2069"
}

func hasRightToLeft(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return true
		}
	}
	return false
}
