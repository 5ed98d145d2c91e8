package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMailConfigurationErrorsAreRefusedAtStart(t *testing.T) {
	for name, args := range map[string][]string{
		"credentials in clear": {"-smtp-addr", "mail.example.org:25", "-smtp-user", "u", "-smtp-password", "p",
			"-smtp-plaintext", "-mail-from", "portal@example.org"},
		"no sender":         {"-smtp-addr", "mail.example.org:587"},
		"user, no password": {"-smtp-addr", "mail.example.org:587", "-smtp-user", "u", "-mail-from", "portal@example.org"},
		"bad address":       {"-smtp-addr", "mail.example.org", "-mail-from", "portal@example.org"},
		"bad sender":        {"-mail-from", "not an address"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parseServeFlags(args, io.Discard)
			assert.Error(t, err)
		})
	}
	t.Setenv("CCF_SMTP_ADDR", "mail.example.org:465")
	t.Setenv("CCF_SMTP_USER", "portal")
	t.Setenv("CCF_SMTP_PASSWORD", "secret")
	t.Setenv("CCF_MAIL_FROM", "CCF Portal <portal@example.org>")
	cfg, err := parseServeFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "mail.example.org:465", cfg.mail.smtpAddr)
	assert.Equal(t, "portal", cfg.mail.user)
}

func TestServeSaysWhereMailGoesWithoutSMTP(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", data}, nil, &out, io.Discard)
	}()
	require.Eventually(t, func() bool { return runningAt.MatchString(out.String()) }, 30*time.Second, 20*time.Millisecond)
	assert.Contains(t, out.String(), "E-mail is written as .eml files to "+filepath.Join(data, "outbox"))
	assert.DirExists(t, filepath.Join(data, "outbox"))
	cancel()
	require.NoError(t, <-done)
}
