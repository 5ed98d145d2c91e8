package e2e

import (
	"context"
	"strings"

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
