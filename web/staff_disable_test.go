package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// TestADisabledStaffAccountIsOutAtOnce disables an account as
// `ccfportal staff disable` does, while it is signed in twice and a third
// browser is between the password and the code.
func TestADisabledStaffAccountIsOutAtOnce(t *testing.T) {
	app := webtest.New(t)
	desk := app.Staff(clerk)
	laptop := app.Login(clerk)
	halfway := passwordStep(t, app, clerk, false)
	colleague := app.Staff("registry@ccf.example")

	require.NoError(t, app.DB.SetStaffDisabled(context.Background(), clerk, true))
	assert.Equal(t, http.StatusSeeOther, desk.Get("/staff").Status)
	assert.Equal(t, http.StatusSeeOther, laptop.Get("/staff").Status)
	assert.Equal(t, http.StatusSeeOther, halfway.Get("/login/code").Status, "the password step is void")
	assert.Equal(t, http.StatusOK, colleague.Get("/staff").Status, "nobody else is touched")
	resp := app.NewClient().Submit("/login", "/login", url.Values{"email": {clerk}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusUnauthorized, resp.Status)
	assert.Contains(t, resp.Body, "The email address or password is not right", "the same answer as a wrong password")

	require.NoError(t, app.DB.SetStaffDisabled(context.Background(), clerk, false))
	assert.Equal(t, http.StatusOK, app.Login(clerk).Get("/staff").Status)
}

// TestAResetFactorIsEnrolledAgainAtTheNextSignIn is a lost phone, after
// `ccfportal staff reset-factor`.
func TestAResetFactorIsEnrolledAgainAtTheNextSignIn(t *testing.T) {
	app := webtest.New(t)
	app.Staff(clerk)
	id := app.QueryInt(`SELECT id FROM users WHERE email = ?`, clerk)
	require.NoError(t, app.DB.RemoveTOTP(context.Background(), id))
	c := passwordStep(t, app, clerk, false)
	assert.Equal(t, http.StatusSeeOther, c.Get("/staff").Status)
	page := c.Get("/login/code")
	assert.Equal(t, "/login/enrol", page.Location())
}
