package web

import (
	"crypto/subtle"
	"net/http"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
)

// touchInterval limits how often mere activity rewrites the session row.
const touchInterval = time.Minute

// requestSession is the session of one request and whether it has changes
// still to be written. A visitor's request has no stored session (s has no
// id); what it must remember goes to the visitor cookie instead.
type requestSession struct {
	s     *sessions.Session
	dirty bool
	// v is the visitor cookie's state; vDirty says it must be written back.
	v       visitorState
	vDirty  bool
	cookies *visitorCookies
	// vFromCookie is the visitor id the request itself carried: the only
	// one a submitted token may be checked against.
	vFromCookie string
}

const sessionKey = "ccf.session"

func requestSessionOf(c echo.Context) *requestSession {
	rs, _ := c.Get(sessionKey).(*requestSession)
	return rs
}

// stored tells whether the request has a session row (signed in, or
// between the password and the second factor).
func (rs *requestSession) stored() bool { return rs.s.ID != "" }

// csrfToken returns the form token: the session's when there is one, else
// the token bound to the visitor cookie, whose id is made the first time a
// form needs it (a cookie, never a row).
func (rs *requestSession) csrfToken() string {
	if rs.stored() {
		if tok, _ := rs.s.Values[keyCSRF].(string); tok != "" {
			return tok
		}
		tok := RandomToken(32)
		rs.s.Values[keyCSRF] = tok
		rs.dirty = true
		return tok
	}
	if rs.v.ID == "" {
		rs.v.ID = RandomToken(32)
		rs.vDirty = true
	}
	return rs.cookies.token(rs.v.ID)
}

// checkCSRF compares a submitted token, in constant time, with the
// session's, or for a visitor with the token of the visitor cookie the
// request carried.
func (rs *requestSession) checkCSRF(got string) bool {
	if rs.stored() {
		want, _ := rs.s.Values[keyCSRF].(string)
		return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
	}
	return rs.cookies.check(rs.vFromCookie, got)
}

// ended tells whether the request carried a session cookie whose session
// has ended (idle or absolute limit, or signed out elsewhere).
func (rs *requestSession) ended() bool {
	ended, _ := rs.s.Values[keyEnded].(bool)
	return ended
}

// language is the language chosen with the switch in this browser session.
func (rs *requestSession) language() string {
	if rs.stored() {
		lang, _ := rs.s.Values[keyLang].(string)
		return lang
	}
	return rs.v.Lang
}

func (rs *requestSession) setLanguage(tag string) {
	if rs.stored() {
		rs.s.Values[keyLang] = tag
		rs.dirty = true
		return
	}
	rs.v.Lang, rs.vDirty = tag, true
}

// takeFlash returns the message to show once, and forgets it.
func (rs *requestSession) takeFlash() string {
	if rs.stored() {
		flash, _ := rs.s.Values[keyFlash].(string)
		if flash != "" {
			delete(rs.s.Values, keyFlash)
			rs.dirty = true
		}
		return flash
	}
	flash := rs.v.Flash
	if flash != "" {
		rs.v.Flash, rs.vDirty = "", true
	}
	return flash
}

func (rs *requestSession) setFlash(key string) {
	if rs.stored() {
		rs.s.Values[keyFlash] = key
		rs.dirty = true
		return
	}
	rs.v.Flash, rs.vDirty = key, true
}

// offerEmail keeps an address for the next sign-in page of a visitor.
func (rs *requestSession) offerEmail(email string) {
	if !rs.stored() {
		rs.v.Email, rs.vDirty = email, true
	}
}

// takeEmail returns the address offered, once.
func (rs *requestSession) takeEmail() string {
	email := rs.v.Email
	if email != "" {
		rs.v.Email, rs.vDirty = "", true
	}
	return email
}

// forgetVisitor drops the visitor cookie once a session row takes over.
func (rs *requestSession) forgetVisitor() {
	if rs.v != (visitorState{}) || rs.vFromCookie != "" {
		rs.v, rs.vDirty = visitorState{}, true
	}
}

// sessionManager implements handlers.SessionManager over the gorilla store.
type sessionManager struct {
	store *dbStore
}

var _ handlers.SessionManager = (*sessionManager)(nil)

// Commit writes pending changes, if any.
func (m *sessionManager) Commit(c echo.Context) error {
	rs := requestSessionOf(c)
	if rs == nil {
		return nil
	}
	if rs.ended() && !rs.stored() && !rs.dirty {
		// The cookie of a session that has ended goes, so that the browser
		// holds one cookie at a time, as the privacy page says.
		delete(rs.s.Values, keyEnded)
		http.SetCookie(c.Response(), &http.Cookie{Name: rs.s.Name(), Path: "/", MaxAge: -1,
			HttpOnly: true, Secure: rs.s.Options.Secure, SameSite: http.SameSiteLaxMode})
	}
	if rs.vDirty {
		if err := rs.cookies.write(c.Response(), rs.v); err != nil {
			return domain.Internal(err)
		}
		rs.vDirty = false
	}
	if !rs.dirty {
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
	lang := rs.language()
	rs.forgetVisitor()
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
	// Anything after logout (a flash message) goes to a fresh visitor
	// cookie, which keeps the language the person was reading in.
	lang := rs.language()
	rs.s.ID, rs.s.Values, rs.s.Options = "", map[any]any{}, m.store.options()
	rs.v, rs.vFromCookie, rs.vDirty = visitorState{Lang: lang}, "", true
	handlers.SetCurrentUser(c, nil)
	return nil
}

// Flash keeps a message key for the next page and saves it at once, since
// the current response is usually a redirect.
func (m *sessionManager) Flash(c echo.Context, messageKey string) error {
	requestSessionOf(c).setFlash(messageKey)
	return m.Commit(c)
}

// OfferEmail keeps a just-registered address for the next sign-in page.
func (m *sessionManager) OfferEmail(c echo.Context, email string) error {
	requestSessionOf(c).offerEmail(email)
	return m.Commit(c)
}

// TakeEmail returns the address OfferEmail kept, once; the page that shows
// it commits the session as every page does.
func (m *sessionManager) TakeEmail(c echo.Context) string {
	return requestSessionOf(c).takeEmail()
}

// SetLanguage remembers the language chosen with the switch for the rest
// of the browser session (the cookie ends with the browser).
func (m *sessionManager) SetLanguage(c echo.Context, tag string) error {
	requestSessionOf(c).setLanguage(tag)
	return m.Commit(c)
}

// CheckCSRF verifies a token that a streaming upload parser read from the
// body, for routes whose CSRF check the middleware deferred.
func (m *sessionManager) CheckCSRF(c echo.Context, token string) bool {
	rs := requestSessionOf(c)
	deferred, _ := c.Get(csrfDeferredKey).(bool)
	return rs != nil && deferred && rs.checkCSRF(token)
}
