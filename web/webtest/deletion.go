package webtest

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/stretchr/testify/require"
)

// StartDeletionRequest starts a deletion or correction draft with the
// given form values (kind, also_access, parent_id, follow_up).
func (c *Client) StartDeletionRequest(values url.Values) string {
	c.t.Helper()
	resp := c.Submit("/requests/new?kind=deletion", "/requests", values)
	require.Equal(c.t, http.StatusSeeOther, resp.Status, ErrorSummaryText(resp.Body))
	return resp.Location()
}

// FillDeletionBasics answers the sections a deletion request shares with
// an access request, plus the written summary and the language.
func (c *Client) FillDeletionBasics(reqPath string, representative bool) {
	c.t.Helper()
	answers := AccessAnswers(representative)
	for _, s := range []string{"representation", "applicant", "id-document", "contact", "language"} {
		c.SaveSection(reqPath, s, answers[s])
	}
	c.SaveSection(reqPath, "summary", url.Values{"summary_text": {"The diffusion is politically motivated.\n\nI was granted asylum."}})
}

// AddDataItem adds a challenged data item and expects success.
func (c *Client) AddDataItem(reqPath string, values url.Values) {
	c.t.Helper()
	resp := c.Submit(reqPath+"/data-items", reqPath+"/data-items", values)
	require.Equal(c.t, http.StatusSeeOther, resp.Status, ErrorSummaryText(resp.Body))
}

// ChooseGrounds selects grounds and then explains each one on its page,
// following the redirects as a person would.
func (c *Client) ChooseGrounds(reqPath string, explanations map[string]string, order ...string) {
	c.t.Helper()
	resp := c.Submit(reqPath+"/grounds", reqPath+"/grounds", url.Values{"grounds": order})
	for i := 0; i < len(order); i++ {
		require.Equal(c.t, http.StatusSeeOther, resp.Status, ErrorSummaryText(resp.Body))
		page := resp.Location()
		code := page[strings.LastIndex(page, "/")+1:]
		resp = c.Submit(page, page, url.Values{"explanation": {explanations[code]}})
	}
	require.Equal(c.t, http.StatusSeeOther, resp.Status)
	require.Equal(c.t, reqPath, resp.Location(), "all grounds explained: back to the task list")
}

// UploadEvidence uploads one evidence file and expects success.
func (c *Client) UploadEvidence(reqPath string, fields []Field, filename, content string) {
	c.t.Helper()
	resp := c.Upload(reqPath+"/evidence", reqPath+"/evidence", fields, filename, strings.NewReader(content))
	require.Equal(c.t, http.StatusSeeOther, resp.Status, ErrorSummaryText(resp.Body))
}

// DataItem is a complete data item for a deletion request.
func DataItem() url.Values {
	return url.Values{"data_kind": {"wanted_diffusion"}, "source_country": {"TR"},
		"data_references": {"Diffusion 2024/1234"}, "issued_on-day": {"3"}, "issued_on-month": {"1"}, "issued_on-year": {"2024"}}
}
