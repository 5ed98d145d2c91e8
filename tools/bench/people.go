package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain/twofa"
)

// benchPassword passes the portal's password rules; every bench account
// uses it.
const benchPassword = "correct horse battery staple"

// register creates a petitioner account through the form.
func (b *browser) register(ctx context.Context, email string) error {
	_, err := b.submit(ctx, "/register", "/register", url.Values{"role": {"petitioner"},
		"name": {"Bench Petitioner"}, "email": {email}, "password": {benchPassword}}, http.StatusSeeOther)
	return err
}

// login signs in with the password; a staff account is then sent to its
// second factor.
func (b *browser) login(ctx context.Context, email string) (page, error) {
	return b.submit(ctx, "/login", "/login", url.Values{"email": {email}, "password": {benchPassword}}, http.StatusSeeOther)
}

var (
	verifyLink = regexp.MustCompile(`https?://[^/\s]+(/verify/\S+)`)
	secretText = regexp.MustCompile(`id="totp-secret"[^>]*>([^<]+)<`)
)

// confirmAddress follows the confirmation link the portal wrote to its
// outbox folder for email, waiting (30 s at most) for the sender to write it.
func (b *browser) confirmAddress(ctx context.Context, data, email string) error {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		if link := confirmationLink(data, email); link != "" {
			_, err := b.submit(ctx, link, link, nil, http.StatusSeeOther)
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return errors.New("no confirmation message in the outbox after 30 s")
}

func confirmationLink(data, email string) string {
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
			return l[1]
		}
	}
	return ""
}

// staffSignIn signs a staff account in and enrols its second factor, as
// a person with an authenticator app would on their first sign-in.
func (b *browser) staffSignIn(ctx context.Context, email string) error {
	p, err := b.login(ctx, email)
	if err != nil {
		return err
	}
	if !strings.HasPrefix(p.location, "/login/enrol") {
		return fmt.Errorf("staff sign-in: sent to %q, not the enrolment", p.location)
	}
	enrol, err := b.get(ctx, "/login/enrol")
	if err != nil {
		return err
	}
	m := secretText.FindStringSubmatch(enrol.body)
	if m == nil {
		return fmt.Errorf("enrolment page (status %d) shows no secret", enrol.status)
	}
	secret := strings.ReplaceAll(m[1], " ", "")
	code, err := twofa.Code(secret, twofa.Step(time.Now()))
	if err != nil {
		return err
	}
	_, err = b.submit(ctx, "/login/enrol", "/login/enrol", url.Values{"code": {code}}, http.StatusOK)
	return err
}

// startDraft starts an access request and returns its path.
func (b *browser) startDraft(ctx context.Context) (string, error) {
	p, err := b.submit(ctx, "/requests/new?kind=access", "/requests", url.Values{"kind": {"access"}}, http.StatusSeeOther)
	return p.location, err
}

// accessAnswers are complete answers for every field section of an access
// request filed by a petitioner for themself, keyed by section.
func accessAnswers() map[string]url.Values {
	return map[string]url.Values{
		"applicant": {"full_name": {"Amal Haddad"}, "birth_date-day": {"14"}, "birth_date-month": {"2"},
			"birth_date-year": {"1984"}, "birth_place": {"Aleppo"}, "nationality": {"SY"}},
		"id-document": {"id_type": {"passport"}, "id_number": {"N1234567"}, "id_issuer": {"SY"},
			"id_expiry-day": {"1"}, "id_expiry-month": {"6"}, "id_expiry-year": {"2030"}},
		"contact": {"contact_email": {"amal@example.org"}, "contact_phone": {"+49 30 1234567"}},
		"data": {"data_kind": {"wanted_diffusion"}, "source_country": {"TR"}, "learned_how": {"border_stop"},
			"learned_details": {"Stopped at Frankfurt airport in January."}},
		"language": {"language": {"en"}},
	}
}

// fillDraft answers every section of draft and uploads an identity document.
func (b *browser) fillDraft(ctx context.Context, draft string) error {
	for _, s := range []string{"applicant", "id-document", "contact", "data", "language"} {
		path := draft + "/section/" + s
		if _, err := b.submit(ctx, path, path, accessAnswers()[s], http.StatusSeeOther); err != nil {
			return err
		}
	}
	pdf := strings.NewReader("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
	p, err := b.upload(ctx, draft+"/documents", draft+"/documents",
		[][2]string{{"doc_type", "identity"}, {"description", "passport"}}, "passport.pdf", pdf)
	if err == nil && p.status != http.StatusSeeOther {
		err = fmt.Errorf("upload identity: status %d", p.status)
	}
	return err
}

// fileRequest files a filled draft and returns the case's path.
func (b *browser) fileRequest(ctx context.Context, draft string) error {
	_, err := b.submit(ctx, draft+"/check", draft+"/submit", url.Values{"declaration": {"yes"}}, http.StatusSeeOther)
	return err
}
