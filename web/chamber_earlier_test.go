package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// A case decided before decisions had a life (a decisions row, no
// chamber_decisions row, as migration 0091 found them and as the seed's
// older cases are) is sent to the General Secretariat and implemented
// like any other, and then closes.
func TestACaseDecidedEarlierIsStillImplementedAndSent(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	admit(t, app, app.Staff("clerk@ccf.example"), req)
	clerk := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	id := deskRequest(t, app, req).ID
	app.Exec(`INSERT INTO decisions (request_id, reference, outcome, reasons, decided_by, decided_at)
		SELECT id, reference || '/D', ?, 'Recorded the old way.', (SELECT id FROM users WHERE email = 'secretary@ccf.example'), ?
		FROM requests WHERE id = ?`, outcome.NonCompliantDeletion, app.Clock.Now().Unix(), id)
	app.Exec(`UPDATE requests SET status = 'decided', decided_at = ? WHERE id = ?`, app.Clock.Now().Unix(), id)
	require.Equal(t, int64(0), app.QueryInt(`SELECT COUNT(*) FROM chamber_decisions`))

	desk := deskPath(req)
	page := clerk.Get(desk)
	assert.Contains(t, page.Body, desk+"/decision/sent-to-gs", "the step after adoption is offered")
	assert.NotContains(t, page.Body, desk+"/decision/send\"", "already sent to the applicant")
	decisionStep(t, app, req, "sent-to-gs", nil)
	assert.Contains(t, clerk.Get(desk).Body, desk+"/decision/implemented")
	decisionStep(t, app, req, "implemented", url.Values{"implementation": {"The diffusion was deleted."}})
	assert.Equal(t, string(domain.StatusClosed), app.QueryString(`SELECT status FROM requests WHERE id = ?`, id))
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM decisions WHERE request_id = ?`, id), "not recorded twice")
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'decision_implemented'`))

	// Sending it again is refused: the applicant had it when it was recorded.
	send := clerk.Get(desk + "/decision/send")
	require.Equal(t, http.StatusOK, send.Status)
	resp := clerk.Upload(desk+"/decision/send", desk+"/decision/send", nil, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
}
