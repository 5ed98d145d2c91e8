package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestPetitionerFilesAnAccessRequestFromStartToReference(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")

	dash := c.Get("/dashboard")
	assert.Contains(t, dash.Body, "Start an access request")
	req := c.StartAccessRequest()
	tasks := c.Get(req)
	require.Equal(t, http.StatusOK, tasks.Status)
	assert.Contains(t, tasks.Body, "Who the request is for")
	assert.Contains(t, tasks.Body, "You have completed 1 of 7 sections", "a petitioner files for themself: already answered")

	c.FillAccessRequest(req, false)
	marker := "MARKER-7f3a-passport-scan-plaintext"
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF(marker), true)

	docsPage := c.Get(req + "/documents")
	assert.Contains(t, docsPage.Body, "passport.pdf")
	assert.Contains(t, docsPage.Body, "Confidential")
	assert.Contains(t, docsPage.Body, "PDF")

	check := c.Get(req + "/check")
	require.Equal(t, http.StatusOK, check.Status)
	assert.Contains(t, check.Body, "Amal Haddad")
	assert.Contains(t, check.Body, "Syria")
	assert.Contains(t, check.Body, "14 February 1984")
	assert.Contains(t, check.Body, "A wanted-person diffusion")
	assert.Contains(t, check.Body, "Submit request")
	assert.NotContains(t, check.Body, "Before you can submit")

	noDecl := c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(t, check.Body)}})
	assert.Equal(t, http.StatusUnprocessableEntity, noDecl.Status)
	assert.Contains(t, noDecl.Body, "Confirm the declaration")

	resp := c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(t, check.Body)}, "declaration": {"yes"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	conf := c.Get(resp.Location())
	assert.Contains(t, conf.Body, "CCF-2026-000001")
	assert.Contains(t, conf.Body, "within 4 months")

	casePage := c.Get(req)
	assert.Contains(t, casePage.Body, "Request submitted with reference CCF-2026-000001")
	assert.Contains(t, casePage.Body, "Submitted")
	assert.Contains(t, casePage.Body, "The CCF aims to decide within 4 months of finding the request admissible")
	assert.Contains(t, casePage.Body, "passport.pdf")
	assert.Contains(t, c.Get("/dashboard").Body, "CCF-2026-000001")

	// Filed: read-only.
	edit := c.Submit(req, req+"/section/applicant", url.Values{"full_name": {"Changed"}})
	assert.Equal(t, http.StatusConflict, edit.Status)
	assert.Contains(t, edit.Body, "can no longer be changed")
	again := c.Submit(req, req+"/submit", url.Values{"declaration": {"yes"}})
	assert.Equal(t, http.StatusConflict, again.Status)

	r := onlyRequest(t, app, "amal@example.org")
	assert.Equal(t, domain.StatusSubmitted, r.Status)
	assert.Equal(t, "Amal Haddad", r.ApplicantName)
	assert.NotZero(t, r.ApplicantID, "the applicant record exists")
	assertEncryptedAtRest(t, app, r.ID, marker, webtest.PDF(marker))
}

func onlyRequest(t *testing.T, app *webtest.App, email string) domain.Request {
	t.Helper()
	u, err := app.DB.UserByEmail(context.Background(), email)
	require.NoError(t, err)
	list, err := app.DB.RequestsForUser(context.Background(), u)
	require.NoError(t, err)
	require.Len(t, list, 1)
	return list[0]
}

// assertEncryptedAtRest searches every file under the data folder for the
// marker, then decrypts the stored document back to the original SHA-256.
func assertEncryptedAtRest(t *testing.T, app *webtest.App, requestID int64, marker, original string) {
	t.Helper()
	filepath.WalkDir(app.DataDir, func(path string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() {
			return nil
		}
		body, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.NotContains(t, string(body), marker, "plaintext found in %s", path)
		return nil
	})
	docs, err := app.DB.Documents(context.Background(), requestID)
	require.NoError(t, err)
	require.NotEmpty(t, docs)
	f, err := app.Blobs.Open(docs[0].StorageKey)
	require.NoError(t, err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	require.NoError(t, err)
	want := sha256.Sum256([]byte(original))
	assert.Equal(t, hex.EncodeToString(want[:]), hex.EncodeToString(h.Sum(nil)))
	assert.Equal(t, hex.EncodeToString(want[:]), docs[0].SHA256)
}

func TestCounselFilesForAClientWithPowerOfAttorney(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, true)
	c.UploadDocument(req, "identity", "client-id.pdf", webtest.PDF("id"), false)

	check := c.Get(req + "/check")
	assert.Contains(t, check.Body, "Before you can submit")
	assert.Contains(t, check.Body, "Upload the power of attorney")
	assert.NotContains(t, check.Body, "Submit request")
	blocked := c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(t, check.Body)}, "declaration": {"yes"}})
	assert.Equal(t, http.StatusUnprocessableEntity, blocked.Status, "the store refuses even a hand-made post")

	c.UploadDocument(req, "power_of_attorney", "poa.pdf", webtest.PDF("poa"), false)
	check = c.Get(req + "/check")
	assert.Contains(t, check.Body, "I am their lawyer")
	resp := c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(t, check.Body)}, "declaration": {"yes"}})
	require.Equal(t, http.StatusSeeOther, resp.Status)
	assert.Contains(t, c.Get(resp.Location()).Body, "CCF-2026-000001")
}

func TestDraftIsKeptAcrossLogoutAndSessionExpiry(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	answers := webtest.AccessAnswers(false)
	c.SaveSection(req, "applicant", answers["applicant"])
	dash := c.Get("/dashboard")
	c.PostForm("/logout", url.Values{"_csrf": {webtest.CSRFFrom(t, dash.Body)}})

	app.Clock.Advance(48 * 3600 * 1e9) // long gone
	again := app.Login("amal@example.org")
	list := again.Get("/dashboard")
	assert.Contains(t, list.Body, "Draft – continue")
	assert.Contains(t, list.Body, req)
	section := again.Get(req + "/section/applicant")
	assert.Contains(t, section.Body, `value="Amal Haddad"`)
	assert.Contains(t, section.Body, "Amal Al-Haddad\nأمل حداد")
	assert.Contains(t, again.Get(req).Body, "You have completed 2 of 7 sections")
}

func TestInvalidAnswersAreKeptAndExplained(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	path := req + "/section/applicant"
	resp := c.Submit(path, path, url.Values{"full_name": {"Amal <b>Haddad</b>"},
		"birth_date-day": {"31"}, "birth_date-month": {"2"}, "birth_date-year": {"1984"}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "There is a problem")
	assert.Contains(t, resp.Body, "Enter a real date")
	assert.Contains(t, resp.Body, "Select the nationality")
	assert.Contains(t, resp.Body, `href="#nationality"`)
	assert.Contains(t, resp.Body, "Amal &lt;b&gt;Haddad&lt;/b&gt;", "typed text comes back escaped")
	assert.Contains(t, resp.Body, `value="31"`, "the invalid date is kept to fix")

	future := c.Submit(path, path, url.Values{"full_name": {"Amal"}, "nationality": {"SY"},
		"birth_date-day": {"1"}, "birth_date-month": {"1"}, "birth_date-year": {"2030"}})
	assert.Contains(t, future.Body, "The date must be in the past")
	assert.Contains(t, c.Get(req).Body, "In progress")
	bogus := c.Submit(path, path, url.Values{"full_name": {"Amal"}, "nationality": {"XX"},
		"birth_date-day": {"1"}, "birth_date-month": {"1"}, "birth_date-year": {"1980"}})
	assert.Contains(t, bogus.Body, "Select a country from the list")
	data := req + "/section/data"
	notMember := c.Submit(data, data, url.Values{"data_kind": {"red_notice"}, "source_country": {"KP"}, "learned_how": {"online"}})
	assert.Contains(t, notMember.Body, "Select a country from the list", "the source must be an INTERPOL member")
	assert.Equal(t, http.StatusNotFound, c.Get(req+"/section/nonsense").Status)
}

func TestSubmitIsBlockedWhileTheIdentityDocumentIsMissing(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.UploadDocument(req, "supporting", "letter.pdf", webtest.PDF("letter"), false)
	check := c.Get(req + "/check")
	assert.Contains(t, check.Body, "Upload a copy of the identity document")
	assert.NotContains(t, check.Body, "Submit request")
	resp := c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(t, check.Body)}, "declaration": {"yes"}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "cannot be submitted yet")
	assert.Equal(t, domain.StatusDraft, onlyRequest(t, app, "amal@example.org").Status)
}

func TestExpiredIdentityDocumentIsFlaggedButDoesNotBlock(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.SaveSection(req, "id-document", url.Values{"id_type": {"passport"}, "id_number": {"N1"}, "id_issuer": {"SY"},
		"id_expiry-day": {"1"}, "id_expiry-month": {"1"}, "id_expiry-year": {"2020"}})
	c.UploadDocument(req, "identity", "old-passport.jpg", webtest.JPEG(), false)
	check := c.Get(req + "/check")
	assert.Contains(t, check.Body, "The identity document has expired")
	assert.Contains(t, check.Body, "Submit request")
}

func TestRemovingADocumentBeforeSubmission(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.UploadDocument(req, "identity", "wrong.pdf", webtest.PDF("wrong"), false)
	r := onlyRequest(t, app, "amal@example.org")
	docs, _ := app.DB.Documents(context.Background(), r.ID)
	require.Len(t, docs, 1)
	page := c.Get(req + "/documents")
	resp := c.PostForm(req+"/documents/"+strconv.FormatInt(docs[0].ID, 10)+"/remove", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	require.Equal(t, http.StatusSeeOther, resp.Status)
	docs, _ = app.DB.Documents(context.Background(), r.ID)
	assert.Empty(t, docs)
	assert.Zero(t, countFiles(t, filepath.Join(app.DataDir, "evidence")), "the encrypted file is gone too")
}

func countFiles(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func TestRefusedUploadsLeaveNothingBehind(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	big := io.MultiReader(strings.NewReader("%PDF-1.4\n"), io.LimitReader(zeros{}, app.Config.MaxUpload+10))
	resp := c.Upload(req+"/documents", req+"/documents", []webtest.Field{webtest.F("doc_type", "identity")}, "huge.pdf", big)
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.Status)
	assert.Contains(t, resp.Body, "The file is larger than 2 MB")

	html := c.Upload(req+"/documents", req+"/documents", []webtest.Field{webtest.F("doc_type", "identity")}, "scan.pdf",
		strings.NewReader("<html><script>alert(1)</script></html>"))
	assert.Equal(t, http.StatusUnprocessableEntity, html.Status)
	assert.Contains(t, html.Body, "This type of file cannot be uploaded")

	none := c.Upload(req+"/documents", req+"/documents", []webtest.Field{webtest.F("doc_type", "identity")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, none.Status)
	assert.Contains(t, none.Body, "Select a file to upload")

	noType := c.Upload(req+"/documents", req+"/documents", nil, "id.pdf", strings.NewReader(webtest.PDF("x")))
	assert.Equal(t, http.StatusUnprocessableEntity, noType.Status)
	assert.Contains(t, noType.Body, "Select what the document is")

	r := onlyRequest(t, app, "amal@example.org")
	docs, err := app.DB.Documents(context.Background(), r.ID)
	require.NoError(t, err)
	assert.Empty(t, docs, "no row")
	assert.Zero(t, countFiles(t, filepath.Join(app.DataDir, "evidence")), "no file, staged or published")
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestUploadWithoutCSRFTokenFirstIsRefused(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	page := c.Get(req + "/documents")
	token := webtest.CSRFFrom(t, page.Body)
	late := c.UploadRaw(req+"/documents", []webtest.Field{webtest.F("doc_type", "identity"), webtest.F("_csrf", token)}, "id.pdf",
		strings.NewReader(webtest.PDF("x")))
	assert.Equal(t, http.StatusForbidden, late.Status, "the token must come before anything else")
	wrong := c.UploadRaw(req+"/documents", []webtest.Field{webtest.F("_csrf", "forged")}, "id.pdf", strings.NewReader(webtest.PDF("x")))
	assert.Equal(t, http.StatusForbidden, wrong.Status)
	assert.Zero(t, countFiles(t, filepath.Join(app.DataDir, "evidence")))
}

func TestAnotherUserSeesNothingOfTheRequest(t *testing.T) {
	app := webtest.New(t)
	owner := app.Petitioner("amal@example.org")
	req := owner.StartAccessRequest()
	owner.FillAccessRequest(req, false)
	owner.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("secret"), false)
	r := onlyRequest(t, app, "amal@example.org")
	docs, _ := app.DB.Documents(context.Background(), r.ID)
	doc := req + "/documents/" + strconv.FormatInt(docs[0].ID, 10)

	for _, other := range []*webtest.Client{app.Petitioner("other@example.org"), app.Counsel("lawyer@example.org")} {
		for _, path := range []string{req, req + "/section/applicant", req + "/documents", doc, req + "/check", req + "/confirmation"} {
			resp := other.Get(path)
			assert.Equal(t, http.StatusNotFound, resp.Status, path)
			assert.NotContains(t, resp.Body, "Amal Haddad", path)
		}
		page := other.Get("/dashboard")
		token := webtest.CSRFFrom(t, page.Body)
		for _, path := range []string{req + "/section/applicant", req + "/submit", doc + "/remove"} {
			resp := other.PostForm(path, url.Values{"_csrf": {token}, "full_name": {"Hijack"}, "declaration": {"yes"}})
			assert.Equal(t, http.StatusNotFound, resp.Status, path)
		}
		up := other.UploadRaw(req+"/documents", []webtest.Field{webtest.F("_csrf", token), webtest.F("doc_type", "identity")}, "x.pdf", strings.NewReader(webtest.PDF("x")))
		assert.Equal(t, http.StatusNotFound, up.Status)
	}
	assert.Equal(t, http.StatusOK, owner.Get(doc).Status)
	assert.Equal(t, "Amal Haddad", onlyRequest(t, app, "amal@example.org").ApplicantName)
	assert.Equal(t, http.StatusNotFound, owner.Get("/requests/abc").Status)
	assert.Equal(t, http.StatusNotFound, owner.Get("/requests/999999").Status)
}

func TestDownloadIsAnAttachmentWithTheSniffedType(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	content := webtest.PDF("download")
	c.UploadDocument(req, "identity", "my passport\u202E.pdf", content, false)
	r := onlyRequest(t, app, "amal@example.org")
	docs, _ := app.DB.Documents(context.Background(), r.ID)
	resp := c.Get(req + "/documents/" + strconv.FormatInt(docs[0].ID, 10))
	require.Equal(t, http.StatusOK, resp.Status)
	assert.Equal(t, content, resp.Body)
	assert.Equal(t, "application/pdf", resp.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment"))
	assert.NotContains(t, resp.Header.Get("Content-Disposition"), "\u202E")
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
}

func TestDownloadNamesComeFromTheServerNotTheUploader(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	for _, hostile := range []string{"statement.html", "update.hta", "setup.exe", "photo.pdf.exe"} {
		c.UploadDocument(req, "supporting", hostile, webtest.PDF(hostile), false)
	}
	r := onlyRequest(t, app, "amal@example.org")
	docs, _ := app.DB.Documents(context.Background(), r.ID)
	require.Len(t, docs, 4)
	for _, d := range docs {
		id := strconv.FormatInt(d.ID, 10)
		for _, path := range []string{req + "/documents/" + id} {
			resp := c.Get(path)
			require.Equal(t, http.StatusOK, resp.Status)
			assert.Equal(t, `attachment; filename=document-`+id+`.pdf`, resp.Header.Get("Content-Disposition"),
				"served under the detected type's extension, whatever it was called")
		}
		assert.Contains(t, c.Get(req+"/documents").Body, d.Name, "the uploader's name is still shown, as text")
	}
}

func TestAnExpiredSessionAsksToSignInAgainAndKeepsTheDraft(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.SaveSection(req, "applicant", webtest.AccessAnswers(false)["applicant"])
	page := c.Get(req + "/section/contact")
	app.Clock.Advance(2 * time.Hour) // idle past the limit while filling the page
	resp := c.PostForm(req+"/section/contact", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)},
		"contact_email": {"amal@example.org"}})
	assert.Equal(t, http.StatusUnauthorized, resp.Status)
	assert.Contains(t, resp.Body, "Your session has ended. Sign in again to continue; your saved answers are kept.")
	assert.Contains(t, resp.Body, `href="/login"`)
	again := app.Login("amal@example.org")
	assert.Contains(t, again.Get(req+"/section/applicant").Body, `value="Amal Haddad"`)
}
