package e2e

import (
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// revisionJourney: a petitioner whose access request was decided and sent
// to her discovers a new fact and applies for revision from the case page.
// She forgets the summary once: the page says so, keeps what she wrote and
// says that the files must be chosen again; then she files with a real PDF
// summary and reads the new reference.
func revisionJourney(r *Run) {
	en := i18n.Get("en")
	summary := r.File("new-fact-summary.pdf", webtest.PDF("summary of the new fact"))
	judgment := r.File("acquittal.pdf", webtest.PDF("acquittal judgment"))
	r.App.Register(domain.RolePetitioner, "Amal Haddad", "amal@example.org")
	req := fileAccessRequestFor(r, r.App.Login("amal@example.org"), "Amal Haddad")
	decideAccessRequest(r, req)

	const fact = "A court in Istanbul acquitted me of the charge on 2 February 2026."
	const why = "The diffusion rested only on that charge."
	amal := r.NewPerson("petitioner")
	signIn(amal, "amal@example.org")
	amal.Sees("my-requests", "My requests")
	amal.FollowLink("CCF-2026-000001")
	amal.Sees("case-decided", "CCF-2026-000001")
	amal.FollowLink(en.T("case.ask_revision"))
	amal.Sees("revision", en.T("revision.heading"))
	amal.SeesText(en.T("revision.not_disagreement"))
	amal.Fill(en.T("answer.revision_fact.label"), fact)
	amal.FillDate(en.T("answer.revision_discovered.label"), "2", "2", "2026")
	amal.Fill(en.T("answer.revision_why.label"), why)
	amal.Upload(en.T("docs.file"), judgment)
	amal.Check(en.T("check.declaration"))
	amal.PressButton(en.T("revision.submit"))

	amal.SeesErrors("revision-errors", en.T("revision.heading"), en.T("revision.summary_required"))
	amal.SeesFilled(en.T("answer.revision_fact.label"), fact)
	amal.SeesFilled(en.T("answer.revision_why.label"), why)
	amal.SeesText(en.T("docs.choose_again"))
	amal.FixError(en.T("revision.summary_required"))
	amal.Upload(en.T("revision.summary_file"), summary)
	amal.Upload(en.T("docs.file"), judgment)
	amal.Check(en.T("check.declaration"))
	amal.PressButton(en.T("revision.submit"))

	amal.Sees("revision-sent", en.T("confirm.heading"))
	amal.SeesText(en.T("confirm.your_reference") + " CCF-2026-000002")
	amal.SeesText(en.T("confirm.revision_outcome"))
}
