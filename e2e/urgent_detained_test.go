package e2e

import (
	"context"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// maxUrgentPages is how many pages the urgent filing may take between the
// home page's link and the page that shows its reference, the check page
// included (issue: "the fastest path in the portal").
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

	// Every page she sees between the home page's link and the reference
	// counts, the check page too; each is measured at the phone's width
	// (Sees also fails a page that scrolls sideways).
	var pages []string
	sees := func(key, heading string) {
		leila.Sees(key, heading)
		pages = append(pages, fmt.Sprintf("%s %d px", key, pageHeight(leila)))
	}
	leila.FollowLink("Urgent provisional measures")
	sees("urgent-what", "What is happening?")
	leila.SeesText("step 1 of 4")
	leila.Choose("What is happening?", "The person is detained now")
	leila.FillDate("If the person is detained: since what date?", "1", "3", "2026")
	leila.Fill("Where?", "Larnaca police station, Cyprus")
	leila.Choose("Has extradition been requested?", "I do not know")
	leila.PressButton("Continue")

	sees("urgent-person", "The person concerned")
	leila.Choose("Who is this request for?", "Someone I represent")
	leila.Choose("If you represent someone: how are you related to them?", "I am a member of their family")
	leila.Fill("Full name", "Yusuf Haddad")
	leila.FillDate("Date of birth", "3", "9", "1990")
	leila.Select("Nationality", "Syria")
	leila.Check("A wanted-person diffusion")
	leila.PressButton("Continue")

	sees("urgent-asked", "What you ask, and a contact")
	leila.Choose("Which request will they belong to?", "Deletion or correction of the data")
	leila.Check("Block the data while the case is examined")
	leila.Fill("Why is it urgent?", "Arrested at the airport yesterday on the diffusion; extradition to Syria is feared.")
	leila.Fill("Contact reachable day and night", "Leila Haddad (sister), +49 170 0000000")
	leila.PressButton("Continue")

	sees("urgent-check", "Check and send the urgent request")
	leila.SeesText("Yusuf Haddad")
	leila.Check("I declare that the information in this request is true to the best of my knowledge and that I am entitled to file it.")
	leila.PressButton("Send urgent request")

	leila.Sees("urgent-detained-sent", "Request submitted")
	leila.SeesText("Your reference number CCF-2026-000001")
	leila.SeesText("What the request still needs")
	leila.t.Logf("urgent filing: %d pages from the link to the reference (%s), then the reference at %d px",
		len(pages), strings.Join(pages, ", "), pageHeight(leila))
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

// pageHeight is how tall the page shown is, in CSS pixels at the run's
// width.
func pageHeight(p *Person) int64 {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	h, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollHeight`))
	if err != nil {
		p.fatalf("measure the page: %v", err)
	}
	return h
}
