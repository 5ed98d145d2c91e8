package e2e

import (
	"context"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// emulateMedia switches the window to media ("print", or "" for the
// screen), keeping the reduced motion every window asks for.
func (p *Person) emulateMedia(media string) {
	p.t.Helper()
	err := p.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	}))
	if err != nil {
		p.fatalf("emulate the %q medium: %v", media, err)
	}
}

// SeesCasePrinted checks the case page on screen as it would print: no
// header navigation and no quick exit, the print stamp with the reference
// and the date, and nothing wider than the page. A screenshot keeps what
// the paper would show.
func (p *Person) SeesCasePrinted(reference string) {
	p.t.Helper()
	p.emulateMedia("print")
	defer p.emulateMedia("")
	shown := eval[map[string]string](p, "displays", []string{".account-nav", ".quick-exit", ".site-footer", ".print-stamp"})
	for _, sel := range []string{".account-nav", ".quick-exit", ".site-footer"} {
		if d := shown[sel]; d != "none" && d != "absent" {
			p.run.report.problem(p, "printed, the case page shows %s (display: %s)", sel, d)
		}
	}
	if d := shown[".print-stamp"]; d == "none" || d == "absent" {
		p.run.report.problem(p, "printed, the case page has no print stamp (display: %s)", d)
	}
	if text := eval[string](p, "text"); !strings.Contains(text, reference) {
		p.run.report.problem(p, "printed, the case page does not show its reference %s", reference)
	}
	o := eval[struct {
		ScrollWidth int64    `json:"scrollWidth"`
		Offenders   []string `json:"offenders"`
	}](p, "overflow", p.run.Mode.Width)
	if o.ScrollWidth > p.run.Mode.Width || len(o.Offenders) > 0 {
		p.run.report.problem(p, "printed, the case page is wider than the page (%d px): %s", o.ScrollWidth, strings.Join(o.Offenders, "; "))
	}
	p.screenshot(p.key + "-print")
}

// asideAtEnd scrolls to the end of the case and measures the side column,
// again until two measures agree: after a full-page screenshot or a change
// of medium the renderer may still lay the page out as it was for a moment.
func (p *Person) asideAtEnd() *caseBox {
	p.t.Helper()
	var last *caseBox
	for deadline := time.Now().Add(settleTime); ; {
		eval[float64](p, "scrollToEnd", ".case-main")
		box := eval[*caseBox](p, "box", ".case-aside")
		if box == nil || last != nil && *box == *last || time.Now().After(deadline) {
			return box
		}
		last = box
		time.Sleep(50 * time.Millisecond)
	}
}

// caseBox is where a box of the case page is, as page.js's "box" measures.
type caseBox struct {
	Top        float64 `json:"top"`
	Bottom     float64 `json:"bottom"`
	Left       float64 `json:"left"`
	Right      float64 `json:"right"`
	Viewport   float64 `json:"viewport"`
	ScrollY    float64 `json:"scrollY"`
	PageHeight float64 `json:"pageHeight"`
}

// resize gives the window another viewport, a phone's when phone is set.
func (p *Person) resize(width, height int64, phone bool) {
	p.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := p.do(chromedp.EmulateViewport(width, height, opts...)); err != nil {
		p.fatalf("resize the window to %d×%d: %v", width, height, err)
	}
	p.waitLaidOutFor(width, height)
}

// waitLaidOutFor waits until the page is laid out for a screen of width ×
// height, so that what is measured next is the page at that size and not
// still at the last size or medium asked for.
func (p *Person) waitLaidOutFor(width, height int64) {
	p.t.Helper()
	for deadline := time.Now().Add(settleTime); !eval[bool](p, "laidOutFor", width, height); {
		if time.Now().After(deadline) {
			p.fatalf("the page is not laid out for a %d×%d screen after %s", width, height, settleTime)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// SeesCaseSummaryInView checks the case page's layout at two widths and
// then gives the window back its run's viewport. At 1440 px, scrolled to
// the bottom of the case (the end of what was filed: below it the page
// has only its footer, which the column does not follow into), the
// column of facts and next steps is still wholly in view; at 375 px it
// comes before the rest and nothing scrolls sideways.
func (p *Person) SeesCaseSummaryInView() {
	p.t.Helper()
	defer p.resize(p.run.Mode.Width, p.run.Mode.Height, p.run.Mode.Phone)

	p.resize(1440, 900, false)
	aside := p.asideAtEnd()
	if aside == nil {
		p.fatalf("the case page has no column of facts and next steps")
	}
	p.t.Logf("%s at 1440 px, scrolled %.0f px down a %.0f px page: facts and next steps at %.0f..%.0f px of a %.0f px viewport",
		p.key, aside.ScrollY, aside.PageHeight, aside.Top, aside.Bottom, aside.Viewport)
	if aside.ScrollY <= 0 {
		p.run.report.problem(p, "at 1440 px the case page does not scroll, so the check of its side column proves nothing")
	}
	if aside.Top < 0 || aside.Bottom > aside.Viewport+0.5 {
		p.run.report.problem(p, "at 1440 px, scrolled to the end of the case, the facts and next steps are out of view (%.0f..%.0f px of %.0f px)",
			aside.Top, aside.Bottom, aside.Viewport)
	}
	p.screenshot(p.key + "-1440-bottom")

	p.resize(375, 812, true)
	o := eval[struct {
		ScrollWidth int64    `json:"scrollWidth"`
		InnerWidth  int64    `json:"innerWidth"`
		Offenders   []string `json:"offenders"`
	}](p, "overflow", 375)
	if wide := max(o.ScrollWidth, o.InnerWidth); wide > 375 {
		p.run.report.problem(p, "at 375 px the case page scrolls sideways: it is %d px wide; sticking out: %s", wide, strings.Join(o.Offenders, "; "))
	}
	first, main := eval[*caseBox](p, "box", ".case-aside"), eval[*caseBox](p, "box", ".case-main")
	if first == nil || main == nil || first.Top >= main.Top {
		p.run.report.problem(p, "at 375 px the facts and next steps do not come before the rest of the case page")
	}
	p.screenshot(p.key + "-375")
}
