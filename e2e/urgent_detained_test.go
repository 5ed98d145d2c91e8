package e2e

import (
	"github.com/ccf-portal/ccfportal/db/domain"
)

// maxUrgentPages is how many pages the urgent filing may take, from the
// home page's link to the page that shows its reference (issue: "the
// fastest path in the portal").
const maxUrgentPages = 4

// urgentDetainedJourney: the night after an arrest, a sister files urgent
// measures for her brother on a phone with JavaScript off, from the home
// page, with no date ahead, and gets a reference at once.
func urgentDetainedJourney(r *Run) {
	r.App.Register(domain.RolePetitioner, "Leila Haddad", "leila@example.org")
	leila := r.NewPerson("relative")
	signIn(leila, "leila@example.org")
	leila.Sees("my-requests", "My requests")
	leila.Open("/")
	leila.Sees("home", "Ask the CCF about the data INTERPOL holds on you")

	var pages []string
	sees := func(key, heading string) {
		leila.Sees(key, heading)
		pages = append(pages, key)
	}
	leila.FollowLink("Urgent provisional measures")
	sees("urgent-start", "Ask for urgent provisional measures")
	leila.Choose("Which request will they belong to?", "Deletion or correction of the data")
	leila.Choose("Who is this request for?", "Someone I represent")
	leila.Fill("Full name", "Yusuf Haddad")
	leila.FillDate("Date of birth", "3", "9", "1990")
	leila.Select("Nationality", "Syria")
	leila.PressButton("Continue")

	sees("urgent-detained", "Ask for urgent provisional measures")
	leila.Choose("What is happening?", "The person is detained now")
	leila.Fill("Where?", "Larnaca police station, Cyprus")
	leila.Check("Block the data while the case is examined")
	leila.Fill("Why is it urgent?", "Arrested at the airport yesterday on the diffusion; extradition to Syria is feared.")
	leila.Fill("Contact reachable day and night", "Leila Haddad (sister), +49 170 0000000")
	leila.Check("I declare that the information in this request is true to the best of my knowledge and that I am entitled to file it.")
	leila.PressButton("Send urgent request")

	sees("urgent-detained-sent", "Request submitted")
	leila.SeesText("Your reference number CCF-2026-000001")
	leila.SeesText("What the request still needs")
	if len(pages) > maxUrgentPages {
		leila.fatalf("the urgent filing took %d pages (%v); at most %d", len(pages), pages, maxUrgentPages)
	}

	// On the phone, her requests show their status without sideways
	// scrolling.
	leila.FollowLink("My requests")
	leila.Sees("my-requests-urgent", "My requests")
	leila.SeesRowWith("Requests", "CCF-2026-000001", "Provisional measures", "Yusuf Haddad", "Submitted")
	leila.SeesWholeTables()
}
