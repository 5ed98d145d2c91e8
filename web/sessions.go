package web

import (
	"crypto/subtle"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
)

// touchInterval limits how often mere activity rewrites the session row.
const touchInterval = time.Minute

// requestSession is the session of one request and whether it has changes
// still to be written.
type requestSession struct {
	s     *sessions.Session
	dirty bool
}

const sessionKey = "ccf.session"

func requestSessionOf(c echo.Context) *requestSession {
	rs, _ := c.Get(sessionKey).(*requestSession)
	return rs
}

// csrfToken returns the session's form token, creating one (and so, for a
// visitor, a session) the first time a form needs it.
func (rs *requestSession) csrfToken() string {
	if tok, _ := rs.s.Values[keyCSRF].(string); tok != "" {
		return tok
	}
	tok := RandomToken(32)
	rs.s.Values[keyCSRF] = tok
	rs.dirty = true
	return tok
}

// checkCSRF compares a submitted token with the session's in constant time.
func (rs *requestSession) checkCSRF(got string) bool {
	want, _ := rs.s.Values[keyCSRF].(string)
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// sessionManager implements handlers.SessionManager over the gorilla store.
type sessionManager struct {
	store *dbStore
}

var _ handlers.SessionManager = (*sessionManager)(nil)

// Commit writes pending changes, if any.
func (m *sessionManager) Commit(c echo.Context) error {
	rs := requestSessionOf(c)
	if rs == nil || !rs.dirty {
		return nil
	}
	if err := rs.s.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	rs.dirty = false
	return nil
}

// Login replaces the session with a new one bound to user, so that a
// session id known before sign-in (fixation) is worthless after it.
func (m *sessionManager) Login(c echo.Context, user domain.User) error {
	rs := requestSessionOf(c)
	if rs.s.ID != "" {
		if err := m.store.db.DeleteSession(c.Request().Context(), rs.s.ID); err != nil {
			return err
		}
	}
	lang, _ := rs.s.Values[keyLang].(string)
	rs.s.ID = ""
	rs.s.Values = map[any]any{keyUserID: user.ID, keyCSRF: RandomToken(32), keyUser: &user}
	if lang != "" {
		// A language chosen before signing in still holds after it.
		rs.s.Values[keyLang] = lang
	}
	rs.dirty = true
	return m.Commit(c)
}

// Logout deletes the session row and expires the cookie.
func (m *sessionManager) Logout(c echo.Context) error {
	rs := requestSessionOf(c)
	rs.s.Options.MaxAge = -1
	if err := rs.s.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	// Anything after logout (a flash message) starts a fresh visitor
	// session, which keeps the language the person was reading in.
	lang, _ := rs.s.Values[keyLang].(string)
	rs.s.ID, rs.s.Values, rs.s.Options = "", map[any]any{}, m.store.options()
	if lang != "" {
		rs.s.Values[keyLang] = lang
	}
	handlers.SetCurrentUser(c, nil)
	return nil
}

// Flash keeps a message key for the next page and saves it at once, since
// the current response is usually a redirect.
func (m *sessionManager) Flash(c echo.Context, messageKey string) error {
	rs := requestSessionOf(c)
	rs.s.Values[keyFlash] = messageKey
	rs.dirty = true
	return m.Commit(c)
}

// SetLanguage remembers the language chosen with the switch for the rest
// of the browser session (the cookie ends with the browser).
func (m *sessionManager) SetLanguage(c echo.Context, tag string) error {
	rs := requestSessionOf(c)
	rs.s.Values[keyLang] = tag
	rs.dirty = true
	return m.Commit(c)
}

// CheckCSRF verifies a token that a streaming upload parser read from the
// body, for routes whose CSRF check the middleware deferred.
func (m *sessionManager) CheckCSRF(c echo.Context, token string) bool {
	rs := requestSessionOf(c)
	deferred, _ := c.Get(csrfDeferredKey).(bool)
	return rs != nil && deferred && rs.checkCSRF(token)
}
