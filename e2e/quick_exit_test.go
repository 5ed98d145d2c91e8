package e2e

import (
	"context"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ccf-portal/ccfportal/views/i18n"
)

// quickExitJourney is a person who must leave the portal at once: by the
// "Exit this page" link (a click, or Tab and Enter in the keyboard run),
// and where scripts run by pressing Shift three times, which also leaves
// the portal's page out of the history.
func quickExitJourney(r *Run) {
	en := i18n.Get("en")
	visitor := r.NewPerson("visitor")
	visitor.Open("/")
	visitor.Sees("home", en.T("home.heading"))
	visitor.FollowLink(en.T("guide.exit.label"))
	visitor.LeftForNeutralSite()
	if !r.Mode.JavaScript {
		return
	}
	visitor.Open("/help")
	visitor.Sees("help", en.T("guide.help.title"))
	before := visitor.historyLength()
	visitor.PressShiftThreeTimes()
	visitor.LeftForNeutralSite()
	if after := visitor.historyLength(); after != before {
		visitor.fatalf("the history grew from %d to %d: Back would return to the portal's page", before, after)
	}
}

// LeftForNeutralSite waits until the window shows the neutral site, and
// nothing of the portal: not its address, not its title.
func (p *Person) LeftForNeutralSite() {
	p.t.Helper()
	deadline := time.Now().Add(settleTime)
	for {
		loc, err := p.location()
		if err == nil && strings.HasPrefix(loc, p.run.Neutral) {
			break
		}
		if time.Now().After(deadline) {
			p.fatalf("the quick exit did not leave for the neutral site: at %q", loc)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if title, err := p.title(); err != nil || strings.Contains(title, "CCF") {
		p.fatalf("after the quick exit the window's title is %q (%v)", title, err)
	}
	p.key = "neutral-site"
}

// PressShiftThreeTimes presses and releases Shift three times in a row.
func (p *Person) PressShiftThreeTimes() {
	p.t.Helper()
	for range 3 {
		if err := p.do(chromedp.KeyEvent(kb.Shift)); err != nil {
			p.fatalf("press Shift: %v", err)
		}
	}
}

func (p *Person) historyLength() int {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length`))
	if err != nil {
		p.fatalf("read the history's length: %v", err)
	}
	return n
}
