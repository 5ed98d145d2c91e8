package views

import "github.com/ccf-portal/ccfportal/views/i18n"

// AddressLinkMail carries the link, sent to a new address, that makes it
// the account's.
func AddressLinkMail(l *i18n.Locale, link string) MailText {
	return mailText(l, "mail.address.link.subject", l.T("mail.address.link.body", link))
}

// AddressAskedMail tells an account's current address that someone asked
// to replace it, naming neither the new address nor anything of a case.
func AddressAskedMail(l *i18n.Locale, portal string) MailText {
	return mailText(l, "mail.address.asked.subject", l.T("mail.address.asked.body", portal+"/login"))
}

// AddressChangedMail tells the old address that the account no longer uses
// it.
func AddressChangedMail(l *i18n.Locale, portal string) MailText {
	return mailText(l, "mail.address.changed.subject", l.T("mail.address.changed.body", portal+"/contact"))
}
