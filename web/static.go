package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/static"
)

// staticHandler serves the embedded static files under their hashed names
// (see static.Path): a file's address changes with its content, so
// browsers and proxies may keep each one for a year without asking again.
// Anything else -- a file's plain name, a folder, a missing name -- is a
// normal 404 page, so a stale page can never pair with a newer file.
//
// Static files are the only responses the portal compresses, each once at
// start. Pages are never compressed: each carries a form token (and many
// carry personal data) beside text an attacker can choose (a search, a
// return address), which is what BREACH needs to read a secret from the
// compressed length. Downloads are left as they are too: evidence, PDFs
// and images are compressed already, and their lengths are checked.
func staticHandler() echo.HandlerFunc {
	return func(c echo.Context) error {
		name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
		a, ok := static.Assets[name]
		if !ok {
			// Not cached: the name may be of a release still rolling out.
			c.Response().Header().Set("Cache-Control", "no-store")
			return echo.ErrNotFound
		}
		h := c.Response().Header()
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		serveAsset(c.Response(), c.Request(), a)
		return nil
	}
}

// serveAsset writes a, gzip-compressed when the client accepts it.
func serveAsset(w http.ResponseWriter, r *http.Request, a *static.Asset) {
	h := w.Header()
	h.Set("Content-Type", a.Type)
	if a.Gzip == nil {
		http.ServeContent(w, r, a.Name, time.Time{}, bytes.NewReader(a.Body))
		return
	}
	h.Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r.Header.Values("Accept-Encoding")) {
		http.ServeContent(w, r, a.Name, time.Time{}, bytes.NewReader(a.Body))
		return
	}
	// Whole, never in ranges: a range of the compressed bytes is of no use
	// to a stylesheet or a script, and the length is known.
	h.Set("Content-Encoding", "gzip")
	h.Set("Content-Length", strconv.Itoa(len(a.Gzip)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(a.Gzip)
	}
}

// acceptsGzip tells whether Accept-Encoding accepts gzip: listed by name
// with a non-zero weight, or else through "*".
func acceptsGzip(values []string) bool {
	gzip, star := -1.0, -1.0
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			switch strings.ToLower(strings.TrimSpace(coding)) {
			case "gzip":
				gzip = weight(params)
			case "*":
				star = weight(params)
			}
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}

// weight is the q parameter of a list element, 1 when absent, 0 when
// malformed.
func weight(params string) float64 {
	for param := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(param, "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return 0
			}
			return q
		}
	}
	return 1
}
