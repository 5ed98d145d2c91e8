package stats

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain/consult"
)

// TableConsultations is the public table of consultations: how many the
// CCF sent each year and where they stand now. It holds totals by year
// only: never who was consulted, nor about which country's data, which
// could point to a case.
const TableConsultations = "consultations"

// The rows of the consultations table: they split the consultations sent
// in a year by where each stands now.
const (
	RowConsultReplied  = "consult_replied"
	RowConsultNoReply  = "consult_no_reply"
	RowConsultAwaiting = "consult_awaiting"
)

// ConsultRows are the rows of the consultations table, in order.
var ConsultRows = []string{RowConsultReplied, RowConsultNoReply, RowConsultAwaiting}

// Consulted is one consultation as the staff figures need it: whom it
// went to and its dates (ISO days, "" when not yet).
type Consulted struct {
	Recipient consult.Recipient
	SentOn    string
	ReplyDue  string
	RepliedOn string
	NoReplyOn string
}

// ConsultLine is the staff figures of one kind of recipient (or all, with
// Recipient ""): consultations sent in the filter's year, how many were
// answered, found unanswered or still wait, the median days from sending
// to the reply, and how many consultations of any year are overdue today.
type ConsultLine struct {
	Recipient  consult.Recipient
	Sent       int
	Replied    int
	NoReply    int
	Awaiting   int
	MedianDays Cell
	OverdueNow int
}

// ConsultTable is the staff table of consultations: a line per kind of
// recipient, then all of them.
type ConsultTable struct {
	Lines []ConsultLine
	All   ConsultLine
}

// BuildConsult counts rows for the year of f as of now.
func BuildConsult(rows []Consulted, f StaffFilter, now time.Time) ConsultTable {
	since, until := f.Span()
	from, to, today := since.Format(time.DateOnly), until.Format(time.DateOnly), consult.Today(now)
	lines := make([]ConsultLine, len(consult.Recipients))
	days := make([][]int, len(consult.Recipients)+1)
	var all ConsultLine
	for _, r := range rows {
		i := recipientIndex(r.Recipient)
		if i < 0 {
			continue
		}
		for _, l := range []*ConsultLine{&lines[i], &all} {
			countConsult(l, r, from, to, today)
		}
		if r.SentOn >= from && r.SentOn < to && r.RepliedOn != "" {
			d := daysBetween(r.SentOn, r.RepliedOn)
			days[i], days[len(lines)] = append(days[i], d), append(days[len(lines)], d)
		}
	}
	for i := range lines {
		lines[i].Recipient, lines[i].MedianDays = consult.Recipients[i], Median(days[i], 1)
	}
	all.MedianDays = Median(days[len(lines)], 1)
	return ConsultTable{Lines: lines, All: all}
}

// countConsult adds r to l: to the year's counts if it was sent in
// [from, to), and to those overdue today if it is.
func countConsult(l *ConsultLine, r Consulted, from, to, today string) {
	if r.SentOn >= from && r.SentOn < to {
		l.Sent++
		switch {
		case r.RepliedOn != "":
			l.Replied++
		case r.NoReplyOn != "":
			l.NoReply++
		default:
			l.Awaiting++
		}
	}
	if r.RepliedOn == "" && r.NoReplyOn == "" && today > r.ReplyDue {
		l.OverdueNow++
	}
}

func recipientIndex(r consult.Recipient) int {
	for i, v := range consult.Recipients {
		if v == r {
			return i
		}
	}
	return -1
}

// daysBetween counts the calendar days from one ISO day to another.
func daysBetween(from, to string) int {
	a, err1 := time.Parse(time.DateOnly, from)
	b, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(b.Sub(a) / (24 * time.Hour))
}
