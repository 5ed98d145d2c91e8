package web

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"
)

const nonceKey = "ccf.nonce"

// securityHeaders sets the headers every response carries, error pages
// included, before anything else can write. Each response gets a fresh CSP
// nonce; no inline script runs without it.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		nonce := make([]byte, 16)
		rand.Read(nonce)
		n := base64.StdEncoding.EncodeToString(nonce)
		c.Set(nonceKey, n)
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy(n))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
		if !strings.HasPrefix(c.Request().URL.Path, "/static/") {
			// Pages may hold personal data: no browser or proxy may keep them.
			h.Set("Cache-Control", "no-store")
		}
		if s.cfg.HTTPS {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		return next(c)
	}
}

func contentSecurityPolicy(nonce string) string {
	return fmt.Sprintf("default-src 'none'; script-src 'nonce-%s' 'strict-dynamic'; style-src 'self'; "+
		"img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; "+
		"frame-ancestors 'none'; base-uri 'none'", nonce)
}
