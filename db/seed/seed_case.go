package seed

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// writeCase writes one request with everything that happened to it, in
// the order it happened.
func (w *seedWriter) writeCase(cases []seedCase, i int, p seedPerson) error {
	c := &cases[i]
	w.decisionDoc = 0
	ref := w.nextRef(c.submitted)
	filer, appl := w.filers[c.person], w.appl[c.person]
	var parent, assignee int64
	if c.parent >= 0 {
		parent = cases[c.parent].id
	}
	if c.assignee >= 0 {
		assignee = w.staff[c.assignee]
	}
	updated := seedLatest(c.submitted, c.admissible, c.decided)
	eventAt := c.eventAt
	if c.kind != domain.KindProvisional {
		eventAt = time.Time{}
	}
	id, err := w.exec("request", ref, c.kind, c.status, filer, appl, conn.NullID(parent), p.language, p.name, c.source,
		w.seedAnswers(*c, p, c.person), c.submitted.Unix(), updated.Unix(), c.submitted.Unix(), unixOrNil(c.admissible),
		unixOrNil(c.due), unixOrNil(c.decided), unixOrNil(eventAt), conn.NullID(assignee), c.alsoAccess)
	if err != nil {
		return err
	}
	c.id = id
	w.report.Requests++
	if err := w.event(id, domain.EventSubmitted, filer, false, ref, c.submitted); err != nil {
		return err
	}
	itemID, err := w.writeFiling(*c, id)
	if err != nil {
		return err
	}
	if err := w.writeDocuments(i, *c, id, filer); err != nil {
		return err
	}
	steps := []func(seedCase, int64, int64) error{w.writeAdmissibility, w.writeClarification, w.writeMeasure, w.writeConsultation}
	for _, step := range steps {
		if err := step(*c, id, filer); err != nil {
			return err
		}
	}
	return w.writeDecision(*c, id, ref, itemID)
}

func seedLatest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

func (w *seedWriter) decider(c seedCase) int64 {
	if c.assignee >= 0 {
		return w.staff[c.assignee]
	}
	return w.staff[0]
}

// writeFiling adds the challenged data item and the grounds of a deletion
// or correction request.
func (w *seedWriter) writeFiling(c seedCase, id int64) (int64, error) {
	if c.kind != domain.KindDeletion && c.kind != domain.KindCorrection {
		return 0, nil
	}
	itemID, err := w.exec("item", id, c.dataKind, c.source, fmt.Sprintf("Fictional %s reference %05d", c.source, w.rng.IntN(100000)),
		c.submitted.AddDate(-2, 0, 0).Format(time.DateOnly))
	if err != nil {
		return 0, err
	}
	first := w.rng.IntN(len(seedGrounds))
	for k := range 1 + w.rng.IntN(3) {
		g := seedGrounds[(first+k)%len(seedGrounds)]
		if _, err := w.exec("ground", id, g, "Fictional explanation of the "+g+" ground for demonstration."); err != nil {
			return 0, err
		}
	}
	return itemID, nil
}

func (w *seedWriter) writeDocuments(i int, c seedCase, id, filer int64) error {
	for _, t := range seedDocTypes(c) {
		b, ok := w.docs[seedDocKey(i, t)]
		if !ok {
			continue
		}
		at, by, after := c.submitted, filer, false
		if t == domain.DocDecision {
			at, by, after = c.decided, w.decider(c), true
		}
		docID, err := w.exec("document", id, by, t, string(t)+".pdf", b.ContentType, b.Size, b.SHA256, b.Key, after, at.Unix())
		if err != nil {
			return err
		}
		w.report.Documents++
		if t == domain.DocDecision {
			w.decisionDoc = docID
		}
	}
	return nil
}

func (w *seedWriter) writeAdmissibility(c seedCase, id, _ int64) error {
	staff := w.decider(c)
	checks := joinCodes(domain.AdmissibilityChecks)
	switch {
	case !c.admissible.IsZero():
		if _, err := w.exec("admissibility", id, domain.OutcomeAdmissible, checks, "[]", staff, c.admissible.Unix()); err != nil {
			return err
		}
		return w.event(id, domain.EventFoundAdmissible, staff, false, "", c.admissible)
	case c.status == domain.StatusInadmissible:
		if _, err := w.exec("admissibility", id, domain.OutcomeInadmissible, "[]", joinCodes(c.reasons), staff, c.decided.Unix()); err != nil {
			return err
		}
		return w.event(id, domain.EventFoundInadmissible, staff, false, "", c.decided)
	}
	return nil
}

func (w *seedWriter) writeClarification(c seedCase, id, filer int64) error {
	if c.clarification == 0 {
		return nil
	}
	asked := seedLatest(c.submitted, c.admissible).Add(2 * seedDay)
	if asked.After(w.now) {
		asked = w.now.Add(-time.Hour)
	}
	prev := domain.StatusSubmitted
	if !c.admissible.IsZero() {
		prev = domain.StatusUnderReview
	}
	replyBy := asked.AddDate(0, 1, 0).Format(time.DateOnly)
	staff := w.decider(c)
	q, err := w.exec("message", id, staff, domain.MessageClarification, "Please send a legible copy of the identity document and "+
		"any decision closing the proceedings (fictional demo request).", replyBy, prev, nil, asked.Unix())
	if err != nil {
		return err
	}
	if err := w.event(id, domain.EventClarificationRequested, staff, false, replyBy, asked); err != nil {
		return err
	}
	if c.clarification == 1 {
		return nil
	}
	answered := asked.Add(5 * seedDay)
	if _, err := w.exec("message", id, filer, domain.MessageReply, "Here is the information requested (fictional demo reply).", "", "",
		q, answered.Unix()); err != nil {
		return err
	}
	return w.event(id, domain.EventClarificationAnswered, filer, false, "", answered)
}

func (w *seedWriter) writeMeasure(c seedCase, id, _ int64) error {
	if c.measure == "" {
		return nil
	}
	at := seedLatest(c.submitted.Add(seedDay), c.admissible)
	outcome, kind, list, from := c.measure, domain.EventMeasureGranted, []string{"block"}, at.Format(time.DateOnly)
	var liftedBy, liftedAt any
	liftReasons := ""
	if c.measure == "lifted" {
		outcome, liftedBy, liftedAt, liftReasons = domain.MeasureGranted, w.decider(c), min(at.Add(40*seedDay).Unix(), w.now.Unix()), "The feared extradition is no longer pending (fictional)."
	}
	if outcome == domain.MeasureRefused {
		kind, list, from = domain.EventMeasureRefused, nil, ""
	}
	body, _ := json.Marshal(domain.OrEmpty(list))
	if _, err := w.exec("measure", id, outcome, string(body), from, "Fictional reasons for the provisional measure.",
		w.decider(c), at.Unix(), liftedBy, liftedAt, liftReasons); err != nil {
		return err
	}
	return w.event(id, kind, w.decider(c), false, "", at)
}

// writeDecision records the decision and, when it ordered deletion or
// correction, the notice to the NCBs with their acknowledgements.
func (w *seedWriter) writeDecision(c seedCase, id int64, ref string, itemID int64) error {
	if c.outcome == "" {
		return nil
	}
	staff := w.decider(c)
	disclosure, parts := seedParts(c)
	decID, err := w.exec("decision", id, ref+"/D", c.outcome, "Fictional reasons: the Commission examined the file and "+
		"the information provided by the parties.", disclosure, conn.NullID(w.decisionDoc), staff, c.decided.Unix(),
		parts.Detail, parts.Revised, parts.AccessOutcome, parts.AccessDisclosure)
	if err != nil {
		return err
	}
	w.report.Decisions++
	kind := domain.EventDecisionRecorded
	if c.outcome == outcome.Withdrawn {
		kind = domain.EventRequestWithdrawn
	}
	if err := w.event(id, kind, staff, false, "decision.outcome."+c.outcome, c.decided); err != nil {
		return err
	}
	if !c.notice {
		return nil
	}
	return w.writeNotice(c, id, decID, itemID, staff)
}

func (w *seedWriter) writeNotice(c seedCase, id, decID, itemID, staff int64) error {
	action, _ := outcome.NoticeAction(outcome.Effective(domain.DecisionInput{Outcome: c.outcome,
		DecisionParts: domain.DecisionParts{Revised: revisedOf(c)}}))
	t := domain.DataTarget{Key: "request", DataKind: c.dataKind, Source: c.source}
	if itemID != 0 {
		t.Key, t.ItemID = "item:"+strconv.FormatInt(itemID, 10), itemID
	}
	issued := c.decided.Add(10 * seedDay)
	noticeID, err := w.exec("notice", decID, id, conn.NullID(t.ItemID), t.Key, t.DataKind, t.Source, "", action, t.Scope(),
		c.decided.AddDate(0, 1, 0).Format(time.DateOnly), staff, issued.Unix())
	if err != nil {
		return err
	}
	w.report.Notices++
	if err := w.event(id, domain.EventNoticeIssued, staff, true, "notice.action."+action, issued); err != nil {
		return err
	}
	recipients := countries.Members()
	if t.Scope() == domain.ScopeChosen {
		w.rng.Shuffle(len(recipients), func(a, b int) { recipients[a], recipients[b] = recipients[b], recipients[a] })
		recipients = recipients[:3+w.rng.IntN(8)]
	}
	acked := issued.Add(20 * seedDay)
	if acked.After(w.now) {
		acked = seedLatest(issued, w.now.Add(-time.Hour))
	}
	if c.allAcked && t.Scope() == domain.ScopeAllMembers {
		if _, err := w.exec("all_members", noticeID, acked.Unix(), staff); err != nil {
			return err
		}
		return w.event(id, domain.EventDecisionCarriedOut, staff, false, "", acked)
	}
	for k, r := range recipients {
		var at, by any
		if c.allAcked || k%3 != 0 {
			at, by = acked.Unix(), staff
		}
		if _, err := w.exec("recipient", noticeID, r.Code, at, by); err != nil {
			return err
		}
	}
	if c.allAcked {
		return w.event(id, domain.EventDecisionCarriedOut, staff, false, "", acked)
	}
	return nil
}
