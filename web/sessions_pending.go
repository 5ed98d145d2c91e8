package web

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/twofa"
	"github.com/ccf-portal/ccfportal/handlers/security"
)

// Session value keys of a password step waiting for its second factor.
// They sit in the session's data, never in its user column: the session
// stays a visitor's, so no role guard lets it through.
const (
	keyPendingUser = "pending_uid"
	keyPendingAt   = "pending_at"
	keyPendingNext = "pending_next"
	keyPendingPass = "pending_stamp"
)

var _ security.Sessions = (*sessionManager)(nil)

// BeginSecondFactor replaces the session with a fresh one (a new id, a new
// form token) that remembers only who gave the right password, when, and
// where they were going, and a stamp of the password given.
func (m *sessionManager) BeginSecondFactor(c echo.Context, userID int64, stamp, next string) error {
	rs := requestSessionOf(c)
	if rs.s.ID != "" {
		if err := m.store.db.DeleteSession(c.Request().Context(), rs.s.ID); err != nil {
			return err
		}
	}
	lang := rs.language()
	rs.forgetVisitor()
	rs.s.ID = ""
	rs.s.Values = map[any]any{keyCSRF: RandomToken(32), keyPendingUser: userID,
		keyPendingAt: m.store.db.Clock.Now().Unix(), keyPendingNext: next, keyPendingPass: stamp}
	if lang != "" {
		rs.s.Values[keyLang] = lang
	}
	rs.dirty = true
	return m.Commit(c)
}

// PendingSecondFactor returns the user whose password step this session
// holds, until twofa.PendingWindow has passed since it.
func (m *sessionManager) PendingSecondFactor(c echo.Context) (int64, string, string, bool) {
	rs := requestSessionOf(c)
	if rs == nil {
		return 0, "", "", false
	}
	id, _ := rs.s.Values[keyPendingUser].(int64)
	at, _ := rs.s.Values[keyPendingAt].(int64)
	next, _ := rs.s.Values[keyPendingNext].(string)
	stamp, _ := rs.s.Values[keyPendingPass].(string)
	if id == 0 || m.store.db.Clock.Now().Sub(time.Unix(at, 0)) > twofa.PendingWindow {
		return 0, "", "", false
	}
	return id, stamp, next, true
}

// SessionToken is the token of the request's session ("" for none yet).
func (m *sessionManager) SessionToken(c echo.Context) string {
	if rs := requestSessionOf(c); rs != nil {
		return rs.s.ID
	}
	return ""
}

// IdleLimit is the idle limit of the session policy for user.
func (m *sessionManager) IdleLimit(user *domain.User) time.Duration { return m.store.policy.idle(user) }
