package e2e

import (
	"strings"

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
	visitor.FollowLink(en.T("guide.help.nav"))
	visitor.Sees("help", en.T("guide.help.title"))
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
}

// pageKey names a guide page in screenshots and reports by its address.
func pageKey(path string) string {
	return strings.ReplaceAll(strings.Trim(path, "/"), "/", "-")
}
