package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	netmail "net/mail"
	"path/filepath"
	"sync"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/mail"
)

// mailFlags say how the portal's e-mail leaves: through an SMTP server, or,
// with none configured, into a folder of .eml files beside the data.
type mailFlags struct {
	smtpAddr  string
	user      string
	password  string
	plainText bool
	from      string
	dir       string
}

// defaultFrom is the sender of messages written to the folder when the
// operator has named none.
const defaultFrom = "no-reply@localhost"

func (m *mailFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&m.smtpAddr, "smtp-addr", env("CCF_SMTP_ADDR", ""),
		"SMTP server for outgoing e-mail, host:port; port 465 speaks TLS at once, others STARTTLS when offered; unset, e-mail is written to -mail-dir (env CCF_SMTP_ADDR)")
	fs.StringVar(&m.user, "smtp-user", env("CCF_SMTP_USER", ""), "SMTP user name; credentials are sent only over TLS (env CCF_SMTP_USER)")
	fs.StringVar(&m.password, "smtp-password", env("CCF_SMTP_PASSWORD", ""),
		"SMTP password; prefer the environment, which other users of the machine cannot list (env CCF_SMTP_PASSWORD)")
	fs.BoolVar(&m.plainText, "smtp-plaintext", envBool("CCF_SMTP_PLAINTEXT", false),
		"allow a connection without TLS to a relay that offers none; refused together with credentials (env CCF_SMTP_PLAINTEXT)")
	fs.StringVar(&m.from, "mail-from", env("CCF_MAIL_FROM", ""), "sender address of the portal's e-mail; required with -smtp-addr (env CCF_MAIL_FROM)")
	fs.StringVar(&m.dir, "mail-dir", env("CCF_MAIL_DIR", ""), "folder for .eml files when no SMTP server is set (env CCF_MAIL_DIR, default DATA/outbox)")
}

// check refuses a configuration that cannot work, before anything starts.
func (m *mailFlags) check() error {
	if m.smtpAddr != "" && m.from == "" {
		return fmt.Errorf("-mail-from (CCF_MAIL_FROM) is required with -smtp-addr")
	}
	if m.from != "" {
		if _, err := netmail.ParseAddress(m.from); err != nil {
			return fmt.Errorf("-mail-from %q is not an address: %w", m.from, err)
		}
	}
	if m.smtpAddr == "" && m.user != "" {
		return fmt.Errorf("-smtp-user is set but -smtp-addr is not")
	}
	if m.smtpAddr != "" {
		_, err := m.transport("")
		return err
	}
	return nil
}

// transport is where messages go: the SMTP server, or the folder.
func (m *mailFlags) transport(dataDir string) (mail.Transport, error) {
	if m.smtpAddr != "" {
		return mail.NewSMTP(mail.SMTPConfig{Addr: m.smtpAddr, User: m.user, Password: m.password, PlainText: m.plainText})
	}
	dir := m.dir
	if dir == "" {
		dir = filepath.Join(dataDir, "outbox")
	}
	return mail.NewFolder(dir)
}

// startSender delivers the outbox in the background until the returned
// stop is called, which waits for a delivery in progress to end. It tells
// the console where the e-mail goes.
func startSender(m mailFlags, dataDir string, store *db.DB, logger *slog.Logger, stdout io.Writer) (func(), error) {
	tr, err := m.transport(dataDir)
	if err != nil {
		return nil, err
	}
	from := m.from
	if from == "" {
		from = defaultFrom
	}
	fmt.Fprintf(stdout, "E-mail is %s.\n", tr.Describe())
	s := &mail.Sender{Store: store, Transport: tr, From: from, Log: logger}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { s.Run(ctx) })
	return func() { cancel(); wg.Wait() }, nil
}
