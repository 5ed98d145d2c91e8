package e2e

import (
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// guideJourney is a visitor reading the guide before filing, without an
// account: from the home page's footer to the help index, every help page
// from there, then the pages about the portal and the contact page from
// the footer. Every page is audited on the way.
func guideJourney(r *Run) {
	en := i18n.Get("en")
	visitor := r.NewPerson("visitor")
	visitor.Open("/")
	visitor.Sees("home", en.T("home.heading"))
	visitor.SeesTargetsOf24px()
	visitor.FollowLink(en.T("guide.help.nav"))
	visitor.Sees("help", en.T("guide.help.title"))
	visitor.SeesTargetsOf24px()
	for _, a := range views.HelpArticles {
		visitor.FollowLink(en.T(a.Nav()))
		visitor.Sees(pageKey(a.Path), en.T(a.Title()))
		visitor.FollowLink(en.T("guide.help.nav"))
		visitor.Sees("help", en.T("guide.help.title"))
	}
	for _, a := range views.AboutArticles {
		visitor.FollowLink(en.T(a.Nav()))
		visitor.Sees(pageKey(a.Path), en.T(a.Title()))
	}
	visitor.FollowLink(en.T("guide.contact.nav"))
	visitor.Sees("contact", en.T("guide.contact.title"))
	visitor.SeesTargetsOf24px()

	// From the footer, a visitor says what could be better, first with an
	// empty box, and is brought back to the page.
	visitor.FollowLink(en.T("feedback.footer_link"))
	visitor.Sees("feedback", en.T("feedback.title"))
	visitor.PressButton(en.T("feedback.submit"))
	visitor.SeesErrors("feedback-empty", en.T("feedback.title"), en.T("feedback.body_required"))
	visitor.Fill(en.T("feedback.body"), "The glossary could come first on the help page.")
	visitor.PressButton(en.T("feedback.submit"))
	visitor.Sees("contact-after-feedback", en.T("guide.contact.title"))
	visitor.SeesText(en.T("feedback.sent"))

	// A person with an account asks the secretariat about using the portal.
	r.App.Register(domain.RolePetitioner, "Amal Haddad", "amal@example.org")
	amal := r.NewPerson("petitioner")
	signIn(amal, "amal@example.org")
	amal.Open("/contact")
	amal.FollowLink(en.T("helpdesk.contact_link"))
	amal.Sees("help-ask", en.T("helpdesk.heading"))
	amal.PressButton(en.T("helpdesk.submit"))
	amal.SeesErrors("help-ask-empty", en.T("helpdesk.heading"), en.T("helpdesk.topic_required"), en.T("helpdesk.body_required"))
	amal.Choose(en.T("helpdesk.topic_legend"), en.T("helpdesk.topic.documents"))
	amal.Fill(en.T("helpdesk.body"), "How do I make a scan smaller?")
	amal.PressButton(en.T("helpdesk.submit"))
	amal.Sees("help-ask-sent", en.T("helpdesk.heading"))
	amal.SeesText(en.T("helpdesk.sent"))
	amal.SeesText("How do I make a scan smaller?")
}

// pageKey names a guide page in screenshots and reports by its address.
func pageKey(path string) string {
	return strings.ReplaceAll(strings.Trim(path, "/"), "/", "-")
}
