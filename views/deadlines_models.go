package views

import (
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// DeadlinesView is what the secretariat's time-limit forms need: the case,
// its time limits, the request for more time answered (nil for the other
// forms) and the reply-by date it would move.
type DeadlinesView struct {
	StaffActionView
	Limits   domain.TimeLimits
	MoreTime *domain.MoreTime
	ReplyBy  string // the pending clarification's reply-by date, YYYY-MM-DD
}

// MoreTimeView is the applicant's form asking for more time: the case, the
// clarification it waits for (nil if none) and why it cannot be asked now.
type MoreTimeView struct {
	Request       domain.Request
	Clarification *domain.Message
	Conflict      string
}

// MoreTimePath is the applicant's address for asking more time on r.
func MoreTimePath(r domain.Request) string { return RequestPath(r) + "/more-time" }

// MoreTimeAnswerPath is the staff address answering request for more time id.
func MoreTimeAnswerPath(requestID, id int64) string {
	return StaffCasePath(requestID) + "/more-time/" + strconv.FormatInt(id, 10)
}

// moreTimeFor returns the latest request for more time on clarification
// messageID, if any.
func moreTimeFor(t domain.TimeLimits, messageID int64) *domain.MoreTime {
	for i := len(t.MoreTime) - 1; i >= 0; i-- {
		if t.MoreTime[i].MessageID == messageID {
			return &t.MoreTime[i]
		}
	}
	return nil
}

// lastExtension is the latest extension of the time limit, if any.
func lastExtension(t domain.TimeLimits) *domain.DateChange {
	if len(t.Extensions) == 0 {
		return nil
	}
	return &t.Extensions[len(t.Extensions)-1]
}

// admissibleOn is the date r became admissible: the request's own date,
// which a correction may have moved, else the day it was declared.
func admissibleOn(r domain.Request, a *domain.Admissibility) time.Time {
	if !r.AdmissibleAt.IsZero() {
		return r.AdmissibleAt
	}
	return a.DecidedAt
}
