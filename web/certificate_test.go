package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// deletedCase files a deletion request as amal, and takes it through a
// decision that deletes the data, sent to her.
func deletedCase(t *testing.T, app *webtest.App, amal *webtest.Client) string {
	t.Helper()
	req := deskFileDeletion(t, amal)
	admit(t, app, app.Staff("clerk@ccf.example"), req)
	decideCase(t, app, req, "", "", webtest.F("outcome", outcome.NonCompliantDeletion),
		webtest.F("reasons", "The diffusion does not comply with INTERPOL's rules."))
	return req
}

var certificateLink = regexp.MustCompile(`href="(/(?:staff/)?requests/\d+/certificate/\d+/download)"`)

func TestACertificateIsAppliedForAttachedAndDownloaded(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	amal.TurnOnNewsMail()
	req := deletedCase(t, app, amal)
	amal = app.Login("amal@example.org")

	// The case page leads to the confirmation page, which says what the
	// certificate is, what it is not, and that the CCF decides.
	assert.Contains(t, amal.Get(req).Body, `href="`+req+`/certificate"`)
	page := amal.Get(req + "/certificate")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "issued by INTERPOL&#39;s General Secretariat")
	assert.Contains(t, page.Body, "no notice or diffusion about you")
	assert.Contains(t, page.Body, "It is not a decision of the CCF")
	assert.Contains(t, page.Body, "The CCF decides whether")
	explains(t, page.Body, "certificate")
	resp := amal.SubmitFrom(page.Body, req+"/certificate", url.Values{"purpose": {"A visa application."}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, amal.Get(req).Body, "Your application is waiting for the CCF")

	// One pending at a time: the form is gone and a forged post is refused.
	again := amal.Get(req + "/certificate")
	assert.NotContains(t, again.Body, ">Apply for a certificate<")
	forged := amal.PostForm(req+"/certificate", url.Values{"_csrf": {webtest.CSRFFrom(t, again.Body)}})
	assert.Equal(t, http.StatusConflict, forged.Status)
	assert.Contains(t, forged.Body, "already waiting for the CCF")

	// The secretariat finds it in the queue and on the case.
	clerk := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	ref := deskRequest(t, app, req).Reference
	assert.Equal(t, []string{ref}, queueRefs(t, clerk, "/staff?certificate=1"))
	assert.NotContains(t, queueRefs(t, clerk, "/staff"), ref, "decided: not in the pending queue")
	desk := deskPath(req)
	assert.Contains(t, clerk.Get(desk).Body, "Application waiting for an answer")
	staffPage := clerk.Get(desk + "/certificate")
	assert.Contains(t, staffPage.Body, "A visa application.")

	// Only a PDF: a picture is refused with its reason.
	before := len(newsMail(app, "amal@example.org"))
	bad := clerk.Upload(desk+"/certificate", desk+"/certificate/issue", nil, "certificate.jpg", strings.NewReader(webtest.JPEG()))
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	assert.Contains(t, bad.Body, "must be a PDF file")
	ok := clerk.Upload(desk+"/certificate", desk+"/certificate/issue", nil, "../GS certificate.pdf",
		strings.NewReader(webtest.PDF("CERTIFICATE-MARKER")))
	require.Equal(t, http.StatusSeeOther, ok.Status, webtest.ErrorSummaryText(ok.Body))
	assert.Empty(t, queueRefs(t, clerk, "/staff?certificate=1"), "answered")
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_issue'`))

	// The applicant is told (inbox and the content-free e-mail) and
	// downloads it as an attachment under the server's own name.
	app.DeliverMail()
	news := newsMail(app, "amal@example.org")
	require.Len(t, news, before+1)
	assert.NotContains(t, news[len(news)-1].Body(), ref, "no case content in e-mail")
	assert.Contains(t, amal.Get("/inbox").Body, "The CCF has answered your application for a certificate")
	mine := amal.Get(req + "/certificate")
	assert.Contains(t, mine.Body, "The certificate is attached")
	links := certificateLink.FindStringSubmatch(mine.Body)
	require.Len(t, links, 2)
	file := amal.Get(links[1])
	require.Equal(t, http.StatusOK, file.Status)
	assert.Equal(t, `attachment; filename=certificate-1.pdf`, file.Header.Get("Content-Disposition"))
	assert.Equal(t, "application/pdf", file.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", file.Header.Get("Cache-Control"))
	assert.Contains(t, file.Body, "CERTIFICATE-MARKER")
	staffFile := clerk.Get(desk + "/certificate/1/download")
	assert.Equal(t, http.StatusOK, staffFile.Status)
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_download'`))

	// Someone else's case answers 404, page, post and file alike.
	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(req+"/certificate").Status)
	assert.Equal(t, http.StatusNotFound, other.Get(links[1]).Status)
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	assert.Equal(t, http.StatusNotFound, other.PostForm(req+"/certificate", url.Values{"_csrf": {token}}).Status)
}

func TestACertificateIsRefusedWithAMessageAndOnlyByTheSecretariat(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deletedCase(t, app, amal)
	amal = app.Login("amal@example.org")
	page := amal.Get(req + "/certificate")
	resp := amal.SubmitFrom(page.Body, req+"/certificate", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	desk := deskPath(req)

	// Chamber members and administrators read but may not answer: no
	// form, and a forged post answers 403.
	for _, who := range []*webtest.Client{app.Chamber("judge@ccf.example"), app.Administrator("admin2@ccf.example")} {
		view := who.Get(desk + "/certificate")
		require.Equal(t, http.StatusOK, view.Status)
		assert.NotContains(t, view.Body, "/certificate/refuse")
		token := webtest.CSRFFrom(t, view.Body)
		assert.Equal(t, http.StatusForbidden, who.PostForm(desk+"/certificate/refuse",
			url.Values{"_csrf": {token}, "message": {"No."}}).Status)
		assert.Equal(t, http.StatusForbidden, who.Upload(desk+"/certificate", desk+"/certificate/issue", nil,
			"c.pdf", strings.NewReader(webtest.PDF("x"))).Status)
	}
	// The applicant's side never reaches the staff pages.
	assert.Equal(t, http.StatusForbidden, amal.Get(desk+"/certificate").Status)

	clerk := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	empty := clerk.Submit(desk+"/certificate", desk+"/certificate/refuse", url.Values{"message": {" "}})
	assert.Equal(t, http.StatusUnprocessableEntity, empty.Status)
	deskDo(t, clerk, desk+"/certificate", desk+"/certificate/refuse",
		url.Values{"message": {"The General Secretariat is still updating the file; apply again in a month."}})
	mine := amal.Get(req + "/certificate")
	assert.Contains(t, mine.Body, "does not ask for a certificate now")
	assert.Contains(t, mine.Body, "apply again in a month")
	assert.Contains(t, mine.Body, ">Apply for a certificate<", "may apply again once answered")
	assert.Contains(t, amal.Get(req).Body, "Certificate refused")
	twice := clerk.Submit(desk+"/certificate", desk+"/certificate/refuse", url.Values{"message": {"Again."}})
	assert.Equal(t, http.StatusConflict, twice.Status)
}

func TestNoCertificateBeforeADeletion(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	page := amal.Get(req + "/certificate")
	require.Equal(t, http.StatusOK, page.Status)
	assert.NotContains(t, page.Body, ">Apply for a certificate<")
	assert.NotContains(t, amal.Get(req).Body, req+"/certificate", "no entry on a pending case")
	forged := amal.PostForm(req+"/certificate", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	assert.Equal(t, http.StatusConflict, forged.Status)
	assert.Contains(t, forged.Body, "only once the CCF has sent you a decision")
}
