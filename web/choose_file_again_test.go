package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	ftt "github.com/ccf-portal/ccfportal/db/filetype/filetypetest"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Browsers clear a file field when a form comes back with a problem; the
// page says so beside the field, and the field points to the note, so that
// nobody believes their document was sent.
func TestARefusedFormSaysTheFileMustBeChosenAgain(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	const note = "If you had chosen a file, choose it again"

	fresh := c.Get(req + "/documents")
	assert.Equal(t, http.StatusOK, fresh.Status)
	assert.NotContains(t, fresh.Body, note, "nothing to choose again before a refusal")

	refused := c.Upload(req+"/documents", req+"/documents", []webtest.Field{webtest.F("doc_type", "")},
		"passport.pdf", strings.NewReader(string(ftt.PDF(1))))
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, note)
	assert.Contains(t, refused.Body, `id="file-again"`)
	assert.Regexp(t, `type="file"[^>]*aria-describedby="[^"]*file-again`, refused.Body)
}
