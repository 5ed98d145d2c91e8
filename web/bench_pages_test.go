package web_test

import (
	"net/http"
	"testing"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// BenchmarkPublicPages measures the home and sign-in pages through the
// whole app (session, CSRF, rendering) over HTTP:
//
//	go test -bench PublicPages -run XXX -benchmem ./web/
//
// "first_visit" is a browser with no cookie each time, as a crawler or a
// new visitor arrives; "returning" is one browser that keeps its cookies;
// "signed_in" is a petitioner's browser.
func BenchmarkPublicPages(b *testing.B) {
	app := webtest.New(b)
	signedIn := app.Petitioner("amal@example.org")
	returning := app.NewClient()
	for name, path := range map[string]string{"home": "/", "login": "/login"} {
		b.Run(name+"/first_visit", func(b *testing.B) {
			for b.Loop() {
				benchGet(b, app.NewClient(), path)
			}
		})
		b.Run(name+"/returning", func(b *testing.B) {
			for b.Loop() {
				benchGet(b, returning, path)
			}
		})
	}
	b.Run("dashboard/signed_in", func(b *testing.B) {
		for b.Loop() {
			benchGet(b, signedIn, "/dashboard")
		}
	})
}

func benchGet(b *testing.B, c *webtest.Client, path string) {
	if resp := c.Get(path); resp.Status != http.StatusOK {
		b.Fatalf("%s: status %d", path, resp.Status)
	}
}
