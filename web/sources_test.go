package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// TestTheSourceMayBeAnInternationalEntity: the International Criminal
// Court, the UN tribunals' residual mechanism and the Security Council can
// ask INTERPOL for notices, so a filer can name one as the source; staff
// see it by name, and nothing else passes for one.
func TestTheSourceMayBeAnInternationalEntity(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)

	data := webtest.AccessAnswers(false)["data"]
	data.Set("source_country", "int:nowhere")
	refused := c.Submit(req+"/section/data", req+"/section/data", data)
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "Select a country from the list")

	form := c.Get(req + "/section/data")
	assert.Contains(t, form.Body, `<option value="int:icc">International Criminal Court</option>`)
	assert.Contains(t, form.Body, "International courts, such as the International Criminal Court")
	data = webtest.AccessAnswers(false)["data"]
	data.Set("source_country", "int:icc")
	resp := c.SaveSection(req, "data", data)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, c.Get(req+"/section/data").Body, `<option value="int:icc" selected>`)
	assert.Contains(t, c.Get(req+"/check").Body, "International Criminal Court")

	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	require.Equal(t, http.StatusSeeOther, submitDraft(t, c, req).Status)
	staff := app.Staff("clerk@ccf.example")
	queue := staff.Get("/staff")
	require.Equal(t, http.StatusOK, queue.Status)
	assert.Contains(t, queue.Body, "International Criminal Court", "the queue names the source")

	farid := app.Petitioner("farid@example.org")
	del := farid.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	item := webtest.DataItem()
	item.Set("source_country", "int:unsc")
	farid.AddDataItem(del, item)
	switched := farid.Submit(del, "/language", url.Values{"lang": {"fr"}, "next": {del + "/data-items"}})
	require.Equal(t, http.StatusSeeOther, switched.Status)
	assert.Contains(t, farid.Get(del+"/data-items").Body, "Conseil de sécurité des Nations Unies", "named in the reader's language")
}

// TestWhatInterpolMayHoldTakesSeveralKindsOrAFearOfWhatIsToCome: a red
// notice and diffusions often coexist, and a person may ask before
// anything is known, because they fear a request; the reasons are then
// asked for, and how they learned of the data is not.
func TestWhatInterpolMayHoldTakesSeveralKindsOrAFearOfWhatIsToCome(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	both := webtest.AccessAnswers(false)["data"]
	both["data_kind"] = []string{"red_notice", "wanted_diffusion"}
	require.Equal(t, http.StatusSeeOther, c.SaveSection(req, "data", both).Status)
	check := c.Get(req + "/check")
	assert.Contains(t, check.Body, "A Red Notice")
	assert.Contains(t, check.Body, "A wanted-person diffusion")

	fear := url.Values{"data_kind": {"fear_request"}, "source_country": {"unknown"}}
	refused := c.Submit(req+"/section/data", req+"/section/data", fear)
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "Say why you fear that a country will ask INTERPOL")
	assert.NotContains(t, refused.Body, "Select how you learned of the data", "nothing is known yet: not asked")

	fear = url.Values{"data_kind": {"fear_request"}, "source_country": {"unknown"},
		"fear_reasons": {"The prosecutor in my country said he would have me arrested abroad."}}
	require.Equal(t, http.StatusSeeOther, c.SaveSection(req, "data", fear).Status)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	staff := app.Staff("clerk@ccf.example")
	id := req[len("/requests/"):]
	page := staff.Get("/staff/requests/" + id)
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "The prosecutor in my country said he would have me arrested abroad.", "the reasons are on file for staff")
}
