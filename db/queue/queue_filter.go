package queue

import (
	"strings"
	"time"
	"unicode"

	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

// queueConditions turns the filters into one SQL condition over requests r,
// with its arguments. Drafts are never part of the queue.
func queueConditions(f desk.Filter, now time.Time) (string, []any) {
	conds := []string{"r.status != 'draft'"}
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	switch f.Status {
	case desk.StatusFilterAll:
	case desk.StatusFilterOpen:
		add(openCond)
	default:
		add("r.status = ?", f.Status)
	}
	if f.Kind != "" {
		add("r.kind = ?", f.Kind)
	}
	if f.UrgentOnly {
		add(urgentCond)
	}
	// The due-date conditions use the due index's own expression, so that
	// read in due order they are a range of it, not a filter.
	if f.DueWithinDays > 0 {
		add(sortExpr[desk.SortDue]+" BETWEEN ? AND ?", now.Unix(), now.AddDate(0, 0, f.DueWithinDays).Unix())
	}
	if f.Overdue {
		add(sortExpr[desk.SortDue]+" < ? AND "+openCond, now.Unix())
	}
	if f.ConsultOverdue {
		add(`r.id IN (SELECT c.request_id FROM consultations c WHERE `+consultOpen+` AND c.reply_due < ?)`,
			now.UTC().Format(time.DateOnly))
	}
	if f.Certificate {
		add(`r.id IN (SELECT request_id FROM certificate_applications WHERE state = 'pending')`)
	}
	if f.Country != "" {
		add("r.source_country = ?", f.Country)
	}
	switch f.Assigned {
	case desk.AssignedToMe:
		add("r.assignee_id = ?", f.Me)
	case desk.Unassigned:
		add("r.assignee_id IS NULL")
	}
	if f.Search != "" {
		cond, a := searchCondition(f.Search)
		add(cond, a...)
	}
	return strings.Join(conds, " AND "), args
}

// searchCondition finds a reference by its prefix (through the unique
// index on references) or applicant names by word prefixes (through the
// full-text index).
func searchCondition(q string) (string, []any) {
	upper := strings.ToUpper(q)
	if strings.HasPrefix(upper, "CCF-") || strings.IndexFunc(q, unicode.IsLetter) < 0 {
		if !strings.HasPrefix(upper, "CCF-") {
			upper = "CCF-" + upper
		}
		return "r.reference >= ? AND r.reference < ?", []any{upper, upper + "\U0010FFFF"}
	}
	return "r.id IN (SELECT rowid FROM requests_names WHERE requests_names MATCH ?)", []any{ftsQuery(q)}
}

// ftsQuery makes a safe full-text query: every word of the search, quoted
// (so no word is read as query syntax), as a prefix, all required.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	parts := make([]string, 0, len(words))
	for _, w := range words {
		parts = append(parts, `"`+w+`"*`)
	}
	if len(parts) == 0 {
		return `""`
	}
	return strings.Join(parts, " ")
}
