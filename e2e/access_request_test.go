package e2e

import (
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// accessRequestJourney is journey 1: a petitioner creates an account, signs
// in, files an access request with a copy of her passport, and sees its
// reference number and timeline. On the way she makes the mistakes people
// make -- an empty form, an impossible date, no file, no declaration -- and
// fixes them from the error summary.
func accessRequestJourney(r *Run) {
	passport := r.File("passport.pdf", webtest.PDF("passport scan"))
	amal := r.NewPerson("petitioner")

	amal.Open("/")
	amal.Sees("home", "Ask the CCF about the data INTERPOL holds on you")
	amal.FollowLink("Create an account")
	amal.Sees("register", "Create an account")

	amal.PressButton("Create account")
	amal.SeesErrors("register-errors", "Create an account",
		"Select whether you are filing for yourself or representing someone else", "Enter your full name")
	amal.FixError("Select whether you are filing for yourself or representing someone else")
	amal.Choose("Who are you?", "I am filing for myself")
	amal.Fill("Full name", "Amal Haddad")
	amal.Fill("Email address", "amal@example.org")
	amal.Fill("Password", webtest.Password)
	amal.PressButton("Create account")
	amal.Sees("sign-in", "Sign in")
	amal.SeesText("Your account is ready.")

	amal.Fill("Email address", "amal@example.org")
	amal.Fill("Password", webtest.Password)
	amal.PressButton("Sign in")
	amal.Sees("my-requests", "My requests")
	amal.SeesText("You have not filed any request yet.")

	confirmAddress(r, amal, "amal@example.org", english)

	amal.FollowLink("Start an access request")
	amal.Sees("start-access-request", "Ask the CCF what INTERPOL holds")
	amal.PressButton("Start now")
	amal.Sees("task-list", "Your request")
	amal.SeesText("You have completed 1 of 7 sections.")

	amal.FollowLink("About the person concerned")
	amal.Sees("section-applicant", "About the person concerned")
	amal.Fill("Full name", "Amal Haddad")
	// Leaving before finishing keeps what was typed.
	amal.PressButton("Return to the list of sections")
	amal.Sees("task-list", "Your request")
	amal.FollowLink("About the person concerned")
	amal.SeesFilled("Full name", "Amal Haddad")
	amal.Fill("Other names and spellings (optional)", "Amal Al-Haddad")
	amal.FillDate("Date of birth", "31", "2", "1984")
	amal.Fill("Place of birth (optional)", "Aleppo")
	amal.PressButton("Save and continue")
	amal.SeesErrors("section-applicant-errors", "About the person concerned",
		"Enter a real date, with day, month and year in numbers", "Select the nationality")
	amal.FixError("Enter a real date, with day, month and year in numbers")
	amal.FillDate("Date of birth", "14", "2", "1984")
	amal.Select("Nationality", "Syria")
	amal.PressButton("Save and continue")
	amal.Sees("task-list", "Your request")
	amal.SeesText("You have completed 2 of 7 sections.")

	amal.FollowLink("Identity document")
	amal.Sees("section-id-document", "Identity document")
	amal.Choose("Type of identity document", "Passport")
	amal.Fill("Document number", "N1234567")
	amal.Select("Issuing country", "Syria")
	amal.FillDate("Expiry date", "1", "6", "2030")
	amal.PressButton("Save and continue")
	amal.Sees("task-list", "Your request")

	amal.FollowLink("Contact details")
	amal.Sees("section-contact", "Contact details")
	amal.Fill("Email address for this request", "amal@example.org")
	amal.Fill("Telephone number (optional)", "+49 30 1234567")
	amal.PressButton("Save and continue")
	amal.Sees("task-list", "Your request")

	amal.FollowLink("What INTERPOL may hold")
	amal.Sees("section-data", "What INTERPOL may hold")
	amal.Check("A wanted-person diffusion")
	amal.Select("Which country or international body do you think sent the data?", "Türkiye")
	amal.Choose("How did you learn of it?", "I was stopped at a border or airport")
	amal.Fill("What happened? (optional)", "Stopped at Frankfurt airport in January.")
	amal.PressButton("Save and continue")
	amal.Sees("task-list", "Your request")

	amal.FollowLink("Language of the request")
	amal.Sees("section-language", "Language of the request")
	amal.Choose("In which language should the CCF handle this request?", "English")
	amal.PressButton("Save and continue")
	amal.Sees("task-list", "Your request")
	amal.SeesText("You have completed 6 of 7 sections.")

	amal.FollowLink("Documents")
	amal.Sees("documents", "Documents")
	amal.SeesText("No documents uploaded yet.")
	amal.PressButton("Upload document")
	amal.SeesErrors("documents-errors", "Documents", "Select what the document is", "Select a file to upload")
	amal.FixError("Select what the document is")
	amal.Choose("What is this document?", "Identity document")
	amal.Fill("Short description (optional)", "Passport, pages 1 and 2")
	amal.Check("Keep this document confidential")
	amal.Upload("File", passport)
	amal.PressButton("Upload document")
	amal.Sees("documents-uploaded", "Documents")
	amal.SeesText("The document was uploaded.")
	amal.SeesUnder("Uploaded documents", "passport.pdf")
	amal.SeesUnder("Uploaded documents", "Confidential")
	amal.FollowLink("Save and return to the list of sections")
	amal.Sees("task-list-complete", "Your request")
	amal.SeesText("You have completed 7 of 7 sections.")

	amal.FollowLink("Check your answers and submit")
	amal.Sees("check-answers", "Check your answers before submitting")
	amal.SeesUnder("About the person concerned", "Amal Haddad")
	amal.SeesUnder("About the person concerned", "14 February 1984")
	amal.SeesUnder("What INTERPOL may hold", "A wanted-person diffusion")
	amal.SeesUnder("Documents", "passport.pdf")
	amal.PressButton("Submit request")
	amal.SeesErrors("check-answers-errors", "Check your answers before submitting",
		"Confirm the declaration to submit the request")
	amal.FixError("Confirm the declaration to submit the request")
	amal.Check("I declare that the information in this request is true to the best of my knowledge and that I am entitled to file it.")
	amal.PressButton("Submit request")

	amal.Sees("confirmation", "Request submitted")
	amal.SeesText("Your reference number CCF-2026-000001")
	amal.SeesUnder("What happens next", "within 4 months")
	amal.FollowLink("View your request")
	amal.Sees("case", "CCF-2026-000001")
	amal.SeesText("Submitted")
	amal.SeesUnder("What has happened", "Request submitted with reference CCF-2026-000001")
	amal.SeesUnder("Documents", "passport.pdf")
	amal.SeesUnder("About the person concerned", "14 February 1984")

	amal.FollowLink("View and print the receipt")
	amal.Sees("receipt", "Receipt for a submitted request")
	amal.SeesUnder("Documents filed", "passport.pdf")
	amal.SeesUnder("Documents filed", "SHA-256 fingerprint")
}
