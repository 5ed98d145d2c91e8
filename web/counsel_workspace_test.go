package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// uploadRecordDoc keeps a document on an applicant record.
func uploadRecordDoc(t *testing.T, c *webtest.Client, applicant, docType, name string, signed ...string) *webtest.Response {
	t.Helper()
	fields := []webtest.Field{webtest.F("doc_type", docType)}
	if len(signed) == 3 {
		fields = append(fields, webtest.F("signed_on-day", signed[0]), webtest.F("signed_on-month", signed[1]),
			webtest.F("signed_on-year", signed[2]))
	}
	return c.Upload(applicant, applicant+"/documents", fields, name, strings.NewReader(webtest.PDF(name)))
}

// tableRow returns the table row of a page that mentions text.
func tableRow(body, text string) string {
	i := strings.Index(body, text)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(body[:i], "<tr")
	end := strings.Index(body[i:], "</tr>")
	return body[start : i+end]
}

func TestCounselWithThreeApplicantsFilesForTwoAndSeesTheRightDashboard(t *testing.T) {
	app := webtest.New(t)
	c := app.CounselOf("Maître Dupont", "dupont@avocats.example", "Dupont & Associés")
	alpha := c.AddApplicant(webtest.ApplicantRecord("Alpha Person", "2030"))
	beta := c.AddApplicant(webtest.ApplicantRecord("Beta Person", "2030"))
	gamma := c.AddApplicant(webtest.ApplicantRecord("Gamma Person", "2020"))

	resp := uploadRecordDoc(t, c, alpha, "identity", "alpha-passport.pdf")
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	noDate := uploadRecordDoc(t, c, alpha, "power_of_attorney", "alpha-poa.pdf")
	assert.Contains(t, noDate.Body, "Enter the date the power of attorney was signed")
	uploadRecordDoc(t, c, alpha, "power_of_attorney", "alpha-poa.pdf", "10", "2", "2026")
	uploadRecordDoc(t, c, beta, "power_of_attorney", "beta-poa.pdf", "1", "1", "2024")

	access := c.StartFilingFor(alpha, "access")
	docs := c.Get(access + "/documents")
	assert.Contains(t, docs.Body, "alpha-passport.pdf", "the kept identity document is attached")
	assert.Contains(t, docs.Body, "alpha-poa.pdf", "the kept power of attorney is attached")
	assert.Contains(t, c.Get(access+"/section/applicant").Body, `value="Alpha Person"`, "details come from the record")
	c.FillAccessRequest(access, true)
	c.SaveSection(access, "applicant", url.Values{"full_name": {"Alpha Person"}, "birth_date-day": {"14"},
		"birth_date-month": {"2"}, "birth_date-year": {"1984"}, "nationality": {"SY"}})
	filed := submitDraft(t, c, access)
	require.Equal(t, http.StatusSeeOther, filed.Status, webtest.ErrorSummaryText(filed.Body))
	urgent := c.Upload(access+"/urgent", access+"/urgent", urgentFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, urgent.Status, webtest.ErrorSummaryText(urgent.Body))
	c.StartFilingFor(beta, "deletion")

	dash := c.Get("/dashboard")
	require.Equal(t, http.StatusOK, dash.Status)
	for _, name := range []string{"Alpha Person", "Beta Person", "Gamma Person"} {
		assert.Contains(t, dash.Body, name)
	}
	assert.Less(t, strings.Index(dash.Body, "Alpha Person"), strings.Index(dash.Body, "Beta Person"), "urgent first")
	assert.Contains(t, tableRow(dash.Body, "Alpha Person"), "Urgent: event on 5 March 2026")
	assert.Contains(t, tableRow(dash.Body, "Beta Person"), "Finish a draft")
	assert.Contains(t, tableRow(dash.Body, "Beta Person"), "Power of attorney missing or old", "signed over a year ago")
	assert.Contains(t, tableRow(dash.Body, "Gamma Person"), "The identity document has expired")
	assert.Contains(t, tableRow(dash.Body, "Gamma Person"), "None yet")

	record := c.Get(gamma)
	assert.Contains(t, record.Body, "The identity document has expired")
	assert.Contains(t, record.Body, "No power of attorney is kept on the record")
	assert.Contains(t, c.Get(alpha).Body, "Record created by Maître Dupont")
}

func TestInvitedColleagueSeesOneApplicantAndRevokedAccessAnswers404(t *testing.T) {
	app := webtest.New(t)
	lead := app.CounselOf("Lead Counsel", "lead@firm.example", "Justice Partners")
	colleague := app.CounselOf("Colleague Counsel", "colleague@firm.example", "justice partners ")
	outsider := app.CounselOf("Outside Counsel", "out@other.example", "Other Firm")
	shared := lead.AddApplicant(webtest.ApplicantRecord("Shared Person", "2030"))
	private := lead.AddApplicant(webtest.ApplicantRecord("Private Person", "2030"))
	sharedReq := lead.StartFilingFor(shared, "access")
	privateReq := lead.StartFilingFor(private, "access")

	refused := lead.Submit(shared, shared+"/access", url.Values{"email": {"out@other.example"}})
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "No counsel account of your firm has this email address")
	resp := lead.Submit(shared, shared+"/access", url.Values{"email": {"colleague@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, lead.Get(shared).Body, "Lead Counsel gave access to Colleague Counsel")

	dash := colleague.Get("/dashboard")
	assert.Contains(t, dash.Body, "Shared Person")
	assert.NotContains(t, dash.Body, "Private Person")
	assert.Equal(t, http.StatusOK, colleague.Get(shared).Status)
	assert.Equal(t, http.StatusOK, colleague.Get(sharedReq).Status)
	colleague.SaveSection(sharedReq, "language", url.Values{"language": {"fr"}})
	for _, path := range []string{private, private + "/edit", privateReq, privateReq + "/documents"} {
		assert.Equal(t, http.StatusNotFound, colleague.Get(path).Status, path)
		assert.Equal(t, http.StatusNotFound, outsider.Get(path).Status, path)
	}
	cannot := colleague.Submit(shared, shared+"/access", url.Values{"email": {"lead@firm.example"}})
	assert.Equal(t, http.StatusForbidden, cannot.Status, "only the record's creator shares it")

	page := lead.Get(shared)
	uid := between(page.Body, shared+"/access/", "/revoke")
	revoke := lead.PostForm(shared+"/access/"+uid+"/revoke", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	require.Equal(t, http.StatusSeeOther, revoke.Status)
	for _, path := range []string{shared, sharedReq, sharedReq + "/section/language"} {
		assert.Equal(t, http.StatusNotFound, colleague.Get(path).Status, path)
	}
	assert.NotContains(t, colleague.Get("/dashboard").Body, "Shared Person")
	assert.Contains(t, lead.Get(shared).Body, "Lead Counsel withdrew the access of Colleague Counsel")
}

func between(s, before, after string) string {
	i := strings.Index(s, before)
	if i < 0 {
		return ""
	}
	rest := s[i+len(before):]
	return rest[:strings.Index(rest, after)]
}

func TestPetitionerGrantsAndRevokesCounselAccess(t *testing.T) {
	app := webtest.New(t)
	p := app.Petitioner("amal@example.org")
	req := fileAccessRequest(t, p)
	counsel := app.CounselOf("Appointed Counsel", "appointed@firm.example", "Any Firm")
	assert.Equal(t, http.StatusNotFound, counsel.Get(req).Status)

	resp := p.Submit("/representation", "/representation", url.Values{"email": {"appointed@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, p.Get("/representation").Body, "Appointed Counsel")
	assert.Equal(t, http.StatusOK, counsel.Get(req).Status)
	assert.Contains(t, counsel.Get("/dashboard").Body, "Amal Haddad")
	assert.Contains(t, p.Get(req).Body, "Represented by")
	assert.Contains(t, p.Get(req).Body, "Appointed Counsel")

	further := counsel.Upload(req+"/further", req+"/further", []webtest.Field{webtest.F("text", "Counsel's observations.")}, "", nil)
	require.Equal(t, http.StatusSeeOther, further.Status, webtest.ErrorSummaryText(further.Body))
	assert.Contains(t, p.Get(req).Body, "by Appointed Counsel", "every action says who did it")

	page := p.Get("/representation")
	uid := between(page.Body, "/representation/", "/revoke")
	p.PostForm("/representation/"+uid+"/revoke", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	assert.Equal(t, http.StatusNotFound, counsel.Get(req).Status)
	assert.NotContains(t, p.Get(req).Body, "Represented by", "the timeline keeps what they did; the representation ends")

	bad := p.Submit("/representation", "/representation", url.Values{"email": {"nobody@example.org"}})
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
}

func TestApplicantRoutesAreClosedToEveryoneElse(t *testing.T) {
	app := webtest.New(t)
	owner := app.CounselOf("Owner", "owner@firm.example", "Firm")
	rec := owner.AddApplicant(webtest.ApplicantRecord("Secret Person", "2030"))
	uploadRecordDoc(t, owner, rec, "identity", "secret-id.pdf")
	docPath := rec + "/documents/" + between(owner.Get(rec).Body, rec+"/documents/", `"`)

	other := app.CounselOf("Other", "other@firm2.example", "Firm 2")
	for _, path := range []string{rec, rec + "/edit", docPath} {
		resp := other.Get(path)
		assert.Equal(t, http.StatusNotFound, resp.Status, path)
		assert.NotContains(t, resp.Body, "Secret Person")
	}
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	for _, path := range []string{rec, rec + "/access", rec + "/access/1/revoke"} {
		resp := other.PostForm(path, url.Values{"_csrf": {token}, "full_name": {"Hijack"}, "email": {"other@firm2.example"}})
		assert.Equal(t, http.StatusNotFound, resp.Status, path)
	}
	up := other.UploadRaw(rec+"/documents", []webtest.Field{webtest.F("_csrf", token), webtest.F("doc_type", "identity")},
		"x.pdf", strings.NewReader(webtest.PDF("x")))
	assert.Equal(t, http.StatusNotFound, up.Status)
	start := other.PostForm("/requests", url.Values{"_csrf": {token}, "kind": {"access"},
		"applicant_id": {strings.TrimPrefix(rec, "/applicants/")}})
	assert.Equal(t, http.StatusNotFound, start.Status, "no filing for someone else's applicant")

	p := app.Petitioner("p@example.org")
	assert.Equal(t, http.StatusForbidden, p.Get("/applicants/new").Status)
	assert.Equal(t, http.StatusNotFound, p.Get(rec).Status)
	assert.Equal(t, http.StatusForbidden, owner.Get("/representation").Status)
	assert.Equal(t, http.StatusOK, owner.Get(docPath).Status)
}
