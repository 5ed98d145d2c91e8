package e2e

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// helpAnswerJourney: a signed-in petitioner asks the secretariat how to
// make a scan smaller; a member of staff finds the question in the help
// requests, answers it (first with an empty box), and the petitioner
// reads the answer from her inbox.
func helpAnswerJourney(r *Run) {
	en := i18n.Get("en")
	const question = "How do I make a scan of my passport smaller?"
	const answer = "Scan in grey at 150 dpi and save as PDF: a page is then well under the limit."
	r.App.Register(domain.RolePetitioner, "Amal Haddad", "amal@example.org")
	amal := r.NewPerson("petitioner")
	signIn(amal, "amal@example.org")
	amal.Sees("my-requests", "My requests")
	amal.FollowLink(en.T("guide.contact.nav"))
	amal.Sees("contact", en.T("guide.contact.title"))
	amal.FollowLink(en.T("helpdesk.contact_link"))
	amal.Sees("help-ask", en.T("helpdesk.heading"))
	amal.Choose(en.T("helpdesk.topic_legend"), en.T("helpdesk.topic.documents"))
	amal.Fill(en.T("helpdesk.body"), question)
	amal.PressButton(en.T("helpdesk.submit"))
	amal.Sees("help-ask-sent", en.T("helpdesk.heading"))
	amal.SeesUnder(en.T("helpdesk.mine"), en.T("helpdesk.waiting"))

	clerk := r.NewPerson("staff")
	signInStaff(r, clerk, staffrole.Secretariat, "clerk@ccf.example")
	clerk.FollowLink(en.T("helpdesk.staff.nav_link"))
	clerk.Sees("desk-help", en.T("helpdesk.staff.title"))
	asked := views.FormatDateTime(context.Background(), r.App.Clock.Now())
	clerk.SeesRowWith(en.T("helpdesk.staff.title"), asked, en.T("helpdesk.topic.documents"), "Amal Haddad", en.T("helpdesk.waiting"))
	clerk.FollowLink(asked)
	clerk.Sees("desk-help-one", en.T("helpdesk.staff.one_title"))
	clerk.SeesText(question)
	clerk.PressButton(en.T("helpdesk.staff.send"))
	clerk.SeesErrors("desk-help-empty", en.T("helpdesk.staff.one_title"), en.T("helpdesk.answer_required"))
	clerk.FixError(en.T("helpdesk.answer_required"))
	clerk.Fill(en.T("helpdesk.staff.answer"), answer)
	clerk.PressButton(en.T("helpdesk.staff.send"))
	clerk.Sees("desk-help-answered", en.T("helpdesk.staff.title"))
	clerk.SeesText(en.T("helpdesk.staff.sent"))
	clerk.SeesRowWith(en.T("helpdesk.staff.title"), asked, en.T("helpdesk.answered"))

	amal.FollowLink(en.T("dashboard.title"))
	amal.Sees("my-requests-news", "My requests")
	amal.FollowLink(en.T("inbox.nav_unread", 1))
	amal.Sees("inbox", en.T("inbox.heading"))
	amal.FollowLink(en.T("inbox.kind.help_answer"))
	amal.Sees("help-answered", en.T("helpdesk.heading"))
	amal.SeesUnder(en.T("helpdesk.mine"), answer)
}
