package views

import "github.com/ccf-portal/ccfportal/views/i18n"

// DigestCounts are the figures of a staff member's daily digest.
type DigestCounts struct {
	New, Urgent, Replies, Overdue, DueSoon, PastDue int
}

// DigestMail is the daily digest to a secretariat member: counts and the
// queue's address, never a name, a reference or a country.
func DigestMail(l *i18n.Locale, portal string, d DigestCounts) MailText {
	return mailText(l, "mail.digest.subject",
		l.T("mail.digest.body", d.New, d.Urgent, d.Replies, d.Overdue, d.DueSoon, d.PastDue, portal+"/staff"))
}
