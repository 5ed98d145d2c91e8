package e2e

import (
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/prior"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// priorRevisionJourney: a petitioner whose case the CCF decided by post in
// 2020, before the portal, applies for revision from her dashboard on a
// phone with scripts off. She types the reference half, sends no copy of
// the decision and no reason for her late application: the page says what
// each needs and keeps what she wrote; she says why she has no copy and
// why she applies only now, and files with a new reference.
func priorRevisionJourney(r *Run) {
	en := i18n.Get("en")
	summary := r.File("new-fact-summary.pdf", webtest.PDF("summary of the new fact"))
	r.App.Register(domain.RolePetitioner, "Amal Haddad", "amal@example.org")

	const fact = "The Istanbul court that issued the warrant acquitted me on 10 January 2025."
	amal := r.NewPerson("petitioner")
	signIn(amal, "amal@example.org")
	amal.Sees("my-requests", "My requests")
	amal.FollowLink(en.T("prior.dashboard.revision"))
	amal.Sees("prior-revision", en.T("prior.revision.heading"))
	amal.Choose(en.T("answer.representation.label"), en.T("option.representation.self"))
	amal.Fill(en.T("answer.full_name.label"), "Amal Haddad")
	amal.FillDate(en.T("answer.birth_date.label"), "14", "2", "1984")
	amal.Select(en.T("answer.nationality.label"), "Syria")
	amal.Choose(en.T("answer.language.label"), en.T("option.language.en"))
	amal.Fill(en.T("answer.prior_reference.label"), "CCF 2019")
	amal.FillDate(en.T("answer.prior_decided.label"), "15", "6", "2020")
	amal.Fill(en.T("answer.revision_fact.label"), fact)
	amal.FillDate(en.T("answer.revision_discovered.label"), "20", "1", "2025")
	amal.Fill(en.T("answer.revision_why.label"), "The decision rested on that warrant.")
	amal.Upload(en.T("revision.summary_file"), summary)
	amal.Check(en.T("check.declaration"))
	amal.PressButton(en.T("revision.submit"))

	amal.SeesErrors("prior-revision-errors", en.T("prior.revision.heading"),
		en.T("prior.reference_format", prior.Example), en.T("prior.copy_or_note"),
		en.T("revision.late_reason_required", "20 July 2025"))
	amal.SeesFilled(en.T("answer.prior_reference.label"), "CCF 2019")
	amal.SeesFilled(en.T("answer.revision_fact.label"), fact)
	amal.FixError(en.T("prior.reference_format", prior.Example))
	amal.Fill(en.T("answer.prior_reference.label"), "CCF/2019/1234")
	amal.Fill(en.T("answer.prior_copy_note.label"), "The letter went to my former lawyer, who has closed his office.")
	amal.Fill(en.T("answer.revision_late_reason.label"), "I received the judgment only in February 2026.")
	amal.Upload(en.T("revision.summary_file"), summary)
	amal.Check(en.T("check.declaration"))
	amal.PressButton(en.T("revision.submit"))

	amal.Sees("prior-revision-sent", en.T("confirm.heading"))
	amal.SeesText(en.T("confirm.your_reference") + " CCF-2026-000001")
	amal.FollowLink(en.T("confirm.view_case"))
	amal.Sees("prior-revision-case", "CCF-2026-000001")
	amal.SeesText(en.T("prior.note.case", "CCF-2019-001234", "15 June 2020"))
	amal.SeesText(en.T("prior.note.no_copy"))
}
