package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestInadmissibleWithReasonsTheApplicantSees(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)

	noReason := staff.Submit(desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"inadmissible"}})
	assert.Equal(t, http.StatusUnprocessableEntity, noReason.Status)
	assert.Contains(t, noReason.Body, "Choose at least one reason why the request is inadmissible")
	incomplete := staff.Submit(desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"}, "checks": {"valid_id"}})
	assert.Equal(t, http.StatusUnprocessableEntity, incomplete.Status)
	assert.Contains(t, incomplete.Body, "an admissible request meets them all")
	assert.Contains(t, incomplete.Body, `value="valid_id" id="checks" checked`, "what was ticked stays ticked")

	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"inadmissible"},
		"reasons": {"id_expired", "other"}, "note": {"The scan of the passport is cut off at the bottom."}})
	assert.Equal(t, domain.StatusInadmissible, deskRequest(t, app, req).Status)

	mine := amal.Get(req)
	assert.Contains(t, mine.Body, "Your request was found inadmissible on 2 March 2026.")
	assert.Contains(t, mine.Body, "The identity document has expired.")
	assert.Contains(t, mine.Body, "Send a copy of an identity document that is still valid.")
	assert.Contains(t, mine.Body, "The scan of the passport is cut off at the bottom.")
	assert.Contains(t, mine.Body, "You can file a new request that includes what was missing.")
	assert.Contains(t, mine.Body, "Request found inadmissible", "on the timeline")
}

func TestIllegalStepsAreRefusedWithAClearMessage(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	staff := app.Staff("clerk@ccf.example")
	judge := app.Chamber("judge@ccf.example")                // the Chamber orders measures
	decide := func(desk, outcome string) *webtest.Response { // the secretariat drafts
		return staff.Upload(desk, desk+"/decision", []webtest.Field{webtest.F("outcome", outcome), webtest.F("reasons", "Reasons.")}, "", nil)
	}

	// Deciding before admissibility, and deciding an inadmissible case.
	early := deskPath(deskFileAccess(t, amal))
	resp := decide(early, "no_data")
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "Decide admissibility first")
	deskDo(t, staff, early+"/admissibility", early+"/admissibility", url.Values{"outcome": {"inadmissible"}, "reasons": {"id_missing"}})
	assert.Contains(t, staff.Get(early+"/decision").Body, "found inadmissible, so it cannot be decided", "said before trying")
	resp = decide(early, "no_data")
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "This request was found inadmissible, so it cannot be decided.")
	again := staff.Submit(early+"/admissibility", early+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.AdmissibilityChecks})
	assert.Equal(t, http.StatusConflict, again.Status, "admissibility is decided once")

	// A second decision.
	deletion := deskFileDeletion(t, amal)
	desk := deskPath(deletion)
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, deletion))})
	decideCase(t, app, deletion, "", "", webtest.F("outcome", "compliant"), webtest.F("reasons", "Reasons."))
	resp = decide(desk, "non_compliant_deletion")
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "This request has already been decided. A second decision is not possible")
	d, err := app.DB.DecisionOf(t.Context(), requestID(t, deletion))
	require.NoError(t, err)
	assert.Equal(t, outcome.Compliant, d.Outcome, "the first decision stands")

	// A notice for a compliant finding.
	assert.Contains(t, staff.Get(desk+"/notices").Body, "did not order deletion or correction")
	resp = staff.Submit(desk, desk+"/notices", url.Values{"target": {"request"}, "effective_on-day": {"1"},
		"effective_on-month": {"4"}, "effective_on-year": {"2026"}, "countries": {"DE"}})
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "The decision did not order deletion or correction, so no deletion notice can be issued.")
	notices, err := app.DB.Notices(t.Context(), requestID(t, deletion))
	require.NoError(t, err)
	assert.Empty(t, notices)

	// Measures on a decided case, and a clarification on it.
	resp = judge.Submit(desk, desk+"/measures", url.Values{"outcome": {"refused"}, "reasons": {"late"}})
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "only be taken while the request is pending")
	resp = staff.Submit(desk, desk+"/clarification", url.Values{"body": {"?"}, "reply_by-day": {"1"}, "reply_by-month": {"4"}, "reply_by-year": {"2026"}})
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "A request that is Closed cannot become Waiting for the applicant.")
	assertAuditIntact(t, app)
}

func TestOnlyStaffReachTheDeskAndApplicantsNeverSeeInternalNotes(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	desk := deskPath(req)
	staff := app.Staff("clerk@ccf.example")
	deskDo(t, staff, desk+"/notes", desk+"/notes", url.Values{"kind": {"note"}, "body": {"INTERNAL-MARKER suspicious timing"}})
	deskDo(t, staff, desk+"/notes", desk+"/notes", url.Values{"kind": {"consult_general_secretariat"}, "body": {"GS-MARKER asked"}})
	other := app.Petitioner("other@example.org")
	otherReq := deskFileAccess(t, other)

	lawyer := app.Counsel("lawyer@example.org")
	for name, c := range map[string]*webtest.Client{"petitioner": amal, "counsel": lawyer} {
		for _, path := range []string{"/staff", desk, desk + "/audit", desk + "/notes", desk + "/decision", desk + "/documents/1"} {
			resp := c.Get(path)
			assert.Equal(t, http.StatusForbidden, resp.Status, name+" "+path)
			assert.NotContains(t, resp.Body, "INTERNAL-MARKER")
		}
		page := c.Get("/dashboard")
		resp := c.PostForm(desk+"/notes", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}, "kind": {"note"}, "body": {"x"}})
		assert.Equal(t, http.StatusForbidden, resp.Status, name)
	}
	mine := amal.Get(req)
	assert.NotContains(t, mine.Body, "INTERNAL-MARKER")
	assert.NotContains(t, mine.Body, "GS-MARKER")
	assert.NotContains(t, mine.Body, "General Secretariat")
	assert.Equal(t, http.StatusNotFound, amal.Get(otherReq).Status, "nor other applicants")
	visitor := app.NewClient().Get(desk)
	assert.Equal(t, http.StatusSeeOther, visitor.Status)

	// Every staff write needs the form token, multipart ones before any file.
	for _, action := range []string{"/notes", "/assign", "/admissibility", "/clarification", "/resume", "/measures",
		"/measures/1/lift", "/decision", "/notices", "/notices/1/acknowledge"} {
		noToken := staff.PostForm(desk+action, url.Values{"kind": {"note"}, "body": {"forged"}, "outcome": {"admissible"}})
		assert.Equal(t, http.StatusForbidden, noToken.Status, action)
	}
	late := staff.UploadRaw(desk+"/decision", []webtest.Field{webtest.F("outcome", "no_data"),
		webtest.F("_csrf", webtest.CSRFFrom(t, staff.Get(desk).Body))}, "d.pdf", strings.NewReader(webtest.PDF("d")))
	assert.Equal(t, http.StatusForbidden, late.Status)
	notes, err := app.DB.Notes(t.Context(), requestID(t, req))
	require.NoError(t, err)
	assert.Len(t, notes, 2)

	// Drafts are invisible to staff.
	draft := other.StartAccessRequest()
	assert.Equal(t, http.StatusNotFound, staff.Get(deskPath(draft)).Status)
}

func TestMeasuresLiftedAndClarificationResumedFromTheDesk(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	staff := app.Staff("clerk@ccf.example")
	judge := app.Chamber("judge@ccf.example") // the Chamber orders measures
	desk := deskPath(req)

	bad := judge.Submit(desk+"/measures", desk+"/measures", url.Values{"outcome": {"granted"}, "reasons": {"r"}})
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	assert.Contains(t, bad.Body, "Choose at least one measure")
	assert.Contains(t, bad.Body, "Enter the date the measures take effect")
	deskDo(t, judge, desk+"/measures", desk+"/measures", url.Values{"outcome": {"granted"}, "measures": {"block", "remove_public"},
		"effective_from-day": {"2"}, "effective_from-month": {"3"}, "effective_from-year": {"2026"}, "reasons": {"Hearing on Friday."}})
	lift := regexpFind(t, judge.Get(desk).Body, `href="(/staff/requests/\d+/measures/\d+/lift)"`)
	noReason := judge.Submit(lift, lift, url.Values{"reasons": {""}})
	assert.Equal(t, http.StatusUnprocessableEntity, noReason.Status)
	deskDo(t, judge, lift, lift, url.Values{"reasons": {"The hearing was cancelled."}})
	mine := amal.Get(req)
	assert.Contains(t, mine.Body, "Remove the extract from INTERPOL&#39;s public website")
	assert.Contains(t, mine.Body, "Lifted on 2 March 2026")
	assert.Contains(t, mine.Body, "The hearing was cancelled.")
	assert.Equal(t, http.StatusConflict, judge.Submit(desk, lift, url.Values{"reasons": {"again"}}).Status)

	deskDo(t, staff, desk+"/clarification", desk+"/clarification", url.Values{"body": {"Any news?"},
		"reply_by-day": {"9"}, "reply_by-month": {"3"}, "reply_by-year": {"2026"}})
	deskDo(t, staff, desk, desk+"/resume", nil)
	assert.Equal(t, domain.StatusSubmitted, deskRequest(t, app, req).Status, "asked before admissibility: back to it")
	assert.NotContains(t, amal.Get(req).Body, "Send your answer", "no longer waiting for an answer")
	late := amal.Upload(req, req+"/reply", []webtest.Field{webtest.F("body", "Too late")}, "", nil)
	assert.Equal(t, http.StatusConflict, late.Status)
	assert.Contains(t, late.Body, "not waiting for an answer")
}

func TestOnlyTheFilerAnswersAndTheTokenComesFirst(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	deskDo(t, staff, desk+"/clarification", desk+"/clarification", url.Values{"body": {"Send the ID"},
		"reply_by-day": {"1"}, "reply_by-month": {"4"}, "reply_by-year": {"2026"}})

	other := app.Petitioner("other@example.org")
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	resp := other.UploadRaw(req+"/reply", []webtest.Field{webtest.F("_csrf", token), webtest.F("body", "hijack")}, "x.pdf",
		strings.NewReader(webtest.PDF("x")))
	assert.Equal(t, http.StatusNotFound, resp.Status)
	late := amal.UploadRaw(req+"/reply", []webtest.Field{webtest.F("body", "hi"), webtest.F("_csrf", webtest.CSRFFrom(t, amal.Get(req).Body))},
		"x.pdf", strings.NewReader(webtest.PDF("x")))
	assert.Equal(t, http.StatusForbidden, late.Status)
	bad := amal.Upload(req, req+"/reply", []webtest.Field{webtest.F("body", "my answer")}, "x.html", strings.NewReader("<html>"))
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	assert.Contains(t, bad.Body, "This type of file cannot be uploaded")
	assert.Equal(t, domain.StatusAwaitingApplicant, deskRequest(t, app, req).Status)
	msgs, err := app.DB.Messages(t.Context(), requestID(t, req))
	require.NoError(t, err)
	assert.Len(t, msgs, 1, "no reply was recorded")
}
