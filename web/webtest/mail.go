package webtest

import (
	"context"
	"log/slog"
	"regexp"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/mail"
	"github.com/ccf-portal/ccfportal/mail/mailtest"
)

// startMail starts the app's SMTP server and a sender over its outbox;
// nothing is delivered until the test calls DeliverMail, so a test decides
// when the sender runs instead of waiting for it.
func (a *App) startMail() {
	a.Mail = mailtest.Start(a.t)
	tr, err := mail.NewSMTP(mail.SMTPConfig{Addr: a.Mail.Addr, Timeout: 10 * time.Second})
	require.NoError(a.t, err)
	a.sender = &mail.Sender{Store: a.DB, Transport: tr, From: "no-reply@portal.test",
		Log: slog.New(slog.NewTextHandler(a.Logs, nil))}
}

// DeliverMail runs the sender once over every message due now.
func (a *App) DeliverMail() int {
	a.t.Helper()
	n, err := a.sender.RunDue(context.Background())
	require.NoError(a.t, err)
	return n
}

// MailTo delivers what is due and returns every message the SMTP server
// received for addr, oldest first.
func (a *App) MailTo(addr string) []mailtest.Received {
	a.t.Helper()
	a.DeliverMail()
	return a.Mail.To(addr)
}

var linkPattern = regexp.MustCompile(`https?://\S+`)

// LinkIn returns the path of the portal link in a message's body.
func (a *App) LinkIn(m mailtest.Received) string {
	a.t.Helper()
	link := linkPattern.FindString(m.Body())
	require.NotEmpty(a.t, link, "message has no link: %s", m.Body())
	require.Contains(a.t, link, a.Server.URL, "links point at the portal's public address")
	return link[len(a.Server.URL):]
}
