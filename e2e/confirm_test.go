package e2e

import "github.com/ccf-portal/ccfportal/views/i18n"

// confirmAddress follows, in the person's browser, the link that confirms
// their address, as the portal's outbox delivered it to the test's SMTP
// server: submitting a request needs it. T translates in the page's
// language.
func confirmAddress(r *Run, p *Person, email string, T func(string, ...any) string) {
	mails := r.App.MailTo(email)
	if len(mails) != 1 {
		r.t.Fatalf("want one confirmation message to %s, got %d", email, len(mails))
	}
	p.Open(r.App.LinkIn(mails[0]))
	p.Sees("confirm-email", T("verify.page.heading"))
	p.PressButton(T("verify.page.submit"))
	p.Sees("my-requests", T("dashboard.heading"))
	p.SeesText(T("verify.done"))
}

// english translates into English, for journeys written in it.
var english = i18n.Get("en").T
