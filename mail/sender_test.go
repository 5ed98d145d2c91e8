package mail_test

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"net/mail"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	ccfmail "github.com/ccf-portal/ccfportal/mail"
	"github.com/ccf-portal/ccfportal/mail/mailtest"
)

const from = "CCF Portal <portal@ccf.test>"

// queue adds messages in one write transaction, as an event would.
func queue(t *testing.T, store *db.DB, msgs ...outbox.Message) {
	t.Helper()
	require.NoError(t, store.Write(context.Background(), func(tx *sql.Tx) error {
		for _, m := range msgs {
			if err := outbox.Queue(context.Background(), tx, store.Clock.Now(), m); err != nil {
				return err
			}
		}
		return nil
	}))
}

func smtpSender(t *testing.T, store *db.DB, srv *mailtest.Server, logs *bytes.Buffer) *ccfmail.Sender {
	t.Helper()
	tr, err := ccfmail.NewSMTP(ccfmail.SMTPConfig{Addr: srv.Addr, TLS: srv.RootCAs, Timeout: 10 * time.Second})
	require.NoError(t, err)
	return &ccfmail.Sender{Store: store, Transport: tr, From: from, Log: slog.New(slog.NewTextHandler(logs, nil))}
}

func TestSenderDeliversOnce(t *testing.T) {
	store, _ := dbtest.Open(t)
	srv := mailtest.Start(t)
	var logs bytes.Buffer
	s := smtpSender(t, store, srv, &logs)
	queue(t, store, outbox.Message{To: "amina@example.org", Subject: "Reset your password", Body: "Open this link: https://portal.test/x"})

	n, err := s.RunDue(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	n, err = s.RunDue(context.Background())
	require.NoError(t, err)
	assert.Zero(t, n, "a sent message is never sent again")

	got := srv.Messages()
	require.Len(t, got, 1)
	assert.Equal(t, []string{"amina@example.org"}, got[0].To)
	assert.Equal(t, "Reset your password", got[0].Subject())
	assert.Contains(t, got[0].Body(), "https://portal.test/x")
	assert.Equal(t, "auto-generated", got[0].Header("Auto-Submitted"))
	waiting, err := store.MailWaiting(context.Background())
	require.NoError(t, err)
	assert.Zero(t, waiting)
}

func TestRestartWithQueuedMessagesDeliversEachOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ccf.db")
	clock := domain.NewFixedClock(dbtest.Start)
	store, err := db.Open(context.Background(), path, clock)
	require.NoError(t, err)
	queue(t, store,
		outbox.Message{To: "a@example.org", Subject: "One", Body: "1"},
		outbox.Message{To: "b@example.org", Subject: "Two", Body: "2"},
		outbox.Message{To: "c@example.org", Subject: "Three", Body: "3"})
	require.NoError(t, store.Close()) // the portal stops before its sender ran

	srv := mailtest.Start(t)
	for range 2 { // two starts: the second finds nothing left to send
		store, err := db.Open(context.Background(), path, clock)
		require.NoError(t, err)
		var logs bytes.Buffer
		_, err = smtpSender(t, store, srv, &logs).RunDue(context.Background())
		require.NoError(t, err)
		require.NoError(t, store.Close())
	}
	got := srv.Messages()
	require.Len(t, got, 3)
	subjects := []string{got[0].Subject(), got[1].Subject(), got[2].Subject()}
	assert.ElementsMatch(t, []string{"One", "Two", "Three"}, subjects)
}

func TestSMTPDownThenUpRetriesAndDelivers(t *testing.T) {
	store, clock := dbtest.Open(t)
	srv := mailtest.Start(t)
	var logs bytes.Buffer
	s := smtpSender(t, store, srv, &logs)
	queue(t, store, outbox.Message{To: "amina@example.org", Subject: "News", Body: "Sign in"})

	srv.SetDown(true)
	n, err := s.RunDue(context.Background())
	require.NoError(t, err)
	assert.Zero(t, n)
	assert.Contains(t, logs.String(), "will retry")
	assert.NotContains(t, logs.String(), "amina@example.org", "no address in the log")

	// Not due again before its delay has passed, even with the server up.
	srv.SetDown(false)
	n, err = s.RunDue(context.Background())
	require.NoError(t, err)
	assert.Zero(t, n)

	// A second failure doubles the delay.
	clock.Advance(outbox.Backoff(1))
	srv.SetDown(true)
	_, err = s.RunDue(context.Background())
	require.NoError(t, err)
	srv.SetDown(false)
	clock.Advance(outbox.Backoff(2) - time.Second)
	n, _ = s.RunDue(context.Background())
	assert.Zero(t, n, "still waiting out the doubled delay")
	clock.Advance(time.Second)
	n, err = s.RunDue(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	require.Len(t, srv.Messages(), 1)
}

func TestClaimedMessageWaitsForItsLease(t *testing.T) {
	store, clock := dbtest.Open(t)
	queue(t, store, outbox.Message{To: "a@example.org", Subject: "S", Body: "B"})
	first, err := store.ClaimMail(context.Background(), time.Minute, 10)
	require.NoError(t, err)
	require.Len(t, first, 1)
	again, err := store.ClaimMail(context.Background(), time.Minute, 10)
	require.NoError(t, err)
	assert.Empty(t, again, "a message being sent is not handed to a second sender")
	clock.Advance(time.Minute) // its sender died: the lease ends
	again, err = store.ClaimMail(context.Background(), time.Minute, 10)
	require.NoError(t, err)
	require.Len(t, again, 1)
	assert.Equal(t, 2, again[0].Attempt)
}

func TestBackoffIsBounded(t *testing.T) {
	assert.Equal(t, time.Minute, outbox.Backoff(1))
	assert.Equal(t, 2*time.Minute, outbox.Backoff(2))
	assert.Equal(t, 32*time.Minute, outbox.Backoff(6))
	assert.Equal(t, time.Hour, outbox.Backoff(7))
	assert.Equal(t, time.Hour, outbox.Backoff(outbox.MaxAttempts))
}

func TestGivenUpAfterMaxAttempts(t *testing.T) {
	store, clock := dbtest.Open(t)
	srv := mailtest.Start(t)
	srv.SetDown(true)
	var logs bytes.Buffer
	s := smtpSender(t, store, srv, &logs)
	queue(t, store, outbox.Message{To: "a@example.org", Subject: "S", Body: "B"})
	for range outbox.MaxAttempts {
		_, err := s.RunDue(context.Background())
		require.NoError(t, err)
		clock.Advance(outbox.RetryMax)
	}
	assert.Contains(t, logs.String(), "given up")
	waiting, err := store.MailWaiting(context.Background())
	require.NoError(t, err)
	assert.Zero(t, waiting)
}

func TestFolderWritesReadableMessage(t *testing.T) {
	store, _ := dbtest.Open(t)
	dir := filepath.Join(t.TempDir(), "outbox")
	f, err := ccfmail.NewFolder(dir)
	require.NoError(t, err)
	var logs bytes.Buffer
	s := &ccfmail.Sender{Store: store, Transport: f, From: from, Log: slog.New(slog.NewTextHandler(&logs, nil))}
	queue(t, store, outbox.Message{To: "amina@example.org", Subject: "Vérifiez votre adresse", Body: "Ouvrez ce lien : https://portal.test/v"})
	n, err := s.RunDue(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the finished file, no temporary one")
	assert.Equal(t, "message-000001.eml", entries[0].Name())
	info, err := entries[0].Info()
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	raw, err := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	require.NoError(t, err)
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	require.NoError(t, err)
	assert.Equal(t, "<amina@example.org>", msg.Header.Get("To"))
	rec := mailtest.Received{Data: raw}
	assert.Equal(t, "Vérifiez votre adresse", rec.Subject())
	assert.Contains(t, rec.Body(), "https://portal.test/v")
}

func TestCredentialsNeedTLS(t *testing.T) {
	_, err := ccfmail.NewSMTP(ccfmail.SMTPConfig{Addr: "127.0.0.1:25", User: "u", Password: "p", PlainText: true})
	assert.ErrorIs(t, err, ccfmail.ErrCredentialsInClear)
	_, err = ccfmail.NewSMTP(ccfmail.SMTPConfig{Addr: "127.0.0.1:25", User: "u"})
	assert.Error(t, err, "a user without a password is a configuration error")
	_, err = ccfmail.NewSMTP(ccfmail.SMTPConfig{Addr: "no-port"})
	assert.Error(t, err)

	// A server that offers no STARTTLS never receives the credentials.
	store, _ := dbtest.Open(t)
	plain := mailtest.Start(t, mailtest.WithAuth("portal", "s3cret"))
	tr, err := ccfmail.NewSMTP(ccfmail.SMTPConfig{Addr: plain.Addr, User: "portal", Password: "s3cret"})
	require.NoError(t, err)
	var logs bytes.Buffer
	s := &ccfmail.Sender{Store: store, Transport: tr, From: from, Log: slog.New(slog.NewTextHandler(&logs, nil))}
	queue(t, store, outbox.Message{To: "a@example.org", Subject: "S", Body: "B"})
	n, err := s.RunDue(context.Background())
	require.NoError(t, err)
	assert.Zero(t, n)
	assert.Empty(t, plain.Messages())
	assert.NotContains(t, logs.String(), "s3cret")
}

func TestCredentialsOverStartTLS(t *testing.T) {
	store, _ := dbtest.Open(t)
	srv := mailtest.Start(t, mailtest.WithStartTLS(), mailtest.WithAuth("portal", "s3cret"))
	tr, err := ccfmail.NewSMTP(ccfmail.SMTPConfig{Addr: srv.Addr, User: "portal", Password: "s3cret", TLS: srv.RootCAs})
	require.NoError(t, err)
	var logs bytes.Buffer
	s := &ccfmail.Sender{Store: store, Transport: tr, From: from, Log: slog.New(slog.NewTextHandler(&logs, nil))}
	queue(t, store, outbox.Message{To: "a@example.org", Subject: "S", Body: "B"})
	n, err := s.RunDue(context.Background())
	require.NoError(t, err, logs.String())
	require.Equal(t, 1, n, logs.String())
	require.Len(t, srv.Messages(), 1)
	assert.Equal(t, "portal", srv.Messages()[0].Authed)
}
