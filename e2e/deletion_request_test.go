package e2e

import (
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// deletionRequestJourney is journey 2: a lawyer files a deletion request
// for a client -- a journalist recognised as a refugee in Germany, sought
// by Türkiye through a wanted-person diffusion -- on three grounds, each
// with its evidence, then asks for urgent provisional measures on the
// filed case because the client must fly to Istanbul in three days. On the
// way she starts without saying what she asks for, saves the grounds
// without choosing any, uploads evidence without its language, and sends
// the urgent pages without the time zone and the declaration.
func deletionRequestJourney(r *Run) {
	hrw := r.File("hrw-report.pdf", webtest.PDF("human rights watch report"))
	bamf := r.File("bamf-decision.pdf", webtest.PDF("refugee status decision"))
	closure := r.File("closure-decision.pdf", webtest.PDF("prosecutor's closure decision"))
	travelDoc := r.File("travel-document.pdf", webtest.PDF("refugee travel document"))
	poa := r.File("power-of-attorney.pdf", webtest.PDF("signed power of attorney"))
	ticket := r.File("ticket.pdf", webtest.PDF("flight ticket"))
	// Accounts come from a form journey 1 already plays.
	r.App.CounselOf("Claire Dubois", "claire@dubois-avocats.example", "Dubois Avocats")
	claire := r.NewPerson("counsel")

	signIn(claire, "claire@dubois-avocats.example")
	claire.Sees("my-requests", "My requests")
	claire.SeesText("Here you can file requests for the people you represent and follow them.")

	claire.FollowLink("Ask for deletion or correction")
	claire.Sees("start-deletion-request", "Ask the CCF to delete or correct INTERPOL's data")
	claire.PressButton("Start now")
	claire.SeesErrors("start-deletion-request-errors", "Ask the CCF to delete or correct INTERPOL's data",
		"Choose what you want to ask the CCF.")
	claire.FixError("Choose what you want to ask the CCF.")
	claire.Choose("What do you want to ask for?", "Deletion of the data")
	claire.PressButton("Start now")
	claire.Sees("task-list", "Your request")
	claire.SeesText("Deletion request")
	claire.SeesText("You have completed 0 of 10 sections.")

	claire.FollowLink("Who the request is for")
	claire.Sees("section-representation", "Who the request is for")
	claire.Choose("Who is this request for?", "Someone I represent")
	claire.Choose("If you represent someone: how are you related to them?", "I am their lawyer")
	claire.Choose("If you represent someone: are they under 18?", "No")
	claire.PressButton("Save and continue")
	claire.Sees("task-list", "Your request")

	fillPersonConcerned(claire, personConcerned{
		name: "Yusuf Demir", otherNames: "Yusuf Demirci", born: [3]string{"3", "7", "1979"}, birthPlace: "Diyarbakır",
		nationality: "Türkiye", idType: "Refugee travel document", idNumber: "RT0451279", idIssuer: "Germany",
		idExpiry: [3]string{"30", "9", "2028"}, email: "claire@dubois-avocats.example", phone: "+33 1 42 00 00 00",
	})
	addWantedDiffusion(claire)

	claire.FollowLink("Grounds")
	claire.Sees("grounds", "Grounds")
	claire.PressButton("Save and continue")
	claire.SeesErrors("grounds-errors", "Grounds", "Select at least one ground")
	claire.FixError("Select at least one ground")
	explainGrounds(claire, []groundAnswer{
		{"Political, military, religious or racial character",
			"Mr Demir wrote for an opposition newspaper until 2021. The diffusion was issued two weeks after his articles on the 2023 elections."},
		{"Refugee or asylum status",
			"Germany recognised Mr Demir as a refugee in 2023, because of a well-founded fear of persecution by Türkiye."},
		{"Outdated data",
			"The Diyarbakır prosecutor closed the investigation in 2025; the warrant behind the diffusion has no basis left."},
	})
	claire.SeesText("You have completed 6 of 10 sections.")

	claire.FollowLink("Evidence")
	claire.Sees("evidence", "Evidence")
	claire.SeesText("0 of 20 appendices used")
	claire.Choose("What is this document?", "NGO or UN report")
	claire.Check("Political, military, religious or racial character")
	claire.Fill("Short description", "Human Rights Watch, Türkiye: journalists prosecuted, 2024")
	claire.Upload("File", hrw)
	claire.PressButton("Upload document")
	claire.SeesErrors("evidence-errors", "Evidence", "Select the language of the document")
	claire.FixError("Select the language of the document")
	claire.Choose("What language is the document in?", "English")
	claire.Upload("File", hrw) // a file input is never filled in again
	claire.PressButton("Upload document")
	claire.Sees("evidence", "Evidence")
	claire.SeesText("The document was uploaded.")
	claire.SeesText("1 of 20 appendices used")
	uploadEvidence(claire, bamf, "Asylum or refugee decision", "Refugee or asylum status",
		"BAMF decision recognising refugee status, 12 May 2023", "Another language")
	uploadEvidence(claire, closure, "Court decision or judgment", "Outdated data",
		"Decision of the Diyarbakır prosecutor closing the case, 2025", "French (Français)")
	claire.SeesText("3 of 20 appendices used")
	claire.SeesText("Needs a translation")
	claire.FollowLink("Save and return to the list of sections")
	claire.Sees("task-list", "Your request")

	claire.FollowLink("Summary of arguments")
	claire.Sees("section-summary", "Summary of arguments")
	claire.Fill("Summary of arguments", "The diffusion pursues a journalist for his articles. "+
		"Germany protects him as a refugee from the country that issued it, and that country has closed its own case.")
	claire.PressButton("Save and continue")
	claire.Sees("task-list", "Your request")

	chooseLanguage(claire)

	claire.FollowLink("Documents")
	claire.Sees("documents", "Documents")
	claire.SeesText("Because you represent someone, a power of attorney signed by them is required.")
	uploadDocument(claire, travelDoc, "Identity document")
	uploadDocument(claire, poa, "Power of attorney")
	claire.SeesUnder("Uploaded documents", "power-of-attorney.pdf")
	claire.FollowLink("Save and return to the list of sections")
	claire.Sees("task-list-complete", "Your request")
	claire.SeesText("You have completed 10 of 10 sections.")

	claire.FollowLink("Check your answers and submit")
	claire.Sees("check-answers", "Check your answers before submitting")
	claire.SeesUnder("Things that may weaken your request", "“bamf-decision.pdf” is not in a working language")
	claire.SeesUnder("Who the request is for", "Someone I represent")
	claire.SeesUnder("About the person concerned", "3 July 1979")
	claire.SeesUnder("What to delete or correct", "Diffusion 2024/1234")
	claire.SeesUnder("Grounds", "Germany recognised Mr Demir as a refugee in 2023")
	claire.SeesUnder("Grounds", "bamf-decision.pdf")
	claire.SeesUnder("Evidence", "Supports: Outdated data")
	claire.SeesUnder("Documents", "power-of-attorney.pdf")
	claire.Check("I declare that the information in this request is true to the best of my knowledge and that I am entitled to file it.")
	claire.PressButton("Submit request")

	claire.Sees("confirmation", "Request submitted")
	claire.SeesText("Your reference number CCF-2026-000001")
	claire.SeesUnder("What happens next", "within 9 months")
	claire.FollowLink("View your request")
	claire.Sees("case", "CCF-2026-000001")
	claire.SeesText("Deletion request")
	claire.SeesText("Yusuf Demir")
	claire.SeesUnder("What has happened", "Request submitted with reference CCF-2026-000001")
	claire.SeesUnder("Grounds", "Refugee or asylum status")

	// Three days before a flight to Istanbul: the urgent request.
	claire.FollowLink("Ask for urgent provisional measures")
	claire.Sees("urgent", "What is happening?")
	claire.Choose("What is happening?", "Travel")
	claire.Fill("Where?", "Istanbul airport, Türkiye")
	claire.Choose("Has extradition been requested?", "No")
	claire.FillDate("Date of the next step, if known", "5", "3", "2026")
	claire.FillTime("At what time, if known?", 6, 30)
	claire.PressButton("Continue")
	claire.SeesErrors("urgent-errors", "What is happening?", "Select the time zone of the time you gave")
	claire.FixError("Select the time zone of the time you gave")
	claire.Select("Time zone of that place", "UTC+03:00")
	claire.PressButton("Continue")
	// The case is filed: it already says who the person is.
	claire.Sees("urgent-asked", "What you ask, and a contact")
	claire.Check("Block the data while the case is examined")
	claire.Check("Examine the case first (priority handling)")
	claire.Fill("Why is it urgent?", "Mr Demir must fly to Istanbul for his mother's funeral; he risks arrest on arrival.")
	claire.Fill("Contact reachable day and night", "Claire Dubois, +33 6 00 00 00 00")
	claire.PressButton("Continue")
	claire.Sees("urgent-check", "Check and send the urgent request")
	claire.SeesText("This is not a decision on whether the data should be deleted.")
	claire.Upload("File", ticket)
	claire.PressButton("Send urgent request")
	claire.SeesErrors("urgent-check-errors", "Check and send the urgent request",
		"Confirm the declaration to submit the request")
	claire.Upload("File", ticket)
	claire.Check("I declare that the information in this request is true to the best of my knowledge and that I am entitled to file it.")
	claire.PressButton("Send urgent request")

	claire.Sees("urgent-confirmation", "Request submitted")
	claire.SeesText("Your reference number CCF-2026-000002")
	claire.SeesUnder("What happens next", "The CCF aims to examine urgent requests first")
	claire.FollowLink("View your request")
	claire.Sees("urgent-case", "CCF-2026-000002")
	claire.SeesText("Provisional measures")
	claire.SeesText("66 hours left")
	claire.SeesUnder("Linked requests", "CCF-2026-000001")
	claire.SeesUnder("What you sent", "ticket.pdf")
}

// signIn opens the portal's home page and signs in.
func signIn(p *Person, email string) {
	p.t.Helper()
	p.Open("/")
	p.Sees("home", "Ask the CCF about the data INTERPOL holds on you")
	p.FollowLink("Sign in")
	p.Sees("sign-in", "Sign in")
	p.Fill("Email address", email)
	p.Fill("Password", webtest.Password)
	p.PressButton("Sign in")
}

// personConcerned is the person whose data INTERPOL holds, as the sections
// of a request ask about them.
type personConcerned struct {
	name, otherNames string
	born             [3]string // day, month, year
	birthPlace       string
	nationality      string
	idType, idNumber string
	idIssuer         string
	idExpiry         [3]string
	email, phone     string
}

// fillPersonConcerned answers "About the person concerned", "Identity
// document" and "Contact details" from the task list, and returns to it.
func fillPersonConcerned(p *Person, c personConcerned) {
	p.t.Helper()
	p.FollowLink("About the person concerned")
	p.Sees("section-applicant", "About the person concerned")
	p.Fill("Full name", c.name)
	p.Fill("Other names and spellings (optional)", c.otherNames)
	p.FillDate("Date of birth", c.born[0], c.born[1], c.born[2])
	p.Fill("Place of birth (optional)", c.birthPlace)
	p.Select("Nationality", c.nationality)
	p.PressButton("Save and continue")
	p.Sees("task-list", "Your request")

	p.FollowLink("Identity document")
	p.Sees("section-id-document", "Identity document")
	p.Choose("Type of identity document", c.idType)
	p.Fill("Document number", c.idNumber)
	p.Select("Issuing country", c.idIssuer)
	p.FillDate("Expiry date", c.idExpiry[0], c.idExpiry[1], c.idExpiry[2])
	p.PressButton("Save and continue")
	p.Sees("task-list", "Your request")

	p.FollowLink("Contact details")
	p.Sees("section-contact", "Contact details")
	p.Fill("Email address for this request", c.email)
	p.Fill("Telephone number (optional)", c.phone)
	p.PressButton("Save and continue")
	p.Sees("task-list", "Your request")
}

// addWantedDiffusion says, in "What to delete or correct", which data the
// request challenges: a wanted-person diffusion from Türkiye.
func addWantedDiffusion(p *Person) {
	p.t.Helper()
	p.FollowLink("What to delete or correct")
	p.Sees("data-items", "What to delete or correct")
	p.SeesText("No data added yet.")
	p.Choose("What do you believe INTERPOL holds?", "A wanted-person diffusion")
	p.Select("Which country or international body do you think sent the data?", "Türkiye")
	p.Fill("Reference numbers, if you know them (optional)", "Diffusion 2024/1234")
	p.FillDate("When was it issued, if you know? (optional)", "3", "1", "2024")
	p.PressButton("Add this data")
	p.Sees("data-items-added", "What to delete or correct")
	p.SeesUnder("Data item 1", "A wanted-person diffusion")
	p.SeesUnder("Data item 1", "Türkiye")
	p.FollowLink("Save and return to the list of sections")
	p.Sees("task-list", "Your request")
}

// groundAnswer is a ground as the checklist names it, and how it applies.
type groundAnswer struct{ title, explanation string }

// explainGrounds ticks the grounds on the Grounds page on screen, then
// explains each on its own page, in the order of the checklist, and comes
// back to the task list.
func explainGrounds(p *Person, grounds []groundAnswer) {
	p.t.Helper()
	for _, g := range grounds {
		p.Expand(groundFamilyOf(p, g.title))
		p.Check(g.title)
	}
	p.PressButton("Save and continue")
	for _, g := range grounds {
		p.Sees("ground-"+slug(g.title), g.title)
		p.Fill("How does this apply to you?", g.explanation)
		p.PressButton("Save and continue")
	}
	p.Sees("task-list", "Your request")
}

// uploadEvidence adds one appendix on the Evidence page on screen.
func uploadEvidence(p *Person, file, docType, ground, description, language string) {
	p.t.Helper()
	p.Choose("What is this document?", docType)
	p.Check(ground)
	p.Fill("Short description", description)
	p.Choose("What language is the document in?", language)
	p.Upload("File", file)
	p.PressButton("Upload document")
	p.Sees("evidence", "Evidence")
	p.SeesText("The document was uploaded.")
}

// uploadDocument adds an identity document or a power of attorney on the
// Documents page on screen.
func uploadDocument(p *Person, file, docType string) {
	p.t.Helper()
	p.Choose("What is this document?", docType)
	p.Upload("File", file)
	p.PressButton("Upload document")
	p.Sees("documents-uploaded", "Documents")
	p.SeesText("The document was uploaded.")
}

// chooseLanguage answers "Language of the request": English.
func chooseLanguage(p *Person) {
	p.t.Helper()
	p.FollowLink("Language of the request")
	p.Sees("section-language", "Language of the request")
	p.Choose("In which language should the CCF handle this request?", "English")
	p.PressButton("Save and continue")
	p.Sees("task-list", "Your request")
}

// groundFamilyOf is the summary of the disclosure the Grounds page shows
// the ground titled title in, as it reads while none of its grounds is
// chosen.
func groundFamilyOf(p *Person, title string) string {
	p.t.Helper()
	en := i18n.Get("en")
	for _, grp := range views.GroundGroups(nil) {
		for _, g := range grp.Grounds {
			if en.T("ground."+string(g.Code)+".title") == title {
				return en.T("grounds.family." + grp.Key)
			}
		}
	}
	p.fatalf("no ground is titled %q", title)
	return ""
}
