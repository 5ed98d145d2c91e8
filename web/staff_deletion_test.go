package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestDeletionThroughClarificationMeasuresDecisionAndNotice(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	staff := app.Staff("clerk@ccf.example")
	judge := app.Chamber("judge@ccf.example") // the Chamber decides
	desk := deskPath(req)
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	assert.Equal(t, domain.AddMonths(webtest.Start, 9), deskRequest(t, app, req).DueAt, "9 months for deletion")

	// Clarification: the case waits for the applicant, who answers with a file.
	deskDo(t, staff, desk+"/clarification", desk+"/clarification", url.Values{
		"body":         {"Please send the prosecutor's decision closing the case."},
		"reply_by-day": {"1"}, "reply_by-month": {"4"}, "reply_by-year": {"2026"}})
	assert.Equal(t, domain.StatusAwaitingApplicant, deskRequest(t, app, req).Status)
	mine := amal.Get(req)
	assert.Contains(t, mine.Body, "The CCF needs more information from you. Please answer by 1 April 2026.")
	assert.Contains(t, mine.Body, "Please send the prosecutor&#39;s decision closing the case.")
	empty := amal.Upload(req, req+"/reply", []webtest.Field{webtest.F("body", " ")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, empty.Status)
	assert.Contains(t, empty.Body, "Write your answer")
	reply := amal.Upload(req, req+"/reply", []webtest.Field{webtest.F("body", "Attached is the closure decision of 2025.")},
		"closure.pdf", strings.NewReader(webtest.PDF("closure-decision")))
	require.Equal(t, http.StatusSeeOther, reply.Status, webtest.ErrorSummaryText(reply.Body))
	assert.Equal(t, domain.StatusUnderReview, deskRequest(t, app, req).Status, "back to the examination")
	mine = amal.Get(req)
	assert.Contains(t, mine.Body, "Your answer was sent to the CCF.")
	assert.Contains(t, mine.Body, "Attached is the closure decision of 2025.", "both sides see the thread")
	page := staff.Get(desk)
	assert.Contains(t, page.Body, "Attached is the closure decision of 2025.")
	closure := staffDocLinks(page.Body)["closure.pdf"]
	require.NotEmpty(t, closure)
	assert.Equal(t, webtest.PDF("closure-decision"), staff.Get(closure).Body)

	// A consultation stays internal.
	deskDo(t, staff, desk+"/notes", desk+"/notes", url.Values{"kind": {"consult_source_ncb"},
		"body": {"NCB Ankara confirms the warrant is still active."}})
	assert.Contains(t, staff.Get(desk).Body, "NCB Ankara confirms the warrant is still active.")
	mine = amal.Get(req)
	assert.NotContains(t, mine.Body, "NCB Ankara")
	assert.NotContains(t, mine.Body, "Consultation")

	// Provisional blocking while the case is examined.
	deskDo(t, judge, desk+"/measures", desk+"/measures", url.Values{"outcome": {"granted"}, "measures": {"block"},
		"effective_from-day": {"2"}, "effective_from-month": {"3"}, "effective_from-year": {"2026"},
		"reasons": {"An extradition hearing is scheduled."}})
	mine = amal.Get(req)
	assert.Contains(t, mine.Body, "Provisional measures granted on 2 March 2026")
	assert.Contains(t, mine.Body, "Block the data while the request is examined")
	assert.Contains(t, mine.Body, "An extradition hearing is scheduled.")
	assert.Contains(t, amal.Get("/inbox").Body, "The CCF has decided on provisional measures.", "the applicant is told")

	// The decision orders deletion: drafted, adopted at a session, sent to
	// the General Secretariat, then to the applicant before the General
	// Secretariat reports its implementation.
	draftDecision(t, app, req, webtest.F("outcome", "non_compliant_deletion"),
		webtest.F("reasons", "The diffusion is predominantly political (Art. 3)."))
	onAgenda(t, app, req)
	adoptDecision(t, app, req)
	decisionStep(t, app, req, "sent-to-gs", nil)
	sendDecision(t, app, req, "", "")
	mine = amal.Get(req)
	assert.Contains(t, mine.Body, "The CCF decided that INTERPOL must delete the data about you that your request concerns.")
	assert.NotContains(t, mine.Body, "Carried out")
	assert.Equal(t, domain.StatusDecided, deskRequest(t, app, req).Status, "open until the implementation is reported")

	// The notice goes to the NCBs that received the diffusion.
	form := staff.Get(desk + "/notices")
	require.Equal(t, http.StatusOK, form.Status)
	assert.Contains(t, form.Body, "Diffusion 2024/1234")
	target := regexpFind(t, form.Body, `name="target" value="([^"]+)"`)
	issued := staff.Submit(desk+"/notices", desk+"/notices", url.Values{"target": {target},
		"effective_on-day": {"1"}, "effective_on-month": {"4"}, "effective_on-year": {"2026"},
		"countries": {"DE", "FR", "NL"}})
	require.Equal(t, http.StatusSeeOther, issued.Status, webtest.ErrorSummaryText(issued.Body))
	notice := staff.Get(issued.Location())
	require.Equal(t, http.StatusOK, notice.Status)
	assert.Contains(t, notice.Body, "CCF-2026-000001/D")
	assert.Contains(t, notice.Body, "delete the data")
	assert.Contains(t, notice.Body, "1 April 2026")
	assert.Contains(t, notice.Body, "Not yet confirmed (3)")
	assert.Contains(t, notice.Body, "Germany, France, Netherlands")
	mine = amal.Get(req)
	assert.Contains(t, mine.Body, "Being carried out")

	deskDo(t, staff, issued.Location(), issued.Location()+"/acknowledge", url.Values{"countries": {"DE", "FR"}})
	notice = staff.Get(issued.Location())
	assert.Contains(t, notice.Body, "Not yet confirmed (1)")
	assert.Contains(t, notice.Body, `<p id="pending-list">Netherlands</p>`, "who has not yet confirmed")
	assert.Contains(t, notice.Body, "Not confirmed since 2 March 2026.", "a follow-up list")
	assert.Equal(t, domain.StatusDecided, deskRequest(t, app, req).Status)

	// The implementation reported closes the case though the Netherlands
	// have not confirmed: acknowledgements are a follow-up list, never a
	// condition for closing.
	decisionStep(t, app, req, "implemented", url.Values{"implementation": {"The diffusion was deleted."}})
	assert.Equal(t, domain.StatusClosed, deskRequest(t, app, req).Status)
	mine = amal.Get(req)
	assert.Contains(t, mine.Body, "General Secretariat reported on 2 March 2026 that it had carried out the decision")
	assert.NotContains(t, mine.Body, "all of them confirmed", "acknowledgements are not what closes the case")
	assert.NotContains(t, mine.Body, "Netherlands", "the applicant does not see the recipients")
	deskDo(t, staff, issued.Location(), issued.Location()+"/acknowledge", url.Values{"countries": {"NL"}})
	assert.Contains(t, staff.Get(issued.Location()).Body, "Every recipient has confirmed")

	assert.Equal(t, []string{"admissibility", "clarification_send", "document_download", "note_add", "measure_record",
		"decision_draft", "agenda_add", "decision_adopt", "decision_sent_gs", "decision_sent_applicant", "notice_issue",
		"notice_acknowledge", "decision_implemented", "notice_acknowledge"}, without(auditActions(t, app, req), "case_view"))
	assertAuditIntact(t, app)
}
