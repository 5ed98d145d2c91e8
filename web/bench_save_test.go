package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/ccf-portal/ccfportal/db/domain/edits"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// BenchmarkSaveSection measures one save of a draft's section through the
// whole app (session, CSRF, the form, the write transaction with its
// commit) by one signed-in person, each save changing the name:
//
//	go test -bench SaveSection -run XXX -benchmem ./web/
//
// Run with -cpu 1,2 to see how saves by two people at once share the store.
func BenchmarkSaveSection(b *testing.B) {
	app := webtest.New(b)
	c := app.Petitioner("amal@example.org")
	draft := c.StartAccessRequest()
	path := draft + "/section/applicant"
	page := c.Get(path)
	values := webtest.AccessAnswers(false)["applicant"]
	for k, v := range webtest.VersionsFrom(page.Body) {
		values[k] = v
	}
	values.Set("_csrf", webtest.CSRFFrom(b, page.Body))
	if resp := c.PostForm(path, values); resp.Status != http.StatusSeeOther {
		b.Fatalf("first save: status %d", resp.Status)
	}
	saved := values.Get("full_name")
	n := 0
	for b.Loop() {
		n++
		name := fmt.Sprintf("Amal Haddad %d", n)
		values.Set("full_name", name)
		values.Set(edits.VersionInput("full_name"), edits.Version(saved))
		if resp := c.PostForm(path, values); resp.Status != http.StatusSeeOther {
			b.Fatalf("save %d: status %d", n, resp.Status)
		}
		saved = name
	}
}
