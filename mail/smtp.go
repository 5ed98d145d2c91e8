package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTPConfig is how to reach the mail server.
type SMTPConfig struct {
	Addr     string // host:port
	User     string
	Password string
	// PlainText allows a connection without TLS, for a relay on the same
	// host that offers none; it cannot be combined with credentials.
	PlainText bool
	// TLS overrides the TLS settings (tests trust their own certificate).
	TLS *tls.Config
	// Timeout bounds each connection; zero takes a minute.
	Timeout time.Duration
}

// ErrCredentialsInClear is the configuration that would send a password
// over a connection without TLS.
var ErrCredentialsInClear = errors.New("SMTP credentials need TLS: they cannot be used with a plain-text connection")

// SMTP delivers through an SMTP server. On port 465 it speaks TLS from the
// first byte; on any other port it upgrades with STARTTLS when the server
// offers it, and insists on it when it has credentials to send, so that a
// password never crosses the network in clear.
type SMTP struct {
	cfg  SMTPConfig
	host string
	port int
}

// NewSMTP checks cfg and returns its transport. Errors are configuration
// errors, reported at start.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	host, p, err := net.SplitHostPort(cfg.Addr)
	if err != nil || host == "" {
		return nil, fmt.Errorf("SMTP address %q: want host:port", cfg.Addr)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 1 || port > 65535 {
		return nil, fmt.Errorf("SMTP address %q: bad port", cfg.Addr)
	}
	if (cfg.User == "") != (cfg.Password == "") {
		return nil, errors.New("SMTP credentials: give both the user and the password, or neither")
	}
	if cfg.User != "" && cfg.PlainText {
		return nil, ErrCredentialsInClear
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = time.Minute
	}
	return &SMTP{cfg: cfg, host: host, port: port}, nil
}

// Describe names the server, never the credentials.
func (s *SMTP) Describe() string { return "sent through the SMTP server at " + s.cfg.Addr }

// options are the client's settings for this server.
func (s *SMTP) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTimeout(s.cfg.Timeout)}
	switch {
	case s.port == 465:
		opts = append(opts, gomail.WithSSL())
	case s.cfg.User != "":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case s.cfg.PlainText:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.cfg.TLS != nil {
		opts = append(opts, gomail.WithTLSConfig(s.cfg.TLS))
	}
	if s.cfg.User != "" {
		// Auto-discovery offers PLAIN and LOGIN only over TLS, which the
		// policy above requires anyway.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.User), gomail.WithPassword(s.cfg.Password))
	}
	return opts
}

// Deliver sends e in a connection of its own; it succeeds only when the
// server accepted the message.
func (s *SMTP) Deliver(ctx context.Context, e Envelope) error {
	m, err := compose(e)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.host, s.options()...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	return c.DialAndSendWithContext(ctx, m)
}
