package webtest

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// CounselOf registers a counsel of the given firm and signs them in.
func (a *App) CounselOf(name, email, firm string) *Client {
	a.t.Helper()
	resp := a.NewClient().Submit("/register", "/register", url.Values{"role": {string(domain.RoleCounsel)}, "name": {name},
		"organisation": {firm}, "email": {email}, "password": {Password}})
	require.Equal(a.t, http.StatusSeeOther, resp.Status, resp.Body)
	a.markVerified(email)
	return a.Login(email)
}

// ApplicantRecord returns complete record values for a person.
func ApplicantRecord(name, expiryYear string) url.Values {
	v := url.Values{}
	for _, s := range []string{"applicant", "id-document", "contact"} {
		for k, vs := range AccessAnswers(true)[s] {
			v[k] = vs
		}
	}
	v.Set("full_name", name)
	v.Set("id_expiry-year", expiryYear)
	return v
}

// AddApplicant creates an applicant record and returns its path.
func (c *Client) AddApplicant(values url.Values) string {
	c.t.Helper()
	resp := c.Submit("/applicants/new", "/applicants", values)
	require.Equal(c.t, http.StatusSeeOther, resp.Status, ErrorSummaryText(resp.Body))
	return resp.Location()
}

// StartFilingFor starts a draft of kind for a kept applicant record.
func (c *Client) StartFilingFor(applicantPath, kind string) string {
	c.t.Helper()
	resp := c.Submit(applicantPath, "/requests", url.Values{"kind": {kind},
		"applicant_id": {strings.TrimPrefix(applicantPath, "/applicants/")}})
	require.Equal(c.t, http.StatusSeeOther, resp.Status, ErrorSummaryText(resp.Body))
	return resp.Location()
}
