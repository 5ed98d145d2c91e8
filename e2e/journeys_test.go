package e2e

import (
	"path/filepath"
	"slices"
	"testing"
)

// A Journey is something a person does with the portal from start to end,
// played by what they see. Play opens the people it needs with
// r.NewPerson and drives them; it fails the test at the first step that
// does not go as a person expects.
type Journey struct {
	Name string // subtest and screenshot folder name
	Play func(r *Run)
	// Modes names the modes the journey is played in; empty means every
	// mode. Every run costs wall time on a two-core machine: the keyboard
	// and phone runs are for journeys whose pages the others do not
	// already put through those checks.
	Modes []string
}

// journeys are played in their modes. Add a journey here.
var journeys = []Journey{
	{Name: "access-request", Play: accessRequestJourney, Modes: []string{"no-js", "js", "keyboard", "phone"}},
	// The same journey in French and in Arabic, by the catalog's labels,
	// with JavaScript off; Arabic also on a phone, where a right-to-left
	// page must not scroll sideways either.
	{Name: "access-request-fr", Play: localAccessRequestJourney("fr"), Modes: []string{"no-js"}},
	{Name: "access-request-ar", Play: localAccessRequestJourney("ar"), Modes: []string{"no-js", "phone-no-js"}},
	// Journey 2 passes on the phone too, for 35 s more on two cores; it is
	// left out to keep the suite near two and a half minutes.
	{Name: "deletion-request", Play: deletionRequestJourney, Modes: []string{"no-js", "js", "keyboard"}},
	{Name: "staff-desk", Play: staffDeskJourney, Modes: []string{"no-js"}},
	// A person detained now, filed for from a phone with JavaScript off.
	{Name: "urgent-detained", Play: urgentDetainedJourney, Modes: []string{"phone-no-js"}},
	// The public statistics: charts and tables, without JavaScript, on a
	// phone, in Arabic too.
	{Name: "statistics", Play: statisticsJourney, Modes: []string{"no-js", "phone-no-js"}},
	// The help and the pages about the portal, read without an account,
	// on a wide screen and on a phone.
	{Name: "guide", Play: guideJourney, Modes: []string{"no-js", "phone-no-js"}},
	// Leaving at once by the quick exit: a click with scripts off and on,
	// Tab and Enter, and three presses of Shift where scripts run.
	{Name: "quick-exit", Play: quickExitJourney, Modes: []string{"no-js", "js", "keyboard"}},
	// The pages the journeys above do not reach: the counsel workspace,
	// the revision form, an inadmissible finding read by the applicant, a
	// help request answered by staff.
	{Name: "counsel-workspace", Play: counselWorkspaceJourney, Modes: []string{"no-js"}},
	{Name: "revision", Play: revisionJourney, Modes: []string{"no-js"}},
	// Revision of a decision taken by post before the portal, named by its
	// CCF reference, on a phone with scripts off.
	{Name: "prior-revision", Play: priorRevisionJourney, Modes: []string{"phone-no-js"}},
	{Name: "inadmissible", Play: inadmissibleJourney, Modes: []string{"no-js"}},
	{Name: "help-answer", Play: helpAnswerJourney, Modes: []string{"no-js"}},
	// The grounds page on a 390 px phone: its height, with and without
	// the "choose one" error.
	{Name: "grounds-phone", Play: groundsPhoneJourney, Modes: []string{"phone-no-js"}},
}

// Mode is one way people reach the portal.
type Mode struct {
	Name          string
	JavaScript    bool  // page scripts run (the portal needs none)
	Keyboard      bool  // Tab, Enter, Space and arrows only: no mouse
	Phone         bool  // mobile viewport with touch: taps, no sideways scrolling
	Width, Height int64 // viewport in CSS pixels
	Audit         bool  // run axe-core on every distinct page
}

// modes are the runs a journey can have. The keyboard run has JavaScript off,
// like Tor Browser at its safest; it skips axe, whose pages are those of the
// no-js run at the same width.
var modes = []Mode{
	{Name: "no-js", JavaScript: false, Width: 1280, Height: 1000, Audit: true},
	{Name: "js", JavaScript: true, Width: 1280, Height: 1000, Audit: true},
	{Name: "keyboard", JavaScript: false, Keyboard: true, Width: 1280, Height: 1000},
	{Name: "phone", JavaScript: true, Phone: true, Width: 375, Height: 812, Audit: true},
	{Name: "phone-no-js", JavaScript: false, Phone: true, Width: 375, Height: 812, Audit: true},
}

// TestJourneys plays every journey in its modes, the runs in parallel.
// Each run is two subtests:
// "play", which stops at the first step that fails, and "checks", which
// fails for serious or critical axe violations and for keyboard, focus and
// layout problems found on the way, and lists the milder axe findings.
func TestJourneys(t *testing.T) {
	tl := requireTools(t)
	root := screenshotRoot()
	t.Logf("screenshots and reports: %s", root)
	for _, j := range journeys {
		t.Run(j.Name, func(t *testing.T) {
			for _, m := range modes {
				if len(j.Modes) > 0 && !slices.Contains(j.Modes, m.Name) {
					continue
				}
				t.Run(m.Name, func(t *testing.T) {
					// Each run has its own portal, browser and folder; two
					// at a time (go test's -parallel is GOMAXPROCS) halve
					// the wall time on two cores.
					t.Parallel()
					dir := filepath.Join(root, j.Name, m.Name)
					rep := newReport()
					played := t.Run("play", func(t *testing.T) {
						j.Play(startRun(t, tl, m, dir, rep))
					})
					t.Run("checks", func(t *testing.T) {
						rep.check(t, m, dir)
						if !played {
							t.Log("the journey stopped early: these are the checks of the pages it reached")
						}
					})
					t.Logf("screenshots: %s", dir)
				})
			}
		})
	}
}
