package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// "An approximate date is fine" means it: a month and a year are accepted
// for when the data were issued, kept as such, and shown back that way.
func TestADataItemTakesAMonthAndYear(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	item := webtest.DataItem()
	item.Set("issued_on-day", "")
	c.AddDataItem(req, item)
	check := c.Get(req + "/check")
	require.Equal(t, http.StatusOK, check.Status)
	assert.Contains(t, check.Body, "January 2024")
	assert.NotContains(t, check.Body, "Enter a real date")
}
