package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// paperFile is one document of an import: its slot's type and content.
type paperFile struct{ docType, name, content string }

// importFields are a valid import's fields, received on 20 February 2026.
func importFields(ref string) [][2]string {
	return [][2]string{{"channel", "post"}, {"received_on-day", "20"}, {"received_on-month", "2"}, {"received_on-year", "2026"},
		{"reference", ref}, {"full_name", "Amina Diallo-Paper"}, {"birth_date-day", "2"}, {"birth_date-month", "4"},
		{"birth_date-year", "1980"}, {"nationality", "SN"}, {"contact_email", "amina.paper@example.org"}, {"language", "fr"},
		{"kind", "deletion"}, {"also_access", "yes"}}
}

// postImport sends the import form as a browser does: the token first,
// the fields, then each document slot (a file, or an empty file input).
func postImport(t *testing.T, app *webtest.App, c *webtest.Client, fields [][2]string, files []paperFile) *webtest.Response {
	t.Helper()
	page := c.Get("/staff/paper")
	require.Equal(t, http.StatusOK, page.Status)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	require.NoError(t, mw.WriteField("_csrf", webtest.CSRFFrom(t, page.Body)))
	for _, f := range fields {
		require.NoError(t, mw.WriteField(f[0], f[1]))
	}
	for i := range 5 {
		n := strconv.Itoa(i + 1)
		var f paperFile
		if i < len(files) {
			f = files[i]
		}
		part, err := mw.CreateFormFile("doc_"+n, f.name)
		require.NoError(t, err)
		_, err = part.Write([]byte(f.content))
		require.NoError(t, err)
		require.NoError(t, mw.WriteField("type_"+n, f.docType))
	}
	require.NoError(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, app.Server.URL+"/staff/paper", &buf)
	require.NoError(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

var twoDocuments = []paperFile{{"correspondence", "letter.pdf", webtest.PDF("the letter")}, {"identity", "passport.jpg", webtest.JPEG()}}

var codePattern = regexp.MustCompile(`[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}`)

// invite creates an invitation on the case and returns the code shown.
func invite(t *testing.T, staff *webtest.Client, desk, who string) string {
	t.Helper()
	resp := staff.Submit(desk, desk+"/invitations", url.Values{"invitee": {who}})
	require.Equal(t, http.StatusOK, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	code := codePattern.FindString(resp.Body)
	require.NotEmpty(t, code, "the code is shown once")
	return code
}

func redeem(c *webtest.Client, code string) *webtest.Response {
	return c.Submit("/invitation", "/invitation", url.Values{"code": {code}})
}

const refusedText = "This code cannot be used."

func TestPaperCaseFollowedThroughAnInvitationCode(t *testing.T) {
	app := webtest.New(t)
	staff := app.Staff("clerk@ccf.example")

	// Imported with two documents: in the queue, submitted on the day it was received.
	resp := postImport(t, app, staff, importFields("ccf-2025-000417"), twoDocuments)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	desk := resp.Location()
	id := requestID(t, strings.TrimPrefix(desk, "/staff"))
	assert.Equal(t, time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC).Unix(),
		app.QueryInt(`SELECT submitted_at FROM requests WHERE id = ?`, id))
	assert.EqualValues(t, 2, app.QueryInt(`SELECT COUNT(*) FROM documents WHERE request_id = ? AND after_filing = 0`, id))
	queue := staff.Get("/staff").Body
	assert.Contains(t, queue, "CCF-2025-000417")
	assert.Contains(t, queue, "Imported from paper or e-mail", "marked in the queue")
	page := staff.Get(desk)
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Imported from paper or e-mail")
	assert.Contains(t, page.Body, "Received by post on")
	assert.Contains(t, page.Body, "letter.pdf")
	assert.Contains(t, page.Body, "passport.jpg")

	// The petitioner, newly registered, sees nothing of it before redeeming.
	amina := app.Petitioner("amina.paper@example.org")
	casePath := "/requests/" + strconv.FormatInt(id, 10)
	assert.Equal(t, http.StatusNotFound, amina.Get(casePath).Status)
	assert.NotContains(t, amina.Get("/dashboard").Body, "CCF-2025-000417")
	assert.Contains(t, amina.Get("/dashboard").Body, "/invitation")

	code := invite(t, staff, desk, "applicant")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM case_invitations WHERE code_hash LIKE ?`, "%"+strings.ReplaceAll(code, "-", "")+"%"),
		"only a hash of the code is kept")
	resp = redeem(amina, strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Equal(t, casePath, resp.Location())
	mine := amina.Get(casePath)
	require.Equal(t, http.StatusOK, mine.Status)
	assert.Contains(t, mine.Body, "CCF-2025-000417")
	assert.Contains(t, mine.Body, "Request received by the CCF by post")
	assert.Contains(t, amina.Get("/dashboard").Body, "CCF-2025-000417")
	assert.Contains(t, staff.Get("/staff/notifications").Body, "An invitation to follow this case in the portal has been used.")
	assert.Contains(t, staff.Get(desk).Body, "Used on")

	// She can act on it: the answer to a clarification.
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, casePath))})
	deskDo(t, staff, desk+"/clarification", desk+"/clarification", url.Values{"body": {"Please send the decision of the court."},
		"reply_by-day": {"30"}, "reply_by-month": {"3"}, "reply_by-year": {"2026"}})
	reply := amina.Upload(casePath, casePath+"/reply", []webtest.Field{webtest.F("body", "Attached.")}, "court.pdf", strings.NewReader(webtest.PDF("court")))
	require.Equal(t, http.StatusSeeOther, reply.Status, webtest.ErrorSummaryText(reply.Body))

	// The code is used: nobody, her included, can use it again.
	other := app.Petitioner("someone.else@example.org")
	used := redeem(other, code)
	assert.Equal(t, http.StatusUnprocessableEntity, used.Status)
	assert.Contains(t, used.Body, refusedText)
	assert.Equal(t, http.StatusNotFound, other.Get(casePath).Status)

	// Counsel redeem a code for counsel: the case is theirs to follow, represented.
	counsel := app.Counsel("lawyer.paper@example.org")
	code = invite(t, staff, desk, "counsel")
	resp = redeem(counsel, code)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	counselPage := counsel.Get(casePath)
	assert.Equal(t, http.StatusOK, counselPage.Status)
	assert.Contains(t, counselPage.Body, "power of attorney signed by the applicant", "told to send it")
	assert.Contains(t, counselPage.Body, casePath+"/further", "and where to send it")
	assert.Equal(t, http.StatusOK, amina.Get(casePath).Status, "the applicant keeps her case")
	assert.Equal(t, "representative", app.QueryString(`SELECT json_extract(answers, '$.representation') FROM requests WHERE id = ?`, id))

	// Nothing of the applicant's details or of a code reaches the logs.
	logs := app.Logs.String()
	for _, secret := range []string{"Amina Diallo-Paper", "1980-04-02", "amina.paper@example.org", code} {
		assert.NotContains(t, logs, secret)
	}
}

func TestInvitationCodesRefusedTheSameWay(t *testing.T) {
	app := webtest.New(t)
	staff := app.Staff("clerk@ccf.example")
	resp := postImport(t, app, staff, importFields("CCF-2024-000031"), twoDocuments[:1])
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	desk := resp.Location()
	casePath := strings.TrimPrefix(desk, "/staff")
	pet := app.Petitioner("pet.paper@example.org")

	wrong := redeem(pet, "ABCD-EFGH-JKMN")
	expiring := invite(t, staff, desk, "applicant")
	revokedCode := invite(t, staff, desk, "applicant")
	iid := app.QueryInt(`SELECT MAX(id) FROM case_invitations`)
	deskDo(t, staff, desk, desk+"/invitations/"+strconv.FormatInt(iid, 10)+"/revoke", url.Values{})
	assert.Contains(t, staff.Get(desk).Body, "Revoked on")
	revoked := redeem(pet, revokedCode)
	forCounsel := redeem(app.Counsel("c.paper@example.org"), expiring)
	app.Clock.Advance(31 * 24 * time.Hour)
	pet = app.Login("pet.paper@example.org")
	expired := redeem(pet, expiring)
	for name, r := range map[string]*webtest.Response{"wrong": wrong, "revoked": revoked, "expired": expired, "another role": forCounsel} {
		assert.Equal(t, http.StatusUnprocessableEntity, r.Status, name)
		assert.Contains(t, r.Body, refusedText, name)
	}
	assert.Equal(t, http.StatusNotFound, pet.Get(casePath).Status)

	// Guesses are throttled: after five refusals the account waits.
	for range 4 {
		redeem(pet, "ABCD-EFGH-JKMN")
	}
	throttled := redeem(pet, "ABCD-EFGH-JKMP")
	assert.Equal(t, http.StatusTooManyRequests, throttled.Status)
	assert.Contains(t, throttled.Body, "Too many codes have been tried.")
}

func TestPaperImportChecksAndRoles(t *testing.T) {
	app := webtest.New(t)
	staff := app.Staff("clerk@ccf.example")
	resp := postImport(t, app, staff, importFields("CCF-2025-000100"), twoDocuments)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	// A reference already taken, a date in the future: refused clearly, nothing kept.
	blobsBefore := app.QueryInt(`SELECT COUNT(*) FROM documents`)
	fields := importFields("CCF-2025-000100")
	fields[1][1], fields[3][1] = "3", "2027"
	resp = postImport(t, app, staff, fields, twoDocuments)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "The date received cannot be in the future")
	resp = postImport(t, app, staff, importFields("CCF-2025-000100"), twoDocuments)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "Another case already has the reference CCF-2025-000100.")
	resp = postImport(t, app, staff, importFields("CCF-2025-000101"), []paperFile{{"correspondence", "letter.exe", "MZ\x90\x00 not allowed"}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Equal(t, blobsBefore, app.QueryInt(`SELECT COUNT(*) FROM documents`))
	assert.EqualValues(t, 1, app.QueryInt(`SELECT COUNT(*) FROM paper_cases`))

	// The portal never allocates an imported reference again.
	assert.GreaterOrEqual(t, app.QueryInt(`SELECT last FROM reference_counters WHERE year = 2025`), int64(100))

	// Only the secretariat imports and invites; a forged post is refused.
	chamber := app.Chamber("judge@ccf.example")
	assert.Equal(t, http.StatusForbidden, chamber.Get("/staff/paper").Status)
	assert.NotContains(t, chamber.Get("/staff").Body, "/staff/paper")
	forged := chamber.Submit("/account/password", "/staff/requests/1/invitations", url.Values{"invitee": {"applicant"}})
	assert.Equal(t, http.StatusForbidden, forged.Status)
	page := staff.Get("/staff/paper")
	forgedImport := chamber.UploadRaw("/staff/paper", []webtest.Field{webtest.F("_csrf", webtest.CSRFFrom(t, chamber.Get("/account/password").Body))},
		"", nil)
	assert.Equal(t, http.StatusForbidden, forgedImport.Status)
	assert.Contains(t, page.Body, "Import a case received by e-mail or post")
	pet := app.Petitioner("p@example.org")
	assert.Equal(t, http.StatusForbidden, pet.Get("/staff/paper").Status)
}
