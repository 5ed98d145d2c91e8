package e2e

import (
	"net/url"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// groundsPhoneWidth is the phone the grounds page is measured on.
const groundsPhoneWidth, groundsPhoneHeight = 390, 844

// maxGroundsHeight and maxGroundsErrorHeight bound the grounds page at
// 390 px, in CSS pixels, footer included. In one list the checklist was
// 4,446 px tall; by family it measured 1,936 px with every family closed,
// and 6,423 px with the "choose one" error while that opened every family;
// now the error opens only the first family (3,175 px). The bounds leave a
// little room for wording. Layout is deterministic: this is no timing
// assertion.
const maxGroundsHeight, maxGroundsErrorHeight = 2200, 3400

// groundsPhoneJourney: on a phone, with JavaScript off, a petitioner opens
// the grounds of a deletion request, sends the page with nothing chosen,
// reads the error, chooses one ground in its family and goes on.
func groundsPhoneJourney(r *Run) {
	en := i18n.Get("en")
	r.App.Register(domain.RolePetitioner, "Amal Haddad", "amal@example.org")
	c := r.App.Login("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	c.FillDeletionBasics(req, false)

	amal := r.NewPerson("petitioner")
	signIn(amal, "amal@example.org")
	amal.Sees("my-requests", "My requests")
	amal.FollowLink(en.T("dashboard.draft_link"))
	amal.Sees("task-list", "Your request")
	amal.FollowLink(en.T("task.grounds"))
	amal.Sees("grounds", en.T("task.grounds"))
	amal.SeesPageShorter(maxGroundsHeight)
	amal.PressButton(en.T("form.save_continue"))
	amal.SeesErrors("grounds-errors", en.T("task.grounds"), en.T("grounds.none_chosen"))
	amal.SeesPageShorter(maxGroundsErrorHeight)
	amal.FixError(en.T("grounds.none_chosen"))
	const title = "Political, military, religious or racial character"
	amal.Expand(groundFamilyOf(amal, title))
	amal.Check(title)
	amal.PressButton(en.T("form.save_continue"))
	amal.Sees("ground-political", title)
}

// SeesPageShorter measures the page on screen on a 390 px phone: it must
// not scroll sideways and must be shorter than limit CSS pixels. The
// window gets its run's viewport back afterwards.
func (p *Person) SeesPageShorter(limit float64) {
	p.t.Helper()
	defer p.resize(p.run.Mode.Width, p.run.Mode.Height, p.run.Mode.Phone)
	p.resize(groundsPhoneWidth, groundsPhoneHeight, true)
	o := eval[struct {
		ScrollWidth int64    `json:"scrollWidth"`
		InnerWidth  int64    `json:"innerWidth"`
		Offenders   []string `json:"offenders"`
	}](p, "overflow", groundsPhoneWidth)
	if wide := max(o.ScrollWidth, o.InnerWidth); wide > groundsPhoneWidth {
		p.run.report.problem(p, "at %d px the page scrolls sideways: it is %d px wide; sticking out: %s",
			groundsPhoneWidth, wide, strings.Join(o.Offenders, "; "))
	}
	b := eval[*caseBox](p, "box", "body")
	p.t.Logf("%s at %d px: %.0f px tall", p.key, groundsPhoneWidth, b.PageHeight)
	if b.PageHeight >= limit {
		p.run.report.problem(p, "at %d px the page is %.0f px tall; at most %.0f", groundsPhoneWidth, b.PageHeight, limit)
	}
	p.screenshot(p.key + "-390")
}
