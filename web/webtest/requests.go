package webtest

import (
	"bytes"
	"image"
	"image/jpeg"
	"net/http"
	"net/url"
	"strings"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/filetype"
)

// StartAccessRequest starts a draft access request and returns its path.
func (c *Client) StartAccessRequest() string {
	c.t.Helper()
	resp := c.Submit("/requests/new?kind=access", "/requests", url.Values{"kind": {"access"}})
	require.Equal(c.t, http.StatusSeeOther, resp.Status, resp.Body)
	return resp.Location()
}

// SaveSection answers one section of a draft and expects it complete.
func (c *Client) SaveSection(reqPath, section string, values url.Values) *Response {
	c.t.Helper()
	path := reqPath + "/section/" + section
	resp := c.Submit(path, path, values)
	require.Equal(c.t, http.StatusSeeOther, resp.Status, "section %s: %s", section, ErrorSummaryText(resp.Body))
	return resp
}

// AccessAnswers are complete, valid answers for every field section of an
// access request, keyed by section.
func AccessAnswers(representative bool) map[string]url.Values {
	rep := url.Values{"representation": {"self"}}
	if representative {
		rep = url.Values{"representation": {"representative"}, "relationship": {"lawyer"}, "applicant_minor": {"no"}}
	}
	return map[string]url.Values{
		"representation": rep,
		"applicant": {"full_name": {"Amal Haddad"}, "other_names": {"Amal Al-Haddad\nأمل حداد"},
			"birth_date-day": {"14"}, "birth_date-month": {"2"}, "birth_date-year": {"1984"},
			"birth_place": {"Aleppo"}, "nationality": {"SY"}},
		"id-document": {"id_type": {"passport"}, "id_number": {"N1234567"}, "id_issuer": {"SY"},
			"id_expiry-day": {"1"}, "id_expiry-month": {"6"}, "id_expiry-year": {"2030"}},
		"contact": {"contact_email": {"amal@example.org"}, "contact_phone": {"+49 30 1234567"}},
		"data": {"data_kind": {"wanted_diffusion"}, "source_country": {"TR"}, "learned_how": {"border_stop"},
			"learned_details": {"Stopped at Frankfurt airport in January."}},
		"language": {"language": {"en"}},
	}
}

// AccessSections is the order of the field sections.
var AccessSections = []string{"representation", "applicant", "id-document", "contact", "data", "language"}

// FillAccessRequest answers every field section with AccessAnswers.
func (c *Client) FillAccessRequest(reqPath string, representative bool) {
	c.t.Helper()
	answers := AccessAnswers(representative)
	for _, s := range AccessSections {
		c.SaveSection(reqPath, s, answers[s])
	}
}

// UploadDocument uploads a file of the given type to a draft and expects
// success.
func (c *Client) UploadDocument(reqPath, docType, filename string, content string, confidential bool) {
	c.t.Helper()
	fields := []Field{F("doc_type", docType), F("description", "test "+docType)}
	if confidential {
		fields = append(fields, F("confidential", "yes"))
	}
	resp := c.Upload(reqPath+"/documents", reqPath+"/documents", fields, filename, strings.NewReader(content))
	require.Equal(c.t, http.StatusSeeOther, resp.Status, ErrorSummaryText(resp.Body))
}

// ErrorSummaryText extracts the error summary of a page, for test messages.
func ErrorSummaryText(body string) string {
	i := strings.Index(body, `class="error-summary"`)
	if i < 0 {
		if len(body) > 300 {
			return body[:300]
		}
		return body
	}
	end := strings.Index(body[i:], "</div>")
	return body[i : i+end]
}

// PDF returns a small well-formed one-page PDF showing marker.
func PDF(marker string) string { return string(filetype.MinimalPDF(marker)) }

// PDFPages is PDF with n pages.
func PDFPages(marker string, n int) string { return string(filetype.MinimalPDFPages(marker, n)) }

// JPEG returns a small real JPEG picture.
func JPEG() string {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 16)), nil); err != nil {
		panic(err)
	}
	return b.String()
}
