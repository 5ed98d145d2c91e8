package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/throttle"
	"github.com/ccf-portal/ccfportal/db/domain/twofa"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

const clerk = "clerk@ccf.example"

// passwordStep creates a staff account (as `ccfportal staff add` does) and
// gives its password on a new browser, which is then between the steps.
func passwordStep(t *testing.T, app *webtest.App, email string, create bool) *webtest.Client {
	t.Helper()
	if create {
		_, err := app.DB.CreateUser(context.Background(), domain.NewUser{Email: email, Name: "Jonas Weber",
			Role: domain.RoleStaff, Password: webtest.Password}, password.FastParams)
		require.NoError(t, err)
	}
	c := app.NewClient()
	resp := c.Submit("/login", "/login", url.Values{"email": {email}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	return c
}

func TestStaffEnrolsASecondFactorAtFirstSignIn(t *testing.T) {
	app := webtest.New(t)
	c := passwordStep(t, app, clerk, true)
	assert.Equal(t, http.StatusSeeOther, c.Get("/staff").Status, "the password alone does not open the desk")

	page := c.Get("/login/enrol")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Set up your security code")
	assert.Contains(t, page.Body, `<svg xmlns="http://www.w3.org/2000/svg" class="qr-code"`)
	secret := webtest.SecretFrom(t, page.Body)
	assert.Len(t, secret, 32)
	assert.Equal(t, secret, webtest.SecretFrom(t, c.Get("/login/enrol").Body), "a reload shows the secret already scanned")

	wrong := c.SubmitFrom(page.Body, "/login/enrol", url.Values{"code": {"000000"}})
	assert.Equal(t, http.StatusUnauthorized, wrong.Status)
	assert.Contains(t, wrong.Body, "This code is not right, or was already used")
	assert.Equal(t, secret, webtest.SecretFrom(t, wrong.Body), "the same secret is shown again")
	assert.Equal(t, http.StatusSeeOther, c.Get("/staff").Status)

	done := c.SubmitFrom(page.Body, "/login/enrol", url.Values{"code": {app.Code(secret)}})
	require.Equal(t, http.StatusOK, done.Status, done.Body)
	codes := webtest.RecoveryCodesFrom(done.Body)
	require.Len(t, codes, twofa.RecoveryCodes)
	assert.Contains(t, done.Body, `href="/staff"`)
	assert.Equal(t, http.StatusOK, c.Get("/staff").Status, "signed in once the code is confirmed")

	for _, code := range codes {
		assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM recovery_codes WHERE code_hash = ?`, code),
			"recovery codes are stored hashed only")
	}
	assert.EqualValues(t, 10, app.QueryInt(`SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NULL`))
	assert.Equal(t, http.StatusSeeOther, c.Get("/login/enrol").Status, "the enrolment is over")
}

func TestStaffSignInNeedsACurrentCodeNotUsedBefore(t *testing.T) {
	app := webtest.New(t)
	app.Staff(clerk)
	secret := app.TOTPSecret(clerk)

	c := passwordStep(t, app, clerk, false)
	page := c.Get("/login/code")
	require.Equal(t, http.StatusOK, page.Status)
	used := c.SubmitFrom(page.Body, "/login/code", url.Values{"code": {app.Code(secret)}})
	assert.Equal(t, http.StatusUnauthorized, used.Status, "the enrolment's code cannot sign in again")
	wrong := c.SubmitFrom(page.Body, "/login/code", url.Values{"code": {"123456"}})
	assert.Equal(t, http.StatusUnauthorized, wrong.Status)
	assert.Contains(t, wrong.Body, "This code is not right, or was already used")
	assert.Equal(t, http.StatusSeeOther, c.Get("/staff").Status)

	app.Clock.Advance(twofa.Period)
	code := app.Code(secret)
	ok := c.SubmitFrom(page.Body, "/login/code", url.Values{"code": {code[:3] + " " + code[3:]}})
	require.Equal(t, http.StatusSeeOther, ok.Status, ok.Body)
	assert.Equal(t, "/staff", ok.Location())
	assert.Equal(t, http.StatusOK, c.Get("/staff").Status)

	other := passwordStep(t, app, clerk, false)
	again := other.Submit("/login/code", "/login/code", url.Values{"code": {code}})
	assert.Equal(t, http.StatusUnauthorized, again.Status, "a code seen once cannot sign in a second browser")
	assert.Equal(t, http.StatusSeeOther, other.Get("/staff").Status)

	app.Clock.Advance(twofa.Period)
	late := other.Submit("/login/code", "/login/code", url.Values{"code": {code}})
	assert.Equal(t, http.StatusUnauthorized, late.Status, "an older step than the last used is refused")
}

func TestARecoveryCodeSignsInOnce(t *testing.T) {
	app := webtest.New(t)
	c := passwordStep(t, app, clerk, true)
	page := c.Get("/login/enrol")
	done := c.SubmitFrom(page.Body, "/login/enrol", url.Values{"code": {app.Code(webtest.SecretFrom(t, page.Body))}})
	codes := webtest.RecoveryCodesFrom(done.Body)
	require.NotEmpty(t, codes)

	first := passwordStep(t, app, clerk, false)
	resp := first.Submit("/login/code", "/login/code", url.Values{"code": {strings.ToUpper(codes[3])}})
	require.Equal(t, http.StatusSeeOther, resp.Status, "typed in capitals, it still works")
	assert.Equal(t, http.StatusOK, first.Get("/staff").Status)
	assert.EqualValues(t, 9, app.QueryInt(`SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NULL`))

	second := passwordStep(t, app, clerk, false)
	resp = second.Submit("/login/code", "/login/code", url.Values{"code": {codes[3]}})
	assert.Equal(t, http.StatusUnauthorized, resp.Status, "a recovery code works once")
	assert.Equal(t, http.StatusSeeOther, second.Get("/staff").Status)
}

// TestEveryStaffRouteAnswersAsSignedOutBetweenTheSteps walks every staff
// route of the portal with a session that has passed the password step
// only: each answers exactly as it does to a visitor.
func TestEveryStaffRouteAnswersAsSignedOutBetweenTheSteps(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	app.Staff(clerk)
	pending := passwordStep(t, app, clerk, false)
	token := webtest.CSRFFrom(t, pending.Get("/login/code").Body)
	visitor := app.NewClient()
	visitorToken := webtest.CSRFFrom(t, visitor.Get("/login").Body)

	checked := 0
	for _, r := range app.Portal.Routes() {
		if !strings.HasPrefix(r.Path, "/staff") || strings.HasPrefix(r.Path, "/staff/setup") {
			continue
		}
		path := strings.NewReplacer(":id", req, ":doc", "1", ":measure", "1", ":notice", "1").Replace(r.Path)
		var got, want *webtest.Response
		switch r.Method {
		case http.MethodGet:
			got, want = pending.Get(path), visitor.Get(path)
		case http.MethodPost:
			got = pending.PostForm(path, url.Values{"_csrf": {token}})
			want = visitor.PostForm(path, url.Values{"_csrf": {visitorToken}})
		default:
			continue
		}
		checked++
		assert.Equal(t, want.Status, got.Status, "%s %s", r.Method, path)
		assert.Equal(t, want.Location(), got.Location(), "%s %s", r.Method, path)
		assert.Contains(t, []int{http.StatusSeeOther, http.StatusUnauthorized}, got.Status, "%s %s", r.Method, path)
	}
	assert.Greater(t, checked, 20)
	assert.Equal(t, http.StatusOK, pending.Get("/login/code").Status, "the step is still there to finish")
}

func TestWrongCodesAreThrottled(t *testing.T) {
	app := webtest.New(t)
	app.Staff(clerk)
	c := passwordStep(t, app, clerk, false)
	page := c.Get("/login/code")
	for i := range throttle.FreeLoginFailures {
		resp := c.SubmitFrom(page.Body, "/login/code", url.Values{"code": {"000000"}})
		require.Equal(t, http.StatusUnauthorized, resp.Status, "attempt %d", i+1)
	}
	// The next step's code is right (one step of skew) and unused.
	next, err := twofa.Code(app.TOTPSecret(clerk), twofa.Step(app.Clock.Now())+1)
	require.NoError(t, err)
	resp := c.SubmitFrom(page.Body, "/login/code", url.Values{"code": {next}})
	assert.Equal(t, http.StatusTooManyRequests, resp.Status, "even a right code waits once throttled")
	assert.Contains(t, resp.Body, "Too many")

	// The failures also count in the sign-in throttle of this client.
	again := app.NewClient().Submit("/login", "/login", url.Values{"email": {clerk}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusTooManyRequests, again.Status)

	app.Clock.Advance(time.Minute)
	ok := c.SubmitFrom(page.Body, "/login/code", url.Values{"code": {app.Code(app.TOTPSecret(clerk))}})
	require.Equal(t, http.StatusSeeOther, ok.Status, ok.Body)
	assert.Equal(t, http.StatusOK, c.Get("/staff").Status)
	ok = app.NewClient().Submit("/login", "/login", url.Values{"email": {clerk}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusSeeOther, ok.Status, ok.Body)
}

func TestTheCodeStepNeedsItsFormTokenAndEnds(t *testing.T) {
	app := webtest.New(t)
	app.Staff(clerk)
	c := passwordStep(t, app, clerk, false)
	app.Clock.Advance(twofa.Period)
	resp := c.PostForm("/login/code", url.Values{"code": {app.Code(app.TOTPSecret(clerk))}})
	assert.Equal(t, http.StatusForbidden, resp.Status, "no form token")
	assert.Equal(t, http.StatusSeeOther, c.Get("/staff").Status)

	app.Clock.Advance(twofa.PendingWindow + time.Second)
	page := c.Get("/login/code")
	assert.Equal(t, http.StatusSeeOther, page.Status, "the password step expired")
	assert.Equal(t, "/login", page.Location())
	assert.Equal(t, http.StatusSeeOther, app.NewClient().Get("/login/code").Status, "nothing to finish")
}

func TestEnrollingInTwoTabsKeepsTheFirstAndAsksTheSecondForTheCode(t *testing.T) {
	app := webtest.New(t)
	first := passwordStep(t, app, clerk, true)
	second := passwordStep(t, app, clerk, false)
	page1, page2 := first.Get("/login/enrol"), second.Get("/login/enrol")
	secret := webtest.SecretFrom(t, page1.Body)
	require.Equal(t, secret, webtest.SecretFrom(t, page2.Body))
	done := first.SubmitFrom(page1.Body, "/login/enrol", url.Values{"code": {app.Code(secret)}})
	require.Equal(t, http.StatusOK, done.Status)

	app.Clock.Advance(twofa.Period)
	late := second.SubmitFrom(page2.Body, "/login/enrol", url.Values{"code": {app.Code(secret)}})
	assert.Equal(t, http.StatusSeeOther, late.Status)
	assert.Equal(t, "/login/code", late.Location())
	assert.Equal(t, http.StatusSeeOther, second.Get("/staff").Status, "still between the steps")
	ok := second.Submit("/login/code", "/login/code", url.Values{"code": {app.Code(secret)}})
	assert.Equal(t, http.StatusSeeOther, ok.Status, "the code was not spent by the refused enrolment")
	assert.Equal(t, http.StatusOK, second.Get("/staff").Status)
}
