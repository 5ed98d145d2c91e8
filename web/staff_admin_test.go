package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

const chief = "chief@ccf.example"

// memberPath is the administrators' page of the account using email.
func memberPath(app *webtest.App, email string) (string, int64) {
	id := app.QueryInt(`SELECT id FROM users WHERE email = ?`, email)
	return "/staff/admin/" + strconv.FormatInt(id, 10), id
}

// auditCount counts the audit entries of action by actor about user, whose
// detail names the user by id only.
func auditCount(app *webtest.App, action string, actor, user int64) int64 {
	return app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND actor_id = ? AND request_id = 0
		AND (detail = ? OR detail LIKE ?) AND detail NOT LIKE '%@%'`, action, actor,
		"user="+strconv.FormatInt(user, 10), "user="+strconv.FormatInt(user, 10)+" %")
}

// TestAnAdministratorAddsAMemberWhoChoosesTheirOwnPassword follows the link
// the new member receives, then their first sign-in with its enrolment.
func TestAnAdministratorAddsAMemberWhoChoosesTheirOwnPassword(t *testing.T) {
	app := webtest.New(t)
	admin := app.Administrator(chief)
	assert.Contains(t, admin.Get("/staff").Body, `href="/staff/admin"`)
	const member = "judge@ccf.example"
	resp := admin.Submit("/staff/admin", "/staff/admin", url.Values{"name": {"Judge Dupont"}, "email": {member}, "role": {"chamber"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Contains(t, admin.Get("/staff/admin").Body, "Judge Dupont")

	mails := app.MailTo(member)
	require.Len(t, mails, 1)
	assert.NotContains(t, mails[0].Body(), "Dupont", "the e-mail names nobody")
	link := app.LinkIn(mails[0])
	resp = app.NewClient().Submit(link, link, url.Values{"new_password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Equal(t, http.StatusNotFound, app.NewClient().Get(link).Status, "the link works once")

	desk := app.Login(member) // enrols the second factor at this first sign-in
	assert.Equal(t, http.StatusOK, desk.Get("/staff").Status)
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM totp_factors f JOIN users u ON u.id = f.user_id
		WHERE u.email = ? AND f.confirmed_at IS NOT NULL`, member))
	_, id := memberPath(app, member)
	_, adminID := memberPath(app, chief)
	assert.Equal(t, "chamber", app.QueryString(`SELECT staff_role FROM users WHERE id = ?`, id))
	assert.Equal(t, int64(1), auditCount(app, "staff_add", adminID, id))
}

// TestAnAddedMembersFormIsShownAgainWithWhatWasTyped refuses a bad address
// and one already in use, keeping the name.
func TestAnAddedMembersFormIsShownAgainWithWhatWasTyped(t *testing.T) {
	app := webtest.New(t)
	admin := app.Administrator(chief)
	resp := admin.Submit("/staff/admin", "/staff/admin", url.Values{"name": {"Ana Ruiz"}, "email": {"not an address"}, "role": {"secretariat"}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "Ana Ruiz")
	resp = admin.Submit("/staff/admin", "/staff/admin", url.Values{"name": {"Ana Ruiz"}, "email": {chief}, "role": {"secretariat"}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, webtest.ErrorSummaryText(resp.Body), "An account already uses this email address")
	assert.Empty(t, app.MailTo(chief))
}

// TestDisablingAfterConfirmationEndsEverySessionAtOnce disables a member
// signed in twice, enables them again, changes their role and resets their
// second factor, each audited.
func TestDisablingAfterConfirmationEndsEverySessionAtOnce(t *testing.T) {
	app := webtest.New(t)
	admin := app.Administrator(chief)
	desk := app.Staff(clerk)
	laptop := app.Login(clerk)
	path, id := memberPath(app, clerk)
	_, adminID := memberPath(app, chief)

	confirm := admin.Get(path + "/disable")
	require.Equal(t, http.StatusOK, confirm.Status)
	assert.Contains(t, confirm.Body, "every session signed in to the account ends at once")
	assert.Equal(t, int64(2), app.QueryInt(`SELECT COUNT(*) FROM sessions WHERE user_id = ?`, id), "nothing happens before the confirmation")
	resp := admin.SubmitFrom(confirm.Body, path+"/disable", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Equal(t, int64(0), app.QueryInt(`SELECT COUNT(*) FROM sessions WHERE user_id = ?`, id))
	assert.Equal(t, http.StatusSeeOther, desk.Get("/staff").Status)
	assert.Equal(t, http.StatusSeeOther, laptop.Get("/staff").Status)
	assert.Contains(t, admin.Get(path).Body, "Disabled")
	assert.Equal(t, int64(1), auditCount(app, "staff_disable", adminID, id))

	require.Equal(t, http.StatusSeeOther, admin.Submit(path, path+"/enable", nil).Status)
	assert.Equal(t, int64(1), auditCount(app, "staff_enable", adminID, id))
	require.Equal(t, http.StatusSeeOther, admin.Submit(path, path+"/role", url.Values{"role": {"chamber"}}).Status)
	assert.Equal(t, "chamber", app.QueryString(`SELECT staff_role FROM users WHERE id = ?`, id))
	assert.Equal(t, int64(1), auditCount(app, "staff_role", adminID, id))
	require.Equal(t, http.StatusSeeOther, admin.Submit(path, path+"/reset-factor", nil).Status)
	assert.Equal(t, int64(0), app.QueryInt(`SELECT COUNT(*) FROM totp_factors WHERE user_id = ?`, id))
	assert.Equal(t, int64(1), auditCount(app, "staff_factor_reset", adminID, id))
	assert.Equal(t, http.StatusOK, app.Login(clerk).Get("/staff").Status, "enabled, and enrolled again")
}

// TestOnlyAdministratorsReachTheStaffAccounts refuses the page and forged
// posts to every other role, and hides the link from them.
func TestOnlyAdministratorsReachTheStaffAccounts(t *testing.T) {
	app := webtest.New(t)
	app.Administrator(chief)
	path, id := memberPath(app, chief)
	others := map[string]*webtest.Client{"secretariat": app.Staff(clerk), "chamber": app.Chamber("judge@ccf.example"),
		"petitioner": app.Petitioner("person@example.org")}
	for name, c := range others {
		home := c.Get("/account")
		require.Equal(t, http.StatusOK, home.Status, name)
		assert.NotContains(t, home.Body, `href="/staff/admin"`, name)
		for _, p := range []string{"/staff/admin", path, path + "/disable"} {
			assert.Equal(t, http.StatusForbidden, c.Get(p).Status, "%s GET %s", name, p)
		}
		for _, p := range []string{path + "/disable", path + "/role", path + "/reset-factor", path + "/enable", "/staff/admin"} {
			resp := c.SubmitFrom(home.Body, p, url.Values{"role": {"secretariat"}, "name": {"X"}, "email": {"x@ccf.example"}, "password": {"x"}})
			assert.Equal(t, http.StatusForbidden, resp.Status, "%s POST %s", name, p)
		}
	}
	assert.NotContains(t, others["secretariat"].Get("/staff").Body, `href="/staff/admin"`)
	assert.Equal(t, "administrator", app.QueryString(`SELECT staff_role FROM users WHERE id = ?`, id))
	assert.Equal(t, int64(0), app.QueryInt(`SELECT COUNT(*) FROM users WHERE email = 'x@ccf.example'`))
	assert.Equal(t, int64(0), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action LIKE 'staff_%'`))
}

// TestTheLastAdministratorStays refuses disabling oneself, and taking the
// role from the only active administrator; a second one makes it possible.
func TestTheLastAdministratorStays(t *testing.T) {
	app := webtest.New(t)
	admin := app.Administrator(chief)
	path, _ := memberPath(app, chief)

	resp := admin.Submit(path+"/disable", path+"/disable", nil)
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "You cannot disable your own account")
	resp = admin.Submit(path, path+"/role", url.Values{"role": {"secretariat"}})
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "only active administrator")
	assert.Equal(t, "administrator", app.QueryString(`SELECT staff_role FROM users WHERE email = ?`, chief))

	second := app.Administrator("deputy@ccf.example")
	deputy, _ := memberPath(app, "deputy@ccf.example")
	require.Equal(t, http.StatusSeeOther, second.Submit(deputy+"/disable", path+"/disable", nil).Status)
	assert.Equal(t, http.StatusSeeOther, admin.Get("/staff").Status, "a disabled administrator is signed out")
	resp = second.Submit(deputy, deputy+"/role", url.Values{"role": {"chamber"}})
	assert.Equal(t, http.StatusConflict, resp.Status, "the deputy is now the only active administrator")
}
