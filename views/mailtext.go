package views

import (
	"context"
	"strings"

	"github.com/ccf-portal/ccfportal/views/i18n"
)

// MailText is an e-mail as the portal writes it: a subject and a plain
// body. No message names a person, a country, a reference or a kind of
// request: an e-mail provider, or a state that compels one, must learn
// nothing from it.
type MailText struct {
	Subject string
	Body    string
}

// MailLocale is the language of a message to an account: the language the
// account chose, else the one of the page that caused the message.
func MailLocale(ctx context.Context, accountLanguage string) *i18n.Locale {
	if i18n.Supported(accountLanguage) {
		return i18n.Get(accountLanguage)
	}
	return i18n.FromContext(ctx)
}

// ResetMail carries a password reset link.
func ResetMail(l *i18n.Locale, link string) MailText {
	return mailText(l, "mail.reset.subject", l.T("mail.reset.body", link))
}

// mailText closes a body with the note every message carries.
func mailText(l *i18n.Locale, subjectKey, body string) MailText {
	return MailText{Subject: l.T(subjectKey), Body: strings.TrimSpace(body) + "\n\n-- \n" + l.T("mail.footer") + "\n"}
}

// VerifyMail carries a link that confirms the account's address.
func VerifyMail(l *i18n.Locale, link string) MailText {
	return mailText(l, "mail.verify.subject", l.T("mail.verify.body", link))
}

// NewsMail is the one notification e-mail: that there is news in the
// account, and where to sign in. It names nothing of the case.
func NewsMail(l *i18n.Locale, portal string) MailText {
	return mailText(l, "mail.news.subject", l.T("mail.news.body", portal+"/login"))
}
