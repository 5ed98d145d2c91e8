package main

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// browser is one person's browser: a cookie jar, CSRF tokens read from
// the forms, and no automatic redirects.
type browser struct {
	base   string
	client *http.Client
}

func newBrowser(base string, tr http.RoundTripper) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{base: base, client: &http.Client{Jar: jar, Transport: tr, Timeout: 5 * time.Minute,
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
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}, err
}

func (b *browser) get(ctx context.Context, path string) (page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.base+path, nil)
	if err != nil {
		return page{}, err
	}
	return b.do(req)
}

var (
	csrfField    = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	versionField = regexp.MustCompile(`name="(_v\.[^"]+)" value="([^"]*)"`)
)

// form opens formPage and reads its CSRF token and the versions of the
// saved answers its hidden inputs carry, as a browser has them on screen.
func (b *browser) form(ctx context.Context, formPage string) (url.Values, error) {
	p, err := b.get(ctx, formPage)
	if err != nil {
		return nil, err
	}
	m := csrfField.FindStringSubmatch(p.body)
	if p.status != http.StatusOK || m == nil {
		return nil, fmt.Errorf("form %s: status %d", formPage, p.status)
	}
	v := url.Values{"_csrf": {m[1]}}
	for _, f := range versionField.FindAllStringSubmatch(p.body, -1) {
		v.Set(f[1], f[2])
	}
	return v, nil
}

// post sends values (which carry the token) to action.
func (b *browser) post(ctx context.Context, action string, values url.Values) (page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+action, strings.NewReader(values.Encode()))
	if err != nil {
		return page{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// submit posts values from the form on formPage to action and wants want.
func (b *browser) submit(ctx context.Context, formPage, action string, values url.Values, want int) (page, error) {
	v, err := b.form(ctx, formPage)
	if err != nil {
		return page{}, err
	}
	for k, vs := range values {
		v[k] = vs
	}
	p, err := b.post(ctx, action, v)
	if err == nil && p.status != want {
		err = fmt.Errorf("POST %s: status %d, want %d", action, p.status, want)
	}
	return p, err
}

// upload posts a multipart form as a browser sends it: the CSRF token
// first, then the fields, then the file, streamed from content.
func (b *browser) upload(ctx context.Context, formPage, action string, fields [][2]string, filename string, content io.Reader) (page, error) {
	v, err := b.form(ctx, formPage)
	if err != nil {
		return page{}, err
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := mw.WriteField("_csrf", v.Get("_csrf"))
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
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+action, pr)
	if err != nil {
		return page{}, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	p, err := b.do(req)
	pr.CloseWithError(io.ErrClosedPipe)
	return p, err
}
