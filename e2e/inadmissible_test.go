package e2e

import (
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// inadmissibleJourney: the secretariat finds a submitted access request
// inadmissible because the identity document has expired, first
// forgetting to say why; the applicant reads on the case page what was
// missing, what to send, and that she can file again.
func inadmissibleJourney(r *Run) {
	en := i18n.Get("en")
	r.App.Register(domain.RolePetitioner, "Amal Haddad", "amal@example.org")
	fileAccessRequestFor(r, r.App.Login("amal@example.org"), "Amal Haddad")
	const note = "The passport you sent expired in 2024."

	clerk := r.NewPerson("staff")
	signInStaff(r, clerk, staffrole.Secretariat, "clerk@ccf.example")
	clerk.FollowLink("CCF-2026-000001")
	clerk.Sees("desk-case", "CCF-2026-000001")
	clerk.FollowLink(en.T("admissibility.action"))
	clerk.Sees("desk-admissibility", en.T("admissibility.title"))
	clerk.Choose(en.T("admissibility.outcome_legend"), en.T("admissibility.outcome.inadmissible"))
	clerk.PressButton(en.T("admissibility.submit"))
	clerk.SeesErrors("desk-admissibility-errors", en.T("admissibility.title"), en.T("admissibility.reason_required"))
	clerk.FixError(en.T("admissibility.reason_required"))
	clerk.Check(en.T("inadmissible.reason.id_expired"))
	clerk.Fill(en.T("admissibility.note"), note)
	clerk.PressButton(en.T("admissibility.submit"))
	clerk.Sees("desk-case-inadmissible", "CCF-2026-000001")
	clerk.SeesText(en.T("staff.flash.admissibility_inadmissible"))

	amal := r.NewPerson("petitioner")
	signIn(amal, "amal@example.org")
	amal.Sees("my-requests", "My requests")
	amal.SeesRowWith("Requests", "CCF-2026-000001", en.T("status.inadmissible"))
	amal.FollowLink("CCF-2026-000001")
	amal.Sees("case-inadmissible", "CCF-2026-000001")
	amal.SeesText(en.T("outcome.inadmissible", "2 March 2026"))
	amal.SeesText(en.T("inadmissible.reason.id_expired"))
	amal.SeesText(en.T("inadmissible.fix.id_expired"))
	amal.SeesText(note)
	amal.SeesText(en.T("outcome.file_again"))
}
