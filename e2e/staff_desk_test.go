package e2e

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// staffDeskJourney is journeys 3 and 4, with three people in their own
// browsers. A petitioner files a deletion request with an urgent request
// for provisional measures (journey 2's steps, shortened). A member of the
// CCF's secretariat signs in and finds the urgent request first in the
// queue; a member of the Requests Chamber grants blocking; the secretariat
// declares the deletion request admissible, consults the source NCB and
// asks the petitioner for clarification (journey 3). The petitioner
// answers with a file; the secretariat drafts a decision that the data
// do not comply, the Chamber adopts it at a session, and the secretariat
// sees it through to the General Secretariat and the applicant;
// the secretariat issues the deletion notice and records the
// confirmations of the countries that received the data; the petitioner
// sees the decision and that it was carried out (journey 4). Staff forget
// the measures and the start date, tick no requirement, say nothing of the
// consultation, give no reasons and record no country; the petitioner
// sends an empty answer.
func staffDeskJourney(r *Run) {
	scan := r.File("passport.pdf", webtest.PDF("passport scan"))
	article := r.File("article.pdf", webtest.PDF("press article"))
	closure := r.File("closure-decision.pdf", webtest.PDF("closure decision"))
	// An earlier request in the queue, which would come first if urgent
	// requests were not put on top; and the accounts, made from forms
	// journey 1 already plays, or, for staff, by an administrator.
	fileOtherAccessRequest(r)
	r.App.Register(domain.RolePetitioner, "Amal Haddad", "amal@example.org")
	if _, err := r.App.DB.CreateUser(context.Background(), domain.NewUser{Email: "clerk@ccf.example",
		Name: "Jonas Weber", Role: domain.RoleStaff, Password: webtest.Password}, password.FastParams); err != nil {
		r.t.Fatalf("create the staff account: %v", err)
	}
	if _, err := r.App.DB.CreateUser(context.Background(), domain.NewUser{Email: "judge@ccf.example", Name: "Ines Moreau",
		Role: domain.RoleStaff, Password: webtest.Password, StaffRole: string(staffrole.Chamber)}, password.FastParams); err != nil {
		r.t.Fatalf("create the Chamber member's account: %v", err)
	}
	amal := r.NewPerson("petitioner")
	clerk := r.NewPerson("staff")
	judge := r.NewPerson("chamber")

	// Amal starts a deletion request, sends an urgent request from its task
	// list at once, then completes and files the deletion request.
	signIn(amal, "amal@example.org")
	amal.Sees("my-requests", "My requests")
	amal.FollowLink("Ask for deletion or correction")
	amal.Sees("start-deletion-request", "Ask the CCF to delete or correct INTERPOL's data")
	amal.Choose("What do you want to ask for?", "Deletion of the data")
	amal.PressButton("Start now")
	amal.Sees("task-list", "Your request")
	amal.SeesText("You have completed 1 of 10 sections.")

	fillPersonConcerned(amal, personConcerned{
		name: "Amal Haddad", otherNames: "Amal Al-Haddad", born: [3]string{"14", "2", "1984"}, birthPlace: "Aleppo",
		nationality: "Syria", idType: "Passport", idNumber: "N1234567", idIssuer: "Syria",
		idExpiry: [3]string{"1", "6", "2030"}, email: "amal@example.org", phone: "+49 30 1234567",
	})
	addWantedDiffusion(amal)
	// The person is described first, so the urgent form comes at once.
	amal.FollowLink("Ask for urgent provisional measures")
	amal.Sees("urgent-with-draft", "What is happening?")
	amal.Choose("What is happening?", "An extradition hearing or decision")
	amal.Fill("Where?", "Regional court, Frankfurt am Main")
	amal.FillDate("Date of the next step, if known", "6", "3", "2026")
	amal.FillTime("At what time, if known?", 10, 0)
	amal.Select("Time zone of that place", "UTC+01:00")
	amal.Choose("Has extradition been requested?", "Yes")
	amal.PressButton("Continue")
	// The person's page holds what the draft already says, and asks what
	// INTERPOL may hold.
	amal.Sees("urgent-person", "The person concerned")
	amal.Check("A wanted-person diffusion")
	amal.PressButton("Continue")
	amal.Sees("urgent-asked", "What you ask, and a contact")
	amal.Check("Block the data while the case is examined")
	amal.Fill("Why is it urgent?", "The court decides on Türkiye's extradition request on the strength of the diffusion.")
	amal.Fill("Contact reachable day and night", "Leila Haddad (sister), +49 170 0000000")
	amal.PressButton("Continue")
	amal.Sees("urgent-check", "Check and send the urgent request")
	amal.SeesText("The request it belongs to stays a draft")
	amal.SeesText("Amal Haddad")
	amal.Check("I declare that the information in this request is true to the best of my knowledge and that I am entitled to file it.")
	amal.PressButton("Send urgent request")
	// Sent at once, with its own reference; the deletion request follows.
	amal.Sees("urgent-confirmation", "Request submitted")
	amal.SeesText("Your reference number CCF-2026-000002")
	amal.SeesText("What the request still needs")
	amal.FollowLink("Continue the request")
	amal.Sees("task-list-urgent", "Your request")
	amal.SeesUnder("Urgent?", "Urgent request CCF-2026-000002 sent on")

	amal.FollowLink("Grounds")
	amal.Sees("grounds", "Grounds")
	explainGrounds(amal, []groundAnswer{{"Political, military, religious or racial character",
		"I am an opposition journalist. The charges came a week after my articles."}})
	amal.FollowLink("Evidence")
	amal.Sees("evidence", "Evidence")
	uploadEvidence(amal, article, "Press article", "Political, military, religious or racial character",
		"Article on the charges, Der Spiegel, 2024", "English")
	amal.FollowLink("Save and return to the list of sections")
	amal.Sees("task-list", "Your request")
	amal.FollowLink("Summary of arguments")
	amal.Sees("section-summary", "Summary of arguments")
	amal.Fill("Summary of arguments", "The diffusion is politically motivated: it followed my articles.")
	amal.PressButton("Save and continue")
	amal.Sees("task-list", "Your request")
	chooseLanguage(amal)
	amal.FollowLink("Documents")
	amal.Sees("documents", "Documents")
	uploadDocument(amal, scan, "Identity document")
	amal.FollowLink("Save and return to the list of sections")
	amal.Sees("task-list-complete", "Your request")
	amal.FollowLink("Check your answers and submit")
	amal.Sees("check-answers", "Check your answers before submitting")
	amal.Check("I declare that the information in this request is true to the best of my knowledge and that I am entitled to file it.")
	amal.PressButton("Submit request")
	amal.Sees("confirmation", "Request submitted")
	amal.SeesText("Your reference number CCF-2026-000003")
	amal.SeesText("The urgent request CCF-2026-000002, sent earlier, belongs to this request.")

	// Journey 3: the staff desk.
	signIn(clerk, "clerk@ccf.example")
	enrolSecondFactor(clerk)
	visitAccount(clerk)
	clerk.Sees("desk-queue", "Requests")
	clerk.SeesText("Matching requests: 3")
	clerk.SeesWholeTables() // every column of the queue at 1280 px
	clerk.SeesRow("Requests, urgent ones first", 1, "CCF-2026-000002", "Provisional measures", "Urgent", "Amal Haddad")
	clerk.SeesRow("Requests, urgent ones first", 2, "CCF-2026-000001", "Access request", "Omar Khalil")
	clerk.FollowLink("CCF-2026-000002")
	clerk.Sees("desk-urgent-case", "CCF-2026-000002")
	clerk.SeesText("Regional court, Frankfurt am Main")
	clerk.SeesUnder("Linked requests", "CCF-2026-000003")

	// The secretariat prepares; a member of the Requests Chamber orders
	// the measures.
	signIn(judge, "judge@ccf.example")
	enrolSecondFactor(judge)
	judge.Sees("desk-queue-chamber", "Requests")
	judge.FollowLink("CCF-2026-000002")
	judge.Sees("desk-urgent-case-chamber", "CCF-2026-000002")
	judge.FollowLink("Provisional measures")
	judge.Sees("desk-measures", "Provisional measures")
	judge.Choose("Outcome", "Grant")
	judge.Fill("Reasons", "The extradition hearing relies on the diffusion; the data are blocked until the request is decided.")
	judge.PressButton("Record")
	judge.SeesErrors("desk-measures-errors", "Provisional measures",
		"Choose at least one measure", "Enter the date the measures take effect")
	judge.FixError("Choose at least one measure")
	judge.Check("Block the data while the request is examined")
	judge.FillDate("In force from", "2", "3", "2026")
	judge.PressButton("Record")
	judge.Sees("desk-urgent-case-measures", "CCF-2026-000002")
	judge.SeesText("Provisional measures granted. The applicant can see the outcome.")
	judge.SeesUnder("Outcome so far", "Provisional measures granted on 2 March 2026")

	clerk.FollowLink("CCF-2026-000003")
	clerk.Sees("desk-case", "CCF-2026-000003")
	clerk.SeesText("Submitted")
	clerk.SeesUnder("What was filed", "I am an opposition journalist.")
	clerk.FollowLink("Assess admissibility")
	clerk.Sees("desk-admissibility", "Admissibility")
	clerk.Choose("Is the request admissible?", "Admissible")
	clerk.PressButton("Record the finding")
	clerk.SeesErrors("desk-admissibility-errors", "Admissibility",
		"Tick every requirement that is met: an admissible request meets them all")
	clerk.FixError("Tick every requirement that is met: an admissible request meets them all")
	for _, req := range []string{
		"A valid, unredacted identity document showing name, date of birth and photo",
		"Written in Arabic, English, French or Spanish, with translations of other documents",
		"The request states its purpose: access, correction or deletion",
		"Within the limits: summary of at most 10 pages, at most 20 appendices",
	} {
		clerk.Check(req)
	}
	clerk.PressButton("Record the finding")
	clerk.Sees("desk-case-admissible", "CCF-2026-000003")
	clerk.SeesText("The request is admissible. The time limit has started.")
	clerk.SeesUnder("Outcome so far", "Found admissible on 2 March 2026")

	// The source NCB is consulted; the reply date is left to the default.
	clerk.FollowLink("Record a consultation")
	clerk.Sees("desk-consultation", "Record a consultation")
	clerk.PressButton("Record the consultation")
	clerk.SeesErrors("desk-consultation-errors", "Record a consultation", "Select who was consulted", "Enter what was asked")
	clerk.FixError("Select who was consulted")
	clerk.Choose("Who was consulted?", "The source NCB (the case's source country)")
	clerk.Fill("What was asked", "Is the diffusion still needed, and is the national case still open?")
	clerk.PressButton("Record the consultation")
	clerk.Sees("desk-case-consulted", "CCF-2026-000003")
	clerk.SeesText("The consultation has been recorded.")
	clerk.SeesUnder("Consultations", "Source NCB (Türkiye)")

	clerk.FollowLink("Ask for clarification")
	clerk.Sees("desk-clarification", "Ask the applicant for information")
	clerk.Fill("Your question", "Please send the prosecutor's decision closing the case you mention.")
	clerk.FillDate("Reply by", "1", "4", "2026")
	clerk.PressButton("Send the question")
	clerk.Sees("desk-case-clarification", "CCF-2026-000003")
	clerk.SeesText("Your question was sent. The case now waits for the applicant.")
	clerk.SeesText("Waiting for the applicant")

	// Journey 4: Amal answers with a file.
	amal.FollowLink("My requests")
	amal.Sees("my-requests-waiting", "My requests")
	amal.SeesRowWith("Requests", "CCF-2026-000003", "Waiting for you")
	amal.FollowLink("CCF-2026-000003")
	amal.Sees("case-clarification", "CCF-2026-000003")
	amal.SeesText("The CCF needs more information from you. Please answer by 1 April 2026.")
	amal.SeesText("Please send the prosecutor's decision closing the case you mention.")
	amal.SeesUnder("From the CCF", "Your request was found admissible on 2 March 2026.")
	amal.PressButton("Send your answer")
	amal.SeesErrors("case-reply-errors", "CCF-2026-000003", "Write your answer")
	amal.FixError("Write your answer")
	amal.Fill("Your answer", "Here is the prosecutor's decision of 2025 closing the case.")
	amal.Upload("Document 1", closure)
	amal.PressButton("Send your answer")
	amal.Sees("case-answered", "CCF-2026-000003")
	amal.SeesText("Your answer was sent to the CCF.")
	amal.SeesUnder("Questions and answers", "Here is the prosecutor's decision of 2025 closing the case.")
	amal.SeesUnder("Questions and answers", "closure-decision.pdf")

	// The secretariat drafts the decision and puts the case on the agenda
	// of a session; the Chamber adopts it there; the secretariat sends it
	// to the General Secretariat, then to the applicant, and records the
	// implementation the General Secretariat reports.
	clerk.Open("/staff")
	clerk.Sees("desk-queue-answered", "Requests")
	clerk.FollowLink("CCF-2026-000003")
	clerk.Sees("desk-case-answered", "CCF-2026-000003")
	clerk.SeesText("Under review")
	clerk.SeesUnder("Questions and answers", "closure-decision.pdf")
	clerk.FollowLink("Draft the decision")
	clerk.Sees("desk-decision", "Draft of the decision")
	clerk.Choose("What did the Commission decide?", "Not compliant: the data are to be deleted")
	clerk.PressButton("Save the draft")
	clerk.SeesErrors("desk-decision-errors", "Draft of the decision", "Give the reasons for the decision")
	clerk.FixError("Give the reasons for the decision")
	clerk.Fill("Reasons", "The diffusion is predominantly political (Art. 3), and the national case is closed.")
	clerk.PressButton("Save the draft")
	clerk.Sees("desk-case-drafted", "CCF-2026-000003")
	clerk.SeesText("The draft decision has been saved.")

	clerk.FollowLink("Sessions")
	clerk.Sees("desk-sessions-none", "Sessions of the Requests Chamber")
	clerk.FollowLink("Create a session")
	clerk.Sees("desk-session-new", "Create a session")
	clerk.FillDate("First day", "2", "3", "2026")
	clerk.FillDate("Last day", "4", "3", "2026")
	clerk.PressButton("Create the session")
	clerk.Sees("desk-agenda-empty", "Agenda of session 2026/1")
	clerk.Fill("Reference of the case", "CCF-2026-000003")
	clerk.PressButton("Put on the agenda")
	clerk.Sees("desk-agenda", "Agenda of session 2026/1")
	clerk.SeesText("Drafted, not yet adopted")

	judge.FollowLink("Sessions")
	judge.Sees("desk-sessions", "Sessions of the Requests Chamber")
	judge.FollowLink("Session 2026/1")
	judge.Sees("desk-agenda-chamber", "Agenda of session 2026/1")
	judge.FollowLink("CCF-2026-000003")
	judge.Sees("desk-case-to-adopt", "CCF-2026-000003")
	judge.FollowLink("Adopt the decision")
	judge.Sees("desk-adopt", "Adopt the decision")
	judge.SeesText("Once adopted, the decision is final")
	judge.PressButton("Adopt")
	judge.Sees("desk-case-adopted", "CCF-2026-000003")
	judge.SeesText("The decision has been adopted.")

	clerk.FollowLink("CCF-2026-000003")
	clerk.Sees("desk-case-adopted-secretariat", "CCF-2026-000003")
	clerk.FollowLink("Record the sending to the General Secretariat")
	clerk.Sees("desk-sent-to-gs", "Sending to the General Secretariat")
	clerk.PressButton("Record the sending")
	clerk.Sees("desk-case-sent-to-gs", "CCF-2026-000003")
	clerk.FollowLink("Send the decision to the applicant")
	clerk.Sees("desk-send", "Send the decision to the applicant")
	clerk.SeesText("From now on the applicant sees the decision")
	clerk.PressButton("Send")
	clerk.Sees("desk-case-decided-secretariat", "CCF-2026-000003")
	clerk.SeesText("The decision has been sent to the applicant")
	clerk.SeesCasePrinted("CCF-2026-000003")
	clerk.SeesCaseSummaryInView()
	clerk.FollowLink("Issue a deletion notice")
	clerk.Sees("desk-notice-new", "Issue a deletion notice")
	clerk.SeesText("A wanted-person diffusion – Türkiye (Diffusion 2024/1234)")
	clerk.FillDate("Effective date", "1", "4", "2026")
	clerk.Expand("Choose the NCBs that received the data (for a diffusion or another record)")
	clerk.Check("Germany")
	clerk.Check("France")
	clerk.PressButton("Issue the notice")
	clerk.Sees("desk-notice", "Deletion notice")
	clerk.SeesText("The deletion notice was issued.")
	clerk.SeesUnder("Not yet confirmed (2)", "Germany, France")

	amal.FollowLink("My requests")
	amal.Sees("my-requests", "My requests")
	amal.FollowLink("CCF-2026-000003")
	amal.Sees("case-decided", "CCF-2026-000003")
	amal.SeesCasePrinted("CCF-2026-000003")
	amal.SeesCaseSummaryInView()
	amal.SeesUnder("From the CCF", "The CCF decided that INTERPOL must delete the data about you that your request concerns.")
	amal.SeesUnder("From the CCF", "The diffusion is predominantly political (Art. 3)")
	amal.SeesUnder("From the CCF", "Being carried out")

	// Acknowledgements are followed up; France's missing one does not hold
	// the case open once the General Secretariat reports the implementation.
	clerk.PressButton("Record acknowledgements")
	clerk.SeesErrors("desk-notice-errors", "Deletion notice", "Tick at least one NCB that confirmed")
	clerk.FixError("Tick at least one NCB that confirmed")
	clerk.Check("Germany")
	clerk.PressButton("Record acknowledgements")
	clerk.Sees("desk-notice-partly", "Deletion notice")
	clerk.SeesUnder("Not yet confirmed (1)", "France")
	clerk.FollowLink("Back")
	clerk.Sees("desk-case-implementing", "CCF-2026-000003")
	clerk.FollowLink("Record the implementation")
	clerk.Sees("desk-implemented", "Implementation reported by the General Secretariat")
	clerk.Fill("What was done", "The diffusion was deleted; the NCBs that received it were asked to delete it.")
	clerk.PressButton("Record the implementation")
	clerk.Sees("desk-case-closed", "CCF-2026-000003")
	clerk.SeesText("Closed")
	clerk.FollowLink("Audit trail")
	clerk.Sees("desk-audit", "Audit trail")
	clerk.SeesText("Recorded acknowledgements")
	clerk.SeesText("Adopted the decision")

	amal.FollowLink("My requests")
	amal.Sees("my-requests", "My requests")
	amal.SeesRowWith("Requests", "CCF-2026-000003", "Closed")
	amal.FollowLink("CCF-2026-000003")
	amal.Sees("case-carried-out", "CCF-2026-000003")
	amal.SeesUnder("From the CCF", "The CCF decided that INTERPOL must delete the data about you that your request concerns.")
	amal.SeesUnder("From the CCF", "Carried out")
	amal.SeesUnder("From the CCF", "reported on 2 March 2026 that it had carried out the decision")
	amal.FollowLink("CCF-2026-000002")
	amal.Sees("urgent-case", "CCF-2026-000002")
	amal.SeesUnder("From the CCF", "Provisional measures granted on 2 March 2026")
	amal.SeesUnder("From the CCF", "Block the data while the request is examined")
}

// fileOtherAccessRequest has another petitioner file an access request
// before the journey starts, through the portal's forms but without a
// browser: journey 1 plays those pages.
func fileOtherAccessRequest(r *Run) {
	r.t.Helper()
	omar := r.App.Petitioner("omar@example.org")
	req := omar.StartAccessRequest()
	omar.FillAccessRequest(req, false)
	answers := webtest.AccessAnswers(false)["applicant"]
	answers.Set("full_name", "Omar Khalil")
	omar.SaveSection(req, "applicant", answers)
	omar.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport"), false)
	check := omar.Get(req + "/check")
	resp := omar.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(r.t, check.Body)}, "declaration": {"yes"}})
	if resp.Status != http.StatusSeeOther {
		r.t.Fatalf("file the other access request: status %d: %s", resp.Status, webtest.ErrorSummaryText(resp.Body))
	}
}
