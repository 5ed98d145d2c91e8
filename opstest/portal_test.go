package opstest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var (
	binDir    string
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	var err error
	binDir, err = os.MkdirTemp("", "ccfportal-opstest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// portalBinary builds ccfportal once per test run (without the race
// detector: these tests measure the program, not the test) and returns its
// path.
func portalBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		// The go command running the tests puts its own directory first
		// on PATH for them.
		goBin, err := exec.LookPath("go")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(binDir, "ccfportal")
		out, err := exec.Command(goBin, "build", "-o", binPath, "github.com/ccf-portal/ccfportal/cmd/ccfportal").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

// syncBuffer collects a process's output while it is running.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// portal is one running ccfportal process.
type portal struct {
	cmd    *exec.Cmd
	base   string
	data   string
	out    syncBuffer
	logs   syncBuffer
	exited chan struct{}
}

var runningAt = regexp.MustCompile(`running at (http://127\.0\.0\.1:\d+) `)

// startPortal starts `ccfportal serve` on a free loopback port over data
// and waits (30 s at most) until it says it is running.
func startPortal(t testing.TB, data string, args ...string) *portal {
	t.Helper()
	p := &portal{data: data, exited: make(chan struct{})}
	p.cmd = exec.Command(portalBinary(t), append([]string{"serve", "-addr", "127.0.0.1:0", "-data", data}, args...)...)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.logs
	require.NoError(t, p.cmd.Start())
	go func() {
		_ = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(p.kill)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := runningAt.FindStringSubmatch(p.out.String()); m != nil {
			p.base = m[1]
			return p
		}
		select {
		case <-p.exited:
			t.Fatalf("portal exited before it was running:\n%s\n%s", p.out.String(), p.logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("portal not running after 30 s:\n%s", p.logs.String())
		}
	}
}

// kill ends the process with SIGKILL, as a crash or the OOM killer would,
// and waits for it.
func (p *portal) kill() {
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

// terminate sends SIGTERM and waits at most limit for the process to exit,
// returning its exit code.
func (p *portal) terminate(t testing.TB, limit time.Duration) int {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	return p.wait(t, limit)
}

func (p *portal) wait(t testing.TB, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.exited:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		p.kill()
		t.Fatalf("portal still running %s after SIGTERM:\n%s", limit, p.logs.String())
		return -1
	}
}

// errorLines are the lines the portal logged at level ERROR.
func (p *portal) errorLines() []string {
	var lines []string
	for _, l := range strings.Split(p.logs.String(), "\n") {
		if strings.Contains(l, "level=ERROR") {
			lines = append(lines, l)
		}
	}
	return lines
}

// browser is one person's browser: a cookie jar (cookies are kept per
// host, so they survive the portal's restarts on other ports), CSRF tokens
// read from the forms, and no automatic redirects. Its methods return
// errors instead of failing the test, so they can run in goroutines while
// the portal is killed under them.
type browser struct {
	base   string
	client *http.Client
}

func newBrowser(base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{base: base, client: &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is a response read whole.
type page struct {
	status   int
	location string
	body     string
}

func (b *browser) do(req *http.Request) (page, error) {
	resp, err := b.client.Do(req)
	if err != nil {
		return page{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return page{}, err
	}
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}, nil
}

func (b *browser) get(path string) (page, error) {
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		return page{}, err
	}
	return b.do(req)
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// versionField is a hidden input carrying the version of a saved answer
// the form starts from.
var versionField = regexp.MustCompile(`name="(_v\.[^"]+)" value="([^"]*)"`)

// token opens formPage and reads its CSRF token, as a person's browser
// would have it from the form on screen.
func (b *browser) token(formPage string) (string, error) {
	tok, _, err := b.form(formPage)
	return tok, err
}

// form opens formPage and reads its CSRF token and the versions of the
// saved answers its hidden inputs carry.
func (b *browser) form(formPage string) (string, url.Values, error) {
	p, err := b.get(formPage)
	if err != nil {
		return "", nil, err
	}
	m := csrfField.FindStringSubmatch(p.body)
	if p.status != http.StatusOK || m == nil {
		return "", nil, &statusError{what: "form " + formPage, page: p}
	}
	versions := url.Values{}
	for _, v := range versionField.FindAllStringSubmatch(p.body, -1) {
		versions.Set(v[1], v[2])
	}
	return m[1], versions, nil
}

// submit posts values from the form on formPage to action.
func (b *browser) submit(formPage, action string, values url.Values) (page, error) {
	tok, versions, err := b.form(formPage)
	if err != nil {
		return page{}, err
	}
	v := versions
	for k, vs := range values {
		v[k] = vs
	}
	v.Set("_csrf", tok)
	req, err := http.NewRequest(http.MethodPost, b.base+action, strings.NewReader(v.Encode()))
	if err != nil {
		return page{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// upload posts a multipart form as a browser sends it: the CSRF token
// first, then the fields, then the file.
func (b *browser) upload(formPage, action string, fields [][2]string, filename string, content io.Reader) (page, error) {
	tok, err := b.token(formPage)
	if err != nil {
		return page{}, err
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := mw.WriteField("_csrf", tok)
		for _, f := range fields {
			if err == nil {
				err = mw.WriteField(f[0], f[1])
			}
		}
		if err == nil {
			var part io.Writer
			if part, err = mw.CreateFormFile("file", filename); err == nil {
				_, err = io.Copy(part, content)
			}
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequest(http.MethodPost, b.base+action, pr)
	if err != nil {
		return page{}, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	p, err := b.do(req)
	pr.CloseWithError(io.ErrClosedPipe)
	return p, err
}

// download fetches path whole and returns its SHA-256; a body cut short is
// an error.
func (b *browser) download(path string) (string, error) {
	resp, err := b.client.Get(b.base + path)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("download %s: status %d", path, resp.StatusCode)
	}
	h := sha256.New()
	if _, err := io.Copy(h, resp.Body); err != nil {
		return "", fmt.Errorf("download %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// statusError is an answer other than the one a step expects: unlike a
// connection error, it is never explained by the portal being killed.
type statusError struct {
	what string
	page page
}

func (e *statusError) Error() string {
	body := e.page.body
	if i := strings.Index(body, `class="error-summary"`); i >= 0 {
		body = body[i:]
	}
	return fmt.Sprintf("%s: status %d (location %q): %.300s", e.what, e.page.status, e.page.location, body)
}

func isStatusError(err error) bool {
	var se *statusError
	return errors.As(err, &se)
}

// expect turns a page that is not the wanted status into a statusError.
func expect(what string, p page, err error, status int) (page, error) {
	if err != nil {
		return p, err
	}
	if p.status != status {
		return p, &statusError{what: what, page: p}
	}
	return p, nil
}

// waitFor polls cond every 20 ms until it holds or limit passes.
func waitFor(ctx context.Context, limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) || ctx.Err() != nil {
			return false
		}
		select {
		case <-ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
	}
	return true
}
