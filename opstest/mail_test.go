package opstest

import (
	"bytes"
	"errors"
	"io"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// errNoMailYet is a confirmation link not written to the outbox folder yet:
// the sender runs every few seconds, and a kill may have come first.
var errNoMailYet = errors.New("no confirmation message in the outbox yet")

var verifyLink = regexp.MustCompile(`https?://[^/\s]+(/verify/\S+)`)

// confirmationLink finds, in the portal's default outbox folder (the .eml
// files it writes when no SMTP server is set), the path of a confirmation
// link sent to email.
func confirmationLink(data, email string) (string, error) {
	files, _ := filepath.Glob(filepath.Join(data, "outbox", "*.eml"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil || !strings.Contains(m.Header.Get("To"), email) {
			continue
		}
		body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
		if l := verifyLink.FindStringSubmatch(string(body)); l != nil {
			return l[1], nil
		}
	}
	return "", errNoMailYet
}

// confirmAddress follows the confirmation link sent to email. A link
// already spent (its answer was lost to a kill) has done its work.
func (b *browser) confirmAddress(data, email string) error {
	link, err := confirmationLink(data, email)
	if err != nil {
		return err
	}
	p, err := b.submit(link, link, nil)
	if err == nil && p.status == http.StatusNotFound {
		return nil
	}
	_, err = expect("confirm address", p, err, http.StatusSeeOther)
	return err
}
