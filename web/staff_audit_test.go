package web_test

import (
	"database/sql"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestAuditChainVerifiesAndFailsAfterARowIsAltered(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	deskDo(t, staff, desk+"/notes", desk+"/notes", url.Values{"kind": {"note"}, "body": {"first look"}})
	deskDo(t, staff, desk, desk+"/assign", url.Values{"assignee": {userID(t, app, "clerk@ccf.example")}})
	trail := staff.Get(desk + "/audit")
	require.Equal(t, http.StatusOK, trail.Status)
	assert.Contains(t, trail.Body, "Added a note or consultation")
	assert.Contains(t, trail.Body, "Assigned the case")
	assert.Contains(t, trail.Body, "Staff clerk@ccf.example")

	rep, err := app.DB.VerifyAudit(t.Context())
	require.NoError(t, err)
	require.True(t, rep.OK(), rep.Problem)
	entries := rep.Entries
	assert.Equal(t, []string{"note_add", "case_view", "case_assign", "audit_view"}, auditActions(t, app, req))
	assert.EqualValues(t, 4, entries)

	// The table refuses changes ...
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(app.DataDir, "ccf.db")+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.Exec(`UPDATE audit_log SET actor_id = 1 WHERE id = 2`)
	assert.ErrorContains(t, err, "append-only")
	_, err = conn.Exec(`DELETE FROM audit_log`)
	assert.ErrorContains(t, err, "append-only")
	// ... and someone who removes the guard is still found out.
	app.Exec(`DROP TRIGGER audit_log_no_update`)
	app.Exec(`UPDATE audit_log SET detail = 'note=999 kind=note' WHERE id = 2`)
	rep, err = app.DB.VerifyAudit(t.Context())
	require.NoError(t, err)
	assert.False(t, rep.OK())
	assert.EqualValues(t, 2, rep.BrokenID)
	assert.EqualValues(t, 1, rep.Entries, "the entries before the break are intact")
}
