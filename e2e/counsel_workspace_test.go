package e2e

import (
	"net/http"
	"strings"

	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// counselWorkspaceJourney: a counsel who already filed for one client
// signs in, finds that client's record and request from the dashboard,
// adds a new applicant's record, keeps a power of attorney on it (first
// without the date it was signed, which the form asks for), and gives a
// colleague of the firm access to it.
func counselWorkspaceJourney(r *Run) {
	en := i18n.Get("en")
	poa := r.File("power-of-attorney.pdf", webtest.PDF("power of attorney"))
	c := r.App.CounselOf("Claire Dupont", "dupont@avocats.example", "Dupont & Associés")
	r.App.CounselOf("Marc Lenoir", "lenoir@avocats.example", "Dupont & Associés")
	alpha := c.AddApplicant(webtest.ApplicantRecord("Omar Khalil", "2030"))
	if resp := c.Upload(alpha, alpha+"/documents", []webtest.Field{webtest.F("doc_type", "identity")},
		"passport.pdf", strings.NewReader(webtest.PDF("passport"))); resp.Status != http.StatusSeeOther {
		r.t.Fatalf("keep the identity document: status %d: %s", resp.Status, webtest.ErrorSummaryText(resp.Body))
	}
	c.StartFilingFor(alpha, "access")

	claire := r.NewPerson("counsel")
	signIn(claire, "dupont@avocats.example")
	claire.Sees("my-requests", en.T("dashboard.heading"))
	claire.SeesRowWith(en.T("dashboard.applicants"), "Omar Khalil")
	claire.FollowLink("Omar Khalil")
	claire.Sees("applicant", "Omar Khalil")
	claire.SeesUnder(en.T("applicant.requests"), en.T("dashboard.draft_link"))
	claire.SeesUnder(en.T("applicant.documents"), "passport.pdf")
	claire.FollowLink(en.T("nav.back"))

	claire.Sees("my-requests", en.T("dashboard.heading"))
	claire.FollowLink(en.T("dashboard.add_applicant"))
	claire.Sees("applicant-new", en.T("applicant.form_title"))
	claire.Fill(en.T("answer.full_name.label"), "Yusuf Haddad")
	claire.PressButton(en.T("applicant.save"))
	claire.SeesErrors("applicant-new-errors", en.T("applicant.form_title"), en.T("answer.birth_date.required"),
		en.T("answer.nationality.required"), en.T("answer.id_type.required"), en.T("answer.id_number.required"),
		en.T("answer.id_issuer.required"), en.T("answer.id_expiry.required"), en.T("answer.contact_email.required"))
	claire.SeesFilled(en.T("answer.full_name.label"), "Yusuf Haddad")
	claire.FixError(en.T("answer.birth_date.required"))
	claire.FillDate("Date of birth", "3", "9", "1990")
	claire.Select("Nationality", "Syria")
	claire.Choose("Type of identity document", "Passport")
	claire.Fill("Document number", "N7654321")
	claire.Select("Issuing country", "Syria")
	claire.FillDate("Expiry date", "1", "6", "2031")
	claire.Fill("Email address for this request", "dupont@avocats.example")
	claire.PressButton(en.T("applicant.save"))
	claire.Sees("applicant-created", "Yusuf Haddad")
	claire.SeesText(en.T("applicant.saved"))
	claire.SeesUnder(en.T("applicant.flags_title"), en.T("applicant.flag.no_poa"))

	claire.Choose(en.T("docs.type"), en.T("doctype.power_of_attorney"))
	claire.Upload(en.T("docs.file"), poa)
	claire.PressButton(en.T("docs.upload"))
	claire.SeesErrors("applicant-poa-errors", "Yusuf Haddad", en.T("answer.signed_on.required"))
	claire.SeesText(en.T("docs.choose_again"))
	claire.FixError(en.T("answer.signed_on.required"))
	claire.FillDate(en.T("applicant.signed_on_label"), "20", "2", "2026")
	claire.Upload(en.T("docs.file"), poa)
	claire.PressButton(en.T("docs.upload"))
	claire.Sees("applicant-poa", "Yusuf Haddad")
	claire.SeesUnder(en.T("applicant.documents"), "power-of-attorney.pdf")

	claire.Fill(en.T("access.colleague_email"), "lenoir@avocats.example")
	claire.PressButton(en.T("access.invite"))
	claire.Sees("applicant-shared", "Yusuf Haddad")
	claire.SeesText(en.T("access.granted"))
	claire.SeesUnder(en.T("access.heading"), "Marc Lenoir")
	claire.FollowLink(en.T("nav.back"))
	claire.Sees("my-requests-two", en.T("dashboard.heading"))
	claire.SeesRowWith(en.T("dashboard.applicants"), "Yusuf Haddad")
}
