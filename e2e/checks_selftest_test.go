package e2e

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// spoilPage adds four faults to the page on screen: an image with no text
// alternative, a box too wide for a phone, a link whose focus looks
// exactly like its rest state, and a message key shown instead of its text. It goes through the DevTools protocol, like
// the checks, so the page's CSP does not stop it.
const spoilPage = `(() => {
	const main = document.querySelector('main');
	const img = document.createElement('img');
	img.src = document.querySelector('link[rel=icon]').href;
	main.append(img);
	const wide = document.createElement('div');
	wide.style.width = '600px';
	wide.textContent = 'A box too wide for a phone';
	main.append(wide);
	const a = document.createElement('a');
	a.href = '#nowhere';
	a.textContent = 'Link with invisible focus';
	for (const [k, v] of [['outline', 'none'], ['box-shadow', 'none'], ['background', 'none'],
		['text-decoration', 'underline'], ['color', '#1d70b8'], ['border', '0']]) {
		a.style.setProperty(k, v, 'important');
	}
	main.prepend(a);
	const raw = document.createElement('p');
	raw.textContent = 'Shown as it is: task.nowhere.';
	main.append(raw);
	return true;
})()`

// TestChecksCatchWhatTheyLookFor proves the page checks are not blind: on a
// real portal page, under its real Content-Security-Policy and with
// JavaScript off, it adds an image without a text alternative, a box too
// wide for a phone, a link whose focus cannot be seen and a raw message
// key, and expects axe-core, the overflow check, the focus check and the
// message-key check each to report theirs.
// That the journeys find nothing means something only if this finds these.
func TestChecksCatchWhatTheyLookFor(t *testing.T) {
	tl := requireTools(t)
	mode := Mode{Name: "selftest", JavaScript: false, Keyboard: true, Phone: true, Width: 375, Height: 812, Audit: true}
	rep := newReport()
	r := startRun(t, tl, mode, filepath.Join(screenshotRoot(), "selftest"), rep)
	p := r.NewPerson("tester")
	p.Open("/")
	if err := p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](spoilPage)(ctx, tg)
		return err
	})); err != nil {
		t.Fatalf("spoil the page: %v", err)
	}
	p.Sees("spoilt-home", "Ask the CCF about the data INTERPOL holds on you")
	p.tabTo(control{role: "link", name: "Link with invisible focus"})
	p.checkFocusIndicator()

	var axeRules []string
	for _, f := range rep.sortedFindings() {
		axeRules = append(axeRules, f.rule.Impact+" "+f.rule.ID)
	}
	if !strings.Contains(strings.Join(axeRules, ","), "critical image-alt") {
		t.Errorf("axe-core did not report the image without alt text; it reported: %v", axeRules)
	}
	problems := strings.Join(rep.problems, "\n")
	if !strings.Contains(problems, "scrolls sideways") || !strings.Contains(problems, "A box too wide") {
		t.Errorf("the overflow check did not report the wide box; problems: %s", problems)
	}
	if !strings.Contains(problems, `focus is not visible on link "Link with invisible focus"`) {
		t.Errorf("the focus check did not report the invisible focus; problems: %s", problems)
	}
	if !strings.Contains(problems, "message key “task.nowhere”") {
		t.Errorf("the page check did not report the raw message key; problems: %s", problems)
	}
	if !t.Failed() {
		t.Logf("the checks caught all four faults:\n%s\naxe: %v", problems, axeRules)
	}
}

// TestRawMessageKeysAreNotEmailsOrFiles checks the raw-key finder on the
// kinds of text pages show next to keys: addresses, file names, sentences.
func TestRawMessageKeysAreNotEmailsOrFiles(t *testing.T) {
	text := "Signed in as amal@example.org. task.urgent Uploaded notice.pdf and hrw-report.pdf; see " +
		"https://ccf.example/status.html or staff.flash.assigned. Decision CCF-2026-000001/D, 1.5 MB, e.g. this."
	got := rawMessageKeys(t, text)
	if want := []string{"task.urgent", "staff.flash.assigned"}; !slices.Equal(got, want) {
		t.Errorf("rawMessageKeys found %q, want %q", got, want)
	}
}
