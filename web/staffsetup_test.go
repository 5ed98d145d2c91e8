package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestStaffSetupLinkWorksOnceAndNeverAgain(t *testing.T) {
	app := webtest.New(t)
	ctx := context.Background()
	_, err := app.DB.CreateStaffSetupToken(ctx, "the-printed-token")
	require.NoError(t, err)

	c := app.NewClient()
	page := c.Get("/staff/setup/the-printed-token")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Set up the first staff account")

	bad := c.PostForm("/staff/setup/the-printed-token", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)},
		"name": {"Head of Registry"}, "email": {"registry@example.org"}, "password": {"short"}})
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status, "a mistake does not spend the link")

	resp := c.PostForm("/staff/setup/the-printed-token", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)},
		"name": {"Head of Registry"}, "email": {"registry@example.org"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	staff := app.Login("registry@example.org")
	assert.Equal(t, http.StatusOK, staff.Get("/staff").Status)

	again := app.NewClient()
	assert.Equal(t, http.StatusNotFound, again.Get("/staff/setup/the-printed-token").Status)
	login := again.Get("/login")
	replay := again.PostForm("/staff/setup/the-printed-token", url.Values{"_csrf": {webtest.CSRFFrom(t, login.Body)},
		"name": {"Intruder"}, "email": {"intruder@example.org"}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusNotFound, replay.Status)
	n, err := app.DB.CountUsersByRole(ctx, domain.RoleStaff)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}

func TestStaffSetupLinkExpiresAndOnlyTheLatestWorks(t *testing.T) {
	app := webtest.New(t)
	ctx := context.Background()
	_, err := app.DB.CreateStaffSetupToken(ctx, "first")
	require.NoError(t, err)
	_, err = app.DB.CreateStaffSetupToken(ctx, "second")
	require.NoError(t, err)
	c := app.NewClient()
	assert.Equal(t, http.StatusNotFound, c.Get("/staff/setup/first").Status, "a restart's new link replaces the old")
	assert.Equal(t, http.StatusOK, c.Get("/staff/setup/second").Status)
	app.Clock.Advance(domain.StaffSetupValidity)
	assert.Equal(t, http.StatusNotFound, c.Get("/staff/setup/second").Status, "expired")
	assert.Equal(t, http.StatusNotFound, c.Get("/staff/setup/guess").Status)
}

func TestHealthz(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	resp := c.Get("/healthz")
	assert.Equal(t, http.StatusOK, resp.Status)
	require.NoError(t, app.DB.Close())
	assert.Equal(t, http.StatusOK, c.Get("/healthz").Status, "liveness: the process is up")
	assert.Equal(t, http.StatusServiceUnavailable, c.Get("/readyz").Status, "readiness: the database is not")
}
