// Package security holds the handlers of signing in and of keeping an
// account safe: the password step, the second factor (its enrolment,
// mandatory for staff, and the code asked at every sign-in), and the
// account's own password and sessions.
package security

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
)

// Sessions is what these handlers need of the session layer beyond
// handlers.SessionManager: a session that has passed the password step but
// is not signed in until the second factor is given.
type Sessions interface {
	// BeginSecondFactor replaces the session with a new one that remembers
	// only that userID gave the right password (stamp names that
	// password), and where to go next. It grants nothing: every page
	// treats it as a visitor's.
	BeginSecondFactor(c echo.Context, userID int64, stamp, next string) error
	// PendingSecondFactor returns the user waiting for the second factor,
	// while the wait is not over.
	PendingSecondFactor(c echo.Context) (userID int64, stamp, next string, ok bool)
	// SessionToken is the token of this request's session, which the
	// account's list marks as the current one and never ends by itself.
	SessionToken(c echo.Context) string
	// IdleLimit is how long a session of user may go unused.
	IdleLimit(user *domain.User) time.Duration
}

// Handlers are the sign-in and account-security handlers.
type Handlers struct {
	*handlers.Handlers
	Steps Sessions
}
