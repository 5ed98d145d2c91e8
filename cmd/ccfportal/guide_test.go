package main

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/views"
)

func TestContactAndExitFlagsReachTheServerConfig(t *testing.T) {
	cfg, err := parseServeFlags([]string{"-contact-address", "CCF|Lyon", "-contact-email", "ccf@example.org",
		"-exit-url", "https://neutral.example/"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, views.Contact{Postal: []string{"CCF", "Lyon"}, Email: "ccf@example.org"}, cfg.guide.contact())
	assert.Equal(t, "https://neutral.example/", cfg.guide.exitURL)

	def, err := parseServeFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, views.DefaultExitURL, def.guide.exitURL)
	assert.False(t, def.guide.contact().Configured(), "no address is invented when none is configured")
}

func TestTheExitAndWebAddressesMustBeHTTPS(t *testing.T) {
	for _, args := range [][]string{{"-exit-url", "javascript:alert(1)"}, {"-exit-url", "/login"},
		{"-contact-web", "http://ccf.example/"}} {
		_, err := parseServeFlags(args, io.Discard)
		assert.Error(t, err, "%v", args)
	}
}
