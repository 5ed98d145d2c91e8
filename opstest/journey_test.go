package opstest

import (
	"io"
	"net/http"
	"net/url"
	"strings"
)

// password passes the portal's rules; every test account uses it.
const password = "correct horse battery staple"

// register creates a petitioner account; the answer is the same whether or
// not the email already has one.
func (b *browser) register(email string) error {
	p, err := b.submitRetryingBusy("/register", "/register", url.Values{"role": {"petitioner"}, "name": {"Petitioner " + email},
		"email": {email}, "password": {password}})
	_, err = expect("register", p, err, http.StatusSeeOther)
	return err
}

// login signs in; a 303 is the acknowledgement.
func (b *browser) login(email string) error {
	p, err := b.submitRetryingBusy("/login", "/login", url.Values{"email": {email}, "password": {password}})
	_, err = expect("login", p, err, http.StatusSeeOther)
	return err
}

// busyRetries bounds how often a form is sent again after a 503: the
// server holds a password check back while its memory budget for hashing
// is spent (up to 2 s), then asks to try again, as a person would.
const busyRetries = 10

// submitRetryingBusy submits a form that hashes a password, sending it
// again while the server answers that it is busy. Nothing is acknowledged
// by a 503, so a retry never doubles a write.
func (b *browser) submitRetryingBusy(formPage, action string, values url.Values) (page, error) {
	p, err := b.submit(formPage, action, values)
	for i := 0; i < busyRetries && err == nil && p.status == http.StatusServiceUnavailable; i++ {
		p, err = b.submit(formPage, action, values)
	}
	return p, err
}

// signedIn reports whether the browser's session is still a signed-in one.
func (b *browser) signedIn() (bool, error) {
	p, err := b.get("/dashboard")
	if err != nil {
		return false, err
	}
	return p.status == http.StatusOK, nil
}

// startDraft starts an access request and returns its path.
func (b *browser) startDraft() (string, error) {
	p, err := b.submit("/requests/new?kind=access", "/requests", url.Values{"kind": {"access"}})
	p, err = expect("start draft", p, err, http.StatusSeeOther)
	return p.location, err
}

// saveSection answers one section of a draft.
func (b *browser) saveSection(draft, section string, values url.Values) error {
	path := draft + "/section/" + section
	p, err := b.submit(path, path, values)
	_, err = expect("save "+section, p, err, http.StatusSeeOther)
	return err
}

// uploadDocument uploads one file to a draft's documents.
func (b *browser) uploadDocument(draft, docType, filename string, content io.Reader) error {
	p, err := b.upload(draft+"/documents", draft+"/documents",
		[][2]string{{"doc_type", docType}, {"description", "test " + docType}}, filename, content)
	_, err = expect("upload", p, err, http.StatusSeeOther)
	return err
}

// submitDraft files a draft with the declaration made.
func (b *browser) submitDraft(draft string) error {
	p, err := b.submit(draft+"/check", draft+"/submit", url.Values{"declaration": {"yes"}})
	p, err = expect("submit", p, err, http.StatusSeeOther)
	if err == nil && !strings.HasSuffix(p.location, "/confirmation") {
		return &statusError{what: "submit: not sent to the confirmation", page: p}
	}
	return err
}

// accessAnswers are complete answers for every field section of an access
// request filed by a petitioner for themself, keyed by section.
func accessAnswers() map[string]url.Values {
	return map[string]url.Values{
		"representation": {"representation": {"self"}},
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

// accessSections is the order of the field sections.
var accessSections = []string{"representation", "applicant", "id-document", "contact", "data", "language"}
