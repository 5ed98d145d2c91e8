// Package web is the HTTP server: the Echo instance and its timeouts, the
// middleware order, the one routes file, the one error handler, sessions,
// CSRF, security headers and static files.
package web

import (
	"log/slog"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/views"
)

// Config is what the server needs from the command line and environment.
type Config struct {
	Addr string
	// HTTPS marks the portal as served over HTTPS (directly or behind a
	// proxy): cookies become Secure and HSTS is sent.
	HTTPS bool
	// SessionKey signs the session cookie. It must stay the same across
	// restarts, or every session ends.
	SessionKey []byte
	Passwords  password.Params
	Sessions   SessionPolicy
	Logger     *slog.Logger
	// Blobs is the encrypted evidence store.
	Blobs *blob.Store
	// MaxUpload is the largest file accepted, in bytes.
	MaxUpload int64
	// Limits are the filing format limits; zero values take the defaults.
	Limits domain.Limits
	// MinFreeDisk is the free space, in bytes, the data folder must have
	// for /readyz to answer 200.
	MinFreeDisk int64
	// ReadyTimeout bounds /readyz's wait for the database; zero takes the
	// default.
	ReadyTimeout time.Duration
	// BodyRate is the slowest a request body may arrive; zero takes
	// DefaultBodyRate, a negative Min turns the limit off.
	BodyRate BodyRate
	// MaxConns caps the connections served at once (further ones wait to
	// be accepted); zero leaves them unbounded.
	MaxConns int
	// DataDir is the data folder, whose free space the metrics report.
	DataDir string
	// StatsThreshold is the smallest count the public statistics show as
	// it is (smaller ones read "fewer than N"); zero takes the default, 5.
	StatsThreshold int
	// ConsultReplyDays is the default time for a reply to a consultation,
	// in days after it was sent; zero takes the usual month (30 days).
	ConsultReplyDays int
	// AdmissibilityMonths is how long after receipt the CCF usually
	// assesses admissibility (practice), for the queue and the case page;
	// zero takes the usual month.
	AdmissibilityMonths int
	// InvitationDays is how long an invitation code to follow a case
	// received by e-mail or post stays valid; zero takes 30 days.
	InvitationDays int
	// Contact is how to reach the CCF outside the portal, shown on the
	// contact page; empty, the page says the operator has not set it.
	Contact views.Contact
	// PublicURL is the portal's address as people reach it, without a
	// trailing slash: the base of the links sent by e-mail.
	PublicURL string
	// ExitURL is the neutral site the quick-exit link on every page leaves
	// for; empty takes views.DefaultExitURL.
	ExitURL string
}

// DefaultMaxUpload is the default per-file upload limit: 25 MB.
const DefaultMaxUpload = 25_000_000

// SessionPolicy says how long sessions live. Staff sessions are short
// because a staff session opens every case in the store.
type SessionPolicy struct {
	VisitorIdle     time.Duration
	ApplicantIdle   time.Duration
	StaffIdle       time.Duration
	VisitorAbsolute time.Duration
	ApplicantMax    time.Duration
	StaffMax        time.Duration
}

// DefaultSessionPolicy is the policy used unless configured otherwise.
var DefaultSessionPolicy = SessionPolicy{
	VisitorIdle:     2 * time.Hour,
	ApplicantIdle:   60 * time.Minute,
	StaffIdle:       20 * time.Minute,
	VisitorAbsolute: 12 * time.Hour,
	ApplicantMax:    12 * time.Hour,
	StaffMax:        10 * time.Hour,
}

func (p SessionPolicy) idle(u *domain.User) time.Duration {
	switch {
	case u == nil:
		return p.VisitorIdle
	case u.Role == domain.RoleStaff:
		return p.StaffIdle
	default:
		return p.ApplicantIdle
	}
}

func (p SessionPolicy) absolute(u *domain.User) time.Duration {
	switch {
	case u == nil:
		return p.VisitorAbsolute
	case u.Role == domain.RoleStaff:
		return p.StaffMax
	default:
		return p.ApplicantMax
	}
}

func (p SessionPolicy) longestIdle() time.Duration {
	return max(p.VisitorIdle, p.ApplicantIdle, p.StaffIdle)
}
