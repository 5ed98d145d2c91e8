package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Beside each line of the admissibility checklist staff see what the
// portal already knows against it (here an identity document past its
// expiry date), and ticking that line needs a stated reason.
func TestAdmissibilityShowsWhatThePortalKnowsAndAsksWhyAnExpiredIDIsValid(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	app.Exec(`UPDATE requests SET answers = json_set(answers, '$.id_expiry', '2025-01-31') WHERE id = ?`, requestID(t, req))
	fresh := deskFileAccess(t, amal)
	clerk := app.Staff("clerk@ccf.example")
	desk := deskPath(req)

	page := clerk.Get(desk + "/admissibility")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "The expiry date given for the identity document is before today")
	assert.Contains(t, page.Body, `aria-describedby="checks-option-hint"`, "the fact is read with its checklist line")
	assert.NotContains(t, clerk.Get(deskPath(fresh)+"/admissibility").Body, "expiry date given for the identity document is before today",
		"nothing is said against a valid document")

	checks := domain.ChecksFor(deskRequest(t, app, req))
	refused := clerk.Submit(desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"}, "checks": checks})
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "Say in the note why you consider it met")
	assert.Equal(t, domain.StatusSubmitted, deskRequest(t, app, req).Status, "nothing recorded")

	deskDo(t, clerk, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"}, "checks": checks,
		"note": {"A renewed passport, valid to 2035, came by post on 2 March."}})
	assert.Equal(t, domain.StatusAdmissible, deskRequest(t, app, req).Status)
	assert.Equal(t, "A renewed passport, valid to 2035, came by post on 2 March.",
		app.QueryString(`SELECT note FROM admissibility WHERE request_id = ?`, requestID(t, req)))

	// An inadmissible finding needs no such reason: the portal agrees.
	other := deskFileAccess(t, amal)
	app.Exec(`UPDATE requests SET answers = json_set(answers, '$.id_expiry', '2025-01-31') WHERE id = ?`, requestID(t, other))
	deskDo(t, clerk, deskPath(other)+"/admissibility", deskPath(other)+"/admissibility", url.Values{"outcome": {"inadmissible"},
		"reasons": {"id_expired"}})
}
