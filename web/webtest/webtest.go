// Package webtest starts the whole portal on a temporary store for
// end-to-end tests and drives it like a browser: a cookie jar, CSRF tokens
// read from the forms, and no automatic redirects so tests see each step.
package webtest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/mail"
	"github.com/ccf-portal/ccfportal/mail/mailtest"
	"github.com/ccf-portal/ccfportal/web"
)

// Start is the moment every test app's clock starts at.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// App is a running portal over a temporary data folder.
type App struct {
	t       testing.TB
	DB      *db.DB
	Clock   *domain.FixedClock
	Server  *httptest.Server
	DataDir string
	Logs    *SafeBuffer
	Config  web.Config
	Blobs   *blob.Store
	// Portal is the server under test, for tests that list its routes.
	Portal *web.Server

	factors factors
	// Mail is a real SMTP server the app's outbox is delivered to, when
	// the test calls DeliverMail.
	Mail   *mailtest.Server
	sender *mail.Sender
}

// Option adjusts the app's configuration before it starts.
type Option func(*web.Config)

// New starts a portal for the test and stops it when the test ends.
func New(t testing.TB, opts ...Option) *App {
	t.Helper()
	dir := t.TempDir()
	clock := domain.NewFixedClock(Start)
	store, err := db.Open(context.Background(), filepath.Join(dir, "ccf.db"), clock)
	require.NoError(t, err)
	blobs, err := blob.NewStore(filepath.Join(dir, "evidence"), bytes.Repeat([]byte{9}, 32))
	require.NoError(t, err)
	_, err = store.UseKeys(context.Background(), bytes.Repeat([]byte{9}, 32))
	require.NoError(t, err)
	logs := &SafeBuffer{}
	cfg := web.Config{
		SessionKey: bytes.Repeat([]byte{7}, 32),
		Passwords:  password.FastParams,
		Sessions:   web.DefaultSessionPolicy,
		Logger:     slog.New(slog.NewTextHandler(logs, nil)),
		Blobs:      blobs,
		MaxUpload:  2_000_000,
		DataDir:    dir,
	}
	for _, o := range opts {
		o(&cfg)
	}
	// The listener comes first, so that the links the portal sends by
	// e-mail carry the address the test's browsers use.
	srv := httptest.NewUnstartedServer(nil)
	if cfg.PublicURL == "" {
		cfg.PublicURL = "http://" + srv.Listener.Addr().String()
	}
	portal := web.New(cfg, store)
	srv.Config.Handler = portal.Handler()
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		store.Close()
	})
	a := &App{t: t, DB: store, Clock: clock, Server: srv, DataDir: dir, Logs: logs, Config: cfg, Blobs: blobs, Portal: portal}
	a.startMail()
	return a
}

// Client is one browser: its own cookie jar.
type Client struct {
	t    testing.TB
	app  *App
	HTTP *http.Client
	// Header is sent with every request, as a browser sends its settings
	// (Accept-Language, say).
	Header http.Header
}

// NewClient returns a browser with an empty cookie jar.
func (a *App) NewClient() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: a.t, app: a, Header: http.Header{}, HTTP: &http.Client{
		Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

// Response is a finished response with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Location is the redirect target, if any.
func (r *Response) Location() string { return r.Header.Get("Location") }

// Do sends a request and reads the whole response.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	for k, v := range c.Header {
		req.Header[k] = v
	}
	resp, err := c.HTTP.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if bad := formatFault.Find(body); bad != nil {
			c.t.Errorf("%s %s: the page shows a message with the wrong arguments: %q", req.Method, req.URL.Path, bad)
		}
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// formatFault is what fmt writes in place of a message's missing, extra
// or mistyped arguments ("%!(EXTRA string=)", "%!s(MISSING)"): a person
// must never read it.
var formatFault = regexp.MustCompile(`%!\w*\([^)]{0,40}\)`)

// Get fetches path.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.app.Server.URL+path, nil)
	require.NoError(c.t, err)
	return c.Do(req)
}

// PostForm posts values to path as a URL-encoded form, exactly as given.
func (c *Client) PostForm(path string, values url.Values) *Response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.app.Server.URL+path, strings.NewReader(values.Encode()))
	require.NoError(c.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// CSRFFrom returns the form token in a page.
func CSRFFrom(t testing.TB, body string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(body)
	require.NotNil(t, m, "page has no CSRF field")
	return m[1]
}

var versionField = regexp.MustCompile(`name="(_v\.[^"]+)" value="([^"]*)"`)

// VersionsFrom returns the versions of the saved answers a page's form
// starts from, as its hidden inputs carry them.
func VersionsFrom(body string) url.Values {
	out := url.Values{}
	for _, m := range versionField.FindAllStringSubmatch(body, -1) {
		out.Set(m[1], m[2])
	}
	return out
}

// Submit opens formPage like a person would, takes its CSRF token and the
// versions its hidden inputs carry, and posts values to action.
func (c *Client) Submit(formPage, action string, values url.Values) *Response {
	c.t.Helper()
	page := c.Get(formPage)
	require.Equal(c.t, http.StatusOK, page.Status, "form page %s", formPage)
	return c.SubmitFrom(page.Body, action, values)
}

// SubmitFrom posts values to action as the form of an already opened page
// would: with its CSRF token and the versions it carries, unless values
// sets them.
func (c *Client) SubmitFrom(page, action string, values url.Values) *Response {
	c.t.Helper()
	if values == nil {
		values = url.Values{}
	}
	for k, v := range VersionsFrom(page) {
		if _, set := values[k]; !set {
			values[k] = v
		}
	}
	values.Set("_csrf", CSRFFrom(c.t, page))
	return c.PostForm(action, values)
}

// Cookie returns the named cookie the jar holds for the app.
func (c *Client) Cookie(name string) *http.Cookie {
	u, _ := url.Parse(c.app.Server.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

// Password is a password that passes the rules, used by every test account.
const Password = "correct horse battery staple"

// Register creates an account through the registration form, then
// confirms its address through the store, as if its owner had followed the
// link, so that the account can submit. RegisterUnverified leaves it
// unconfirmed.
func (a *App) Register(role domain.Role, name, email string) {
	a.t.Helper()
	a.RegisterUnverified(role, name, email)
	a.markVerified(email)
}

// markVerified confirms an account's address through the store, without
// the link.
func (a *App) markVerified(email string) {
	a.t.Helper()
	u, err := a.DB.UserByEmail(context.Background(), email)
	require.NoError(a.t, err)
	require.NoError(a.t, a.DB.MarkEmailVerifiedWithoutLink(context.Background(), u.ID))
}

// RegisterUnverified creates an account through the registration form and
// leaves its address unconfirmed: the link sent to it is in the outbox.
func (a *App) RegisterUnverified(role domain.Role, name, email string) {
	a.t.Helper()
	resp := a.NewClient().Submit("/register", "/register", url.Values{
		"role": {string(role)}, "name": {name}, "email": {email}, "password": {Password},
	})
	require.Equal(a.t, http.StatusSeeOther, resp.Status, resp.Body)
}

// Login signs in through the form and returns the signed-in browser. An
// account asked for a second factor gives it as its owner would: a staff
// account enrols at its first sign-in, and answers the code afterwards.
func (a *App) Login(email string) *Client {
	a.t.Helper()
	c := a.NewClient()
	resp := c.Submit("/login", "/login", url.Values{"email": {email}, "password": {Password}})
	require.Equal(a.t, http.StatusSeeOther, resp.Status, resp.Body)
	switch resp.Location() {
	case "/login/enrol":
		c.enrol(email)
	case "/login/code":
		resp = c.answerCode(email)
		require.Equal(a.t, http.StatusSeeOther, resp.Status, resp.Body)
	}
	return c
}

// Petitioner registers a petitioner and returns their signed-in browser.
func (a *App) Petitioner(email string) *Client {
	a.Register(domain.RolePetitioner, "Petitioner "+email, email)
	return a.Login(email)
}

// Counsel registers a counsel and returns their signed-in browser.
func (a *App) Counsel(email string) *Client {
	a.Register(domain.RoleCounsel, "Counsel "+email, email)
	return a.Login(email)
}

// Staff creates a secretariat staff account in the store (it prepares
// cases) and returns its signed-in browser.
func (a *App) Staff(email string) *Client {
	a.t.Helper()
	return a.StaffAs(staffrole.Secretariat, email)
}

// Chamber creates a staff account of a member of the Requests Chamber (who
// decides and orders provisional measures) and returns its browser.
func (a *App) Chamber(email string) *Client {
	a.t.Helper()
	return a.StaffAs(staffrole.Chamber, email)
}

// Administrator creates a staff account that manages staff accounts and
// returns its browser.
func (a *App) Administrator(email string) *Client {
	a.t.Helper()
	return a.StaffAs(staffrole.Administrator, email)
}

// StaffAs creates a staff account with the given role in the store and
// returns its signed-in browser.
func (a *App) StaffAs(role staffrole.Role, email string) *Client {
	a.t.Helper()
	_, err := a.DB.CreateUser(context.Background(), domain.NewUser{Email: email, Name: "Staff " + email,
		Role: domain.RoleStaff, Password: Password, StaffRole: string(role)}, password.FastParams)
	require.NoError(a.t, err)
	return a.Login(email)
}

// SafeBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type SafeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *SafeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SafeBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TurnOnNewsMail turns on, from the account page as a person would, the
// e-mail that says there is news (off by default for petitioners).
func (c *Client) TurnOnNewsMail() {
	c.t.Helper()
	resp := c.Submit("/account", "/account/email-news", url.Values{"email_news": {"on"}})
	require.Equal(c.t, http.StatusSeeOther, resp.Status, "turn the news e-mail on")
}
