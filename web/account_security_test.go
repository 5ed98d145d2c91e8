package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

const newPassword = "a different horse, battery and staple"

func TestChangingThePasswordEndsEveryOtherSession(t *testing.T) {
	app := webtest.New(t)
	here := app.Petitioner("amal@example.org")
	there := app.Login("amal@example.org")

	wrong := here.Submit("/account/password", "/account/password", url.Values{
		"current_password": {"not my password at all"}, "new_password": {newPassword}})
	assert.Equal(t, http.StatusUnauthorized, wrong.Status)
	assert.Contains(t, wrong.Body, "Your current password is not right")
	short := here.Submit("/account/password", "/account/password", url.Values{
		"current_password": {webtest.Password}, "new_password": {"short"}})
	assert.Equal(t, http.StatusUnprocessableEntity, short.Status)
	assert.Contains(t, short.Body, "at least 12 characters")
	assert.Equal(t, http.StatusOK, there.Get("/dashboard").Status, "nothing changed yet")

	ok := here.Submit("/account/password", "/account/password", url.Values{
		"current_password": {webtest.Password}, "new_password": {newPassword}})
	require.Equal(t, http.StatusSeeOther, ok.Status, ok.Body)
	assert.Equal(t, "/account", ok.Location())
	assert.Contains(t, here.Get("/account").Body, "Your password has been changed.")
	assert.Equal(t, http.StatusOK, here.Get("/dashboard").Status, "this session stays signed in")
	assert.Equal(t, http.StatusSeeOther, there.Get("/dashboard").Status, "the other session has ended")

	old := app.NewClient().Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusUnauthorized, old.Status)
	fresh := app.NewClient().Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {newPassword}})
	assert.Equal(t, http.StatusSeeOther, fresh.Status)
}

func TestStaffChangeTheirPasswordToo(t *testing.T) {
	app := webtest.New(t)
	desk := app.Staff(clerk)
	other := app.Login(clerk)
	resp := desk.Submit("/account/password", "/account/password", url.Values{
		"current_password": {webtest.Password}, "new_password": {newPassword}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Equal(t, http.StatusOK, desk.Get("/staff").Status)
	assert.Equal(t, http.StatusSeeOther, other.Get("/staff").Status)
	page := desk.Get("/account")
	assert.Contains(t, page.Body, "asks for a code from your authenticator app")
	assert.Contains(t, page.Body, "Recovery codes not yet used: 9", "the second sign-in used one (same step)")
}

var endForm = regexp.MustCompile(`action="/account/sessions/([0-9a-f]{16})/end"`)

// sessionRefs are the sessions a person's account page offers to end.
func sessionRefs(t *testing.T, c *webtest.Client) []string {
	t.Helper()
	page := c.Get("/account")
	require.Equal(t, http.StatusOK, page.Status)
	var refs []string
	for _, m := range endForm.FindAllStringSubmatch(page.Body, -1) {
		refs = append(refs, m[1])
	}
	return refs
}

func TestPeopleSeeTheirSessionsAndEndOthers(t *testing.T) {
	app := webtest.New(t)
	first := app.Petitioner("amal@example.org")
	app.Clock.Advance(5 * time.Minute)
	second := app.Login("amal@example.org")
	app.Clock.Advance(5 * time.Minute)
	third := app.Login("amal@example.org")
	omar := app.Petitioner("omar@example.org")

	page := third.Get("/account")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Equal(t, 1, strings.Count(page.Body, "This session"))
	assert.Contains(t, page.Body, "does not record where they come from")
	assert.NotContains(t, page.Body, "127.0.0.1")
	refs := sessionRefs(t, third)
	require.Len(t, refs, 2, "the two other sessions, not this one")

	// Another person's session is not theirs to end: it is not found.
	token := webtest.CSRFFrom(t, omar.Get("/account").Body)
	resp := omar.PostForm("/account/sessions/"+refs[0]+"/end", url.Values{"_csrf": {token}})
	assert.Equal(t, http.StatusNotFound, resp.Status)
	resp = third.PostForm("/account/sessions/"+refs[0]+"/end", url.Values{})
	assert.Equal(t, http.StatusForbidden, resp.Status, "no form token")
	assert.Equal(t, http.StatusOK, first.Get("/dashboard").Status)
	assert.Equal(t, http.StatusOK, second.Get("/dashboard").Status)

	// The most recently used comes first: the second browser's.
	resp = third.Submit("/account", "/account/sessions/"+refs[0]+"/end", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Contains(t, third.Get("/account").Body, "The session has ended.")
	assert.Equal(t, http.StatusSeeOther, second.Get("/dashboard").Status, "ended at once")
	assert.Equal(t, http.StatusOK, first.Get("/dashboard").Status)
	resp = third.Submit("/account", "/account/sessions/"+refs[0]+"/end", nil)
	assert.Equal(t, http.StatusNotFound, resp.Status, "already over")

	resp = third.Submit("/account", "/account/sessions/end-others", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status)
	assert.Equal(t, http.StatusSeeOther, first.Get("/dashboard").Status)
	assert.Equal(t, http.StatusOK, third.Get("/dashboard").Status)
	assert.Empty(t, sessionRefs(t, third))
	assert.NotContains(t, third.Get("/account").Body, "End all other sessions")
	assert.Equal(t, http.StatusOK, omar.Get("/dashboard").Status, "nobody else's sessions end")
}

func TestTheAccountPageNeedsASignedInPerson(t *testing.T) {
	app := webtest.New(t)
	resp := app.NewClient().Get("/account")
	assert.Equal(t, http.StatusSeeOther, resp.Status)
	assert.Equal(t, "/login?next=%2Faccount", resp.Location())
	app.Register(domain.RoleCounsel, "Nadia Rahman", "nadia@example.org")
	page := app.Login("nadia@example.org").Get("/account")
	assert.Contains(t, page.Body, "asks for your password only")
	assert.Contains(t, page.Body, `href="/account"`, "the account is linked from the navigation")
}

func TestAPasswordStepMadeBeforeAPasswordChangeCannotBeFinished(t *testing.T) {
	app := webtest.New(t)
	desk := app.Staff(clerk)
	thief := passwordStep(t, app, clerk, false)
	resp := desk.Submit("/account/password", "/account/password", url.Values{
		"current_password": {webtest.Password}, "new_password": {newPassword}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	app.Clock.Advance(30 * time.Second)
	page := thief.Get("/login/code")
	assert.Equal(t, http.StatusSeeOther, page.Status, "sent back to the password step")
	assert.Equal(t, "/login", page.Location())
}

func TestAPetitionerMayAddASecondFactorAndTurnItOff(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	page := amal.Get("/account/security-code")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "they still cannot sign in without your phone")
	assert.Contains(t, page.Body, `action="/account/security-code"`)
	secret := webtest.SecretFrom(t, page.Body)
	wrong := amal.SubmitFrom(page.Body, "/account/security-code", url.Values{"code": {"000000"}})
	assert.Equal(t, http.StatusUnauthorized, wrong.Status)
	done := amal.SubmitFrom(page.Body, "/account/security-code", url.Values{"code": {app.Code(secret)}})
	require.Equal(t, http.StatusOK, done.Status, done.Body)
	require.Len(t, webtest.RecoveryCodesFrom(done.Body), 10)
	assert.Contains(t, done.Body, `href="/account"`)
	assert.Equal(t, http.StatusSeeOther, amal.Get("/account/security-code").Status, "already set up")

	// Signing in now asks for the code.
	other := app.NewClient()
	resp := other.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, resp.Status)
	assert.Equal(t, "/login/code", resp.Location())
	assert.Equal(t, http.StatusSeeOther, other.Get("/dashboard").Status, "not signed in between the steps")
	app.Clock.Advance(30 * time.Second)
	resp = other.Submit("/login/code", "/login/code", url.Values{"code": {app.Code(secret)}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Equal(t, "/dashboard", resp.Location())

	wrongPw := amal.Submit("/account/security-code/remove", "/account/security-code/remove",
		url.Values{"current_password": {"not my password at all"}})
	assert.Equal(t, http.StatusUnauthorized, wrongPw.Status)
	off := amal.Submit("/account/security-code/remove", "/account/security-code/remove",
		url.Values{"current_password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, off.Status, off.Body)
	assert.Contains(t, amal.Get("/account").Body, "The security code is turned off.")
	resp = app.NewClient().Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	assert.Equal(t, "/dashboard", resp.Location(), "the password alone signs in again")
}

func TestStaffCannotTurnOffTheirSecondFactor(t *testing.T) {
	app := webtest.New(t)
	desk := app.Staff(clerk)
	assert.Equal(t, http.StatusForbidden, desk.Get("/account/security-code/remove").Status)
	resp := desk.Submit("/account", "/account/security-code/remove", url.Values{"current_password": {webtest.Password}})
	assert.Equal(t, http.StatusForbidden, resp.Status)
	assert.NotContains(t, desk.Get("/account").Body, "Turn off the security code")
	assert.EqualValues(t, 1, app.QueryInt(`SELECT COUNT(*) FROM totp_factors WHERE confirmed_at IS NOT NULL`))
}
