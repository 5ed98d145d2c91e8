package seed

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// writeConsultation consults the source NCB of an admissible case a week
// after it became admissible, with the usual month for a reply. Decided
// cases had their reply, or (one in five) none; pending ones wait, some past
// their due date, some reminded, so the desk shows every state. A case
// whose data were deleted because the source did not reply always had no
// reply.
func (w *seedWriter) writeConsultation(c seedCase, id, _ int64) error {
	if c.admissible.IsZero() || c.source == "" {
		return nil
	}
	staff := w.decider(c)
	sent := c.admissible.AddDate(0, 0, 7)
	if sent.After(w.now) {
		sent = c.admissible
	}
	sentOn := consult.Today(sent)
	due := consult.DueAfter(sentOn, consult.DefaultReplyDays)
	var replied, summary, noReply string
	dueDay, _ := time.Parse(time.DateOnly, due)
	switch {
	case !c.decided.IsZero() && (id%5 == 0 || c.outcome == outcome.DeletedNoReply) && c.decided.After(dueDay):
		noReply = consult.Today(c.decided)
	case !c.decided.IsZero():
		replied = consult.Today(seedLatest(sent, c.decided.AddDate(0, 0, -7)))
		summary = "Fictional demo reply: the NCB gave its view of the data."
	}
	cid, err := w.exec("consultation", id, c.source, "Fictional demo question: are the data still needed and accurate?",
		sentOn, due, replied, summary, noReply, staff, sent.Unix())
	if err != nil || id%3 != 0 || replied != "" || !w.now.After(dueDay) {
		return err
	}
	_, err = w.exec("reminder", cid, due, staff, dueDay.Unix())
	return err
}
