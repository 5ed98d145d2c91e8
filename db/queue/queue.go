package queue

import (
	"context"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

// sortExpr maps a sort key to the expression its index covers. The due
// expression must stay identical to requests_queue_due in migration 0004.
var sortExpr = map[string]string{
	desk.SortDue:       "COALESCE(r.due_at, 4611686018427387904)",
	desk.SortSubmitted: "r.submitted_at",
	desk.SortReference: "r.reference",
	desk.SortName:      "r.applicant_name",
}

// openCond marks a pending request. It and urgentCond must stay identical
// to the WHERE clauses of the partial indexes in migration 0004.
const openCond = `r.status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant')`

// urgentCond marks a pending provisional-measure request, or any pending
// request with an imminent event.
const urgentCond = `((r.kind = 'provisional_measures' OR r.event_at IS NOT NULL) AND ` + openCond + `)`

// urgentOrder puts detained people first, the longest held first, then
// the soonest known event. It must stay identical to the index
// requests_urgent_order (migration 0017).
const urgentOrder = `(r.detained_since IS NULL), COALESCE(r.detained_since, r.event_at, 4611686018427387904), r.id`

// openConsultations counts a row's consultations still waiting for a reply
// and the earliest of their due dates, through the index of open ones.
const openConsultations = `(SELECT COUNT(*) FROM consultations c WHERE c.request_id = r.id AND ` + consultOpen + `),
	(SELECT COALESCE(MIN(c.reply_due), '') FROM consultations c WHERE c.request_id = r.id AND ` + consultOpen + `)`

// consultOpen marks an open consultation; it must stay identical to the
// WHERE clause of the index consultations_open (migration 0040).
const consultOpen = `c.replied_on = '' AND c.no_reply_on = ''`

// priorCase reads the earlier case a request names outside the portal,
// by the primary key of prior_cases (migration 0180).
const priorCase = `COALESCE((SELECT pc.reference FROM prior_cases pc WHERE pc.request_id = r.id), ''),
	COALESCE((SELECT pc.decided_on FROM prior_cases pc WHERE pc.request_id = r.id), '')`

// queueSelect reads queue rows, optionally through a named index.
func queueSelect(index string) string {
	from := "requests r"
	if index != "" {
		from += " INDEXED BY " + index
	}
	return `SELECT r.id, COALESCE(r.reference, ''), r.kind, r.applicant_name, r.source_country, r.status,
	COALESCE(r.submitted_at, 0), COALESCE(r.due_at, 0), COALESCE(r.event_at, 0), COALESCE(r.assignee_id, 0),
	COALESCE(a.name, ''), ` + urgentCond + `, COALESCE(r.detained_since, 0), ` + openConsultations + `, ` + timeLimitFlags + `,
	EXISTS (SELECT 1 FROM paper_cases p WHERE p.request_id = r.id), ` + priorCase + ` FROM ` + from +
		` LEFT JOIN users a ON a.id = r.assignee_id`
}

// openIndex names the partial index that reads pending requests in each
// sort order; allIndex the index over every request.
var (
	openIndex = map[string]string{
		desk.SortDue: "requests_open_due", desk.SortSubmitted: "requests_open_submitted",
		desk.SortReference: "requests_open_reference", desk.SortName: "requests_open_name",
	}
	allIndex = map[string]string{
		desk.SortDue: "requests_queue_due", desk.SortSubmitted: "requests_queue_submitted",
		desk.SortReference: "requests_queue_reference", desk.SortName: "requests_queue_name",
	}
)

// Queue returns one page of the staff queue. Every filter is a condition
// over indexed columns, the name search goes through the full-text index,
// and paging is by keyset (the row after or before a given id in the sort
// order), so a page costs the same at the end of 100,000 requests as at
// the start.
func (db Store) Queue(ctx context.Context, f desk.Filter, now time.Time) (desk.Page, error) {
	f = normaliseFilter(f)
	where, args := queueConditions(f, now)
	var page desk.Page
	total, err := db.countMatching(ctx, where, args)
	if err != nil {
		return page, err
	}
	page.Total = total
	if f.After == 0 && f.Before == 0 {
		urgent, err := db.urgentRows(ctx, where, args)
		if err != nil {
			return page, err
		}
		page.Urgent = urgent
	}
	if f.UrgentOnly {
		return page, nil
	}
	return db.regularPage(ctx, f, where, args, page)
}

func normaliseFilter(f desk.Filter) desk.Filter {
	if _, ok := sortExpr[f.Sort]; !ok {
		f.Sort = desk.SortDue
	}
	if f.Status == "" {
		f.Status = desk.StatusFilterOpen
	}
	if f.Certificate && f.Status == desk.StatusFilterOpen {
		f.Status = desk.StatusFilterAll // an application comes after the decision
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	f.Search = strings.TrimSpace(f.Search)
	return f
}

// regularPage reads the non-urgent rows in sort order from the keyset
// position. Going back reads backwards and reverses.
func (db Store) regularPage(ctx context.Context, f desk.Filter, where string, args []any, page desk.Page) (desk.Page, error) {
	expr := sortExpr[f.Sort]
	desc := f.Desc
	// Requests are read in order through the index of the sort (for pending
	// ones, its partial index), so a page stops after its rows instead of
	// sorting every match, as the planner would rather do without
	// statistics. A name search is better served by the full-text index, so
	// the planner chooses then.
	index := allIndex[f.Sort]
	switch {
	case f.Search != "":
		index = ""
	case f.Status == desk.StatusFilterOpen:
		index = openIndex[f.Sort]
	}
	q := queueSelect(index) + ` WHERE ` + where + ` AND NOT ` + urgentCond
	if f.Before != 0 {
		desc = !desc
	}
	if cursor := max(f.After, f.Before); cursor != 0 {
		op := ">"
		if desc {
			op = "<"
		}
		q += ` AND (` + expr + `, r.id) ` + op + ` (SELECT ` + expr + `, r.id FROM requests r WHERE r.id = ?)`
		args = append(args, cursor)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	q += ` ORDER BY ` + expr + dir + `, r.id` + dir + ` LIMIT ?`
	rows, err := db.queueRows(ctx, q, append(args, f.Limit+1))
	if err != nil {
		return page, err
	}
	more := len(rows) > f.Limit
	if more {
		rows = rows[:f.Limit]
	}
	if f.Before != 0 {
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
		page.HasPrev, page.HasNext = more, true
	} else {
		page.HasPrev, page.HasNext = f.After != 0, more
	}
	page.Rows = rows
	if len(rows) > 0 {
		page.NextAfter, page.PrevBefore = rows[len(rows)-1].ID, rows[0].ID
	}
	return page, nil
}

func (db Store) queueRows(ctx context.Context, q string, args []any) ([]desk.Row, error) {
	rows, err := db.Reader().QueryContext(ctx, q, args...)
	return conn.Rows("list queue rows", rows, err, func(row conn.Scanner) (desk.Row, error) {
		var r desk.Row
		var submitted, due, event, detained int64
		var assessed bool
		err := row.Scan(&r.ID, &r.Reference, &r.Kind, &r.ApplicantName, &r.SourceCountry, &r.Status, &submitted, &due,
			&event, &r.AssigneeID, &r.AssigneeName, &r.Urgent, &detained, &r.OpenConsultations, &r.NextReplyDue, &assessed, &r.MoreTimeAsked, &r.Imported,
			&r.PriorReference, &r.PriorDecided)
		r.SubmittedAt, r.DueAt, r.EventAt = conn.UnixTime(submitted), conn.UnixTime(due), conn.UnixTime(event)
		r.AdmissibilityDue = db.admissibilityDue(r, assessed)
		r.DetainedSince = conn.UnixTime(detained)
		return r, err
	})
}
