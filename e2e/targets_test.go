package e2e

import (
	"context"
	"strings"

	"github.com/chromedp/chromedp"
)

// smallTargetsJS lists the links and controls on screen smaller than
// 24 by 24 CSS pixels that are not part of a sentence (WCAG 2.2, 2.5.8
// exempts those) nor hidden until focused (the skip link).
const smallTargetsJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, select, summary, textarea, input:not([type=hidden])')) {
    if (!el.getClientRects().length || el.classList.contains('skip-link')) continue;
    if (getComputedStyle(el).opacity === '0') continue;
    const r = el.getBoundingClientRect();
    if (r.height >= 24 && r.width >= 24) continue;
    const p = el.parentElement;
    const inSentence = el.tagName === 'A' && p && p.textContent.trim().length > el.textContent.trim().length + 3;
    if (inSentence) continue;
    out.push((el.textContent || el.value || el.name || '').trim().slice(0, 60) + ' (' + Math.round(r.width) + '×' + Math.round(r.height) + ' px)');
  }
  return out;
})()`

// SeesTargetsOf24px checks that every link and control on the page that
// stands on its own is at least 24 px high and wide.
func (p *Person) SeesTargetsOf24px() {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	small, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](smallTargetsJS))
	if err != nil {
		p.fatalf("measure the page's targets: %v", err)
	}
	if len(small) > 0 {
		p.run.report.problem(p, "targets smaller than 24 px: %s", strings.Join(small, "; "))
	}
}
