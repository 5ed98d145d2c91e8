package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Sees checks that the page on screen is the one the journey expects -- its
// main heading and a 200 status, with no error summary -- and runs the
// checks every page gets. key names the page in screenshots and reports;
// a page audited once per run is not audited again under the same key.
func (p *Person) Sees(key, heading string) {
	p.t.Helper()
	p.arrive(key, heading)
	if p.status != http.StatusOK {
		p.fatalf("expected “%s” with status 200, got status %d", heading, p.status)
	}
	if es := p.errorSummary(); es != nil {
		p.fatalf("expected “%s” without errors, but the page says: %s", heading, es.texts())
	}
	p.pageChecks()
}

// SeesErrors checks a form page shown again with mistakes: its heading, a
// 4xx status, an error summary listing every message, and focus moved to
// the summary so that a screen reader reads it first.
func (p *Person) SeesErrors(key, heading string, messages ...string) {
	p.t.Helper()
	p.arrive(key, heading)
	if p.status < 400 || p.status > 499 {
		p.fatalf("expected “%s” with errors and a 4xx status, got status %d", heading, p.status)
	}
	es := p.errorSummary()
	if es == nil {
		p.fatalf("expected an error summary on “%s”, found none", heading)
	}
	// autofocus acts at the browser's next rendering update, which can come
	// after the load event on a busy machine.
	for deadline := time.Now().Add(settleTime); !es.Focused && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		es = p.errorSummary()
	}
	for _, m := range messages {
		if !slices.Contains(es.texts(), norm(m)) {
			p.fatalf("the error summary lacks “%s”; it says: %s", m, es.texts())
		}
	}
	if !es.InPageOrder {
		p.run.report.note(p, "the error summary lists %s, not in the order of the fields on the page", strings.Join(es.texts(), " / "))
	}
	if es.Focused {
		p.run.report.summaryFocused(p.key)
		p.checkFocusIndicator()
	} else {
		p.run.report.problem(p, "focus is on %s, not on the error summary, after a form with mistakes (autofocus did not take)",
			p.focused().Text)
	}
	if title, prefix := p.titleAndErrorPrefix(); !strings.HasPrefix(title, prefix) {
		p.run.report.problem(p, "the title “%s” of a page with errors does not start with “%s”", title, prefix)
	}
	p.pageChecks()
}

// SeesText checks that text is somewhere on the page.
func (p *Person) SeesText(text string) {
	p.t.Helper()
	if body := eval[string](p, "text"); !strings.Contains(norm(body), norm(text)) {
		p.fatalf("the page does not say “%s”", text)
	}
}

// SeesUnder checks that the part of the page under the heading says text.
func (p *Person) SeesUnder(heading, text string) {
	p.t.Helper()
	section := eval[*string](p, "section", heading)
	if section == nil {
		p.fatalf("the page has no heading “%s”", heading)
	}
	if !strings.Contains(norm(*section), norm(text)) {
		p.fatalf("under “%s” the page does not say “%s”; it says: %s", heading, text, *section)
	}
}

// SeesRow checks that row n (1 for the first row under the column
// headings) of the table named table -- its caption, which a screen
// reader announces even when it is visually hidden -- says every one of
// texts.
func (p *Person) SeesRow(table string, n int, texts ...string) {
	p.t.Helper()
	rows := p.tableRows(table)
	if n < 1 || n > len(rows) {
		p.fatalf("the table “%s” has %d rows, not %d", table, len(rows), n)
	}
	row := strings.Join(rows[n-1], " | ")
	for _, text := range texts {
		if !strings.Contains(row, text) {
			p.fatalf("row %d of the table “%s” does not say “%s”; it says: %s", n, table, text, row)
		}
	}
}

// SeesRowWith checks that the table named table has a row that says
// first, and that this row also says every one of texts.
func (p *Person) SeesRowWith(table, first string, texts ...string) {
	p.t.Helper()
	rows := p.tableRows(table)
	for _, cells := range rows {
		row := strings.Join(cells, " | ")
		if !strings.Contains(row, first) {
			continue
		}
		for _, text := range texts {
			if !strings.Contains(row, text) {
				p.fatalf("the row of “%s” in the table “%s” does not say “%s”; it says: %s", first, table, text, row)
			}
		}
		return
	}
	p.fatalf("no row of the table “%s” says “%s”", table, first)
}

func (p *Person) tableRows(table string) [][]string {
	p.t.Helper()
	rows := eval[[][]string](p, "rows", table)
	if rows == nil {
		p.fatalf("the page has no table “%s”", table)
	}
	return rows
}

func (p *Person) arrive(key, heading string) {
	p.t.Helper()
	p.key = key
	var got string
	deadline := time.Now().Add(settleTime)
	for {
		got = eval[string](p, "heading")
		if got == norm(heading) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got != norm(heading) {
		p.fatalf("expected the page “%s”, but its heading is “%s” (status %d)", heading, got, p.status)
	}
	if scripting := eval[bool](p, "scripting"); scripting != p.run.Mode.JavaScript {
		p.fatalf("JavaScript should be %s in this run but the page has it %s", onOff(p.run.Mode.JavaScript), onOff(scripting))
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func (p *Person) title() (string, error) {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Title())
}

type errorSummary struct {
	Title string `json:"title"`
	Links []struct {
		Text string `json:"text"`
		Href string `json:"href"`
	} `json:"links"`
	Focused     bool `json:"focused"`
	InPageOrder bool `json:"inPageOrder"`
}

func (es *errorSummary) texts() []string {
	var out []string
	for _, l := range es.Links {
		out = append(out, l.Text)
	}
	return out
}

func (p *Person) errorSummary() *errorSummary {
	p.t.Helper()
	return eval[*errorSummary](p, "errorSummary")
}

// pageChecks are what every page gets: no sideways scrolling on the phone,
// a screenshot, and an axe-core audit.
func (p *Person) pageChecks() {
	p.t.Helper()
	p.checkLanguage()
	if p.run.Mode.Phone {
		o := eval[struct {
			ScrollWidth int64    `json:"scrollWidth"`
			InnerWidth  int64    `json:"innerWidth"`
			Offenders   []string `json:"offenders"`
		}](p, "overflow", p.run.Mode.Width)
		if wide := max(o.ScrollWidth, o.InnerWidth); wide > p.run.Mode.Width {
			p.run.report.problem(p, "the page scrolls sideways on a %d px wide phone: it is %d px wide; sticking out: %s",
				p.run.Mode.Width, wide, strings.Join(o.Offenders, "; "))
		}
	}
	for _, key := range rawMessageKeys(p.t, eval[string](p, "text")) {
		p.run.report.problem(p, "the page shows the message key “%s” where its text belongs: the catalog lacks it", key)
	}
	p.screenshot(p.key)
	if p.run.Mode.Audit {
		p.audit()
	}
}

// SeesWholeTables checks that no table on the page is cut by its
// scrolling region: at the width of the run, every column shows.
func (p *Person) SeesWholeTables() {
	p.t.Helper()
	if cut := eval[[]string](p, "cutRegions"); len(cut) > 0 {
		p.run.report.problem(p, "a table is cut at %d px and must be scrolled sideways: %s", p.run.Mode.Width, strings.Join(cut, "; "))
	}
}

// catalogs are the portal's message catalogs, whose keys pages look up.
var catalogs = filepath.Join("..", "views", "i18n", "locales", "*.json")

// messageNamespaces are the first parts of the catalogs' keys ("task" of
// "task.grounds"), read once.
var messageNamespaces = sync.OnceValues(func() (map[string]bool, error) {
	files, err := filepath.Glob(catalogs)
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no catalogs at %s (%v)", catalogs, err)
	}
	ns := map[string]bool{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var cat struct {
			Messages map[string]json.RawMessage `json:"messages"` // a string or plural forms
		}
		if err := json.Unmarshal(raw, &cat); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k := range cat.Messages {
			first, _, _ := strings.Cut(k, ".")
			ns[first] = true
		}
	}
	return ns, nil
})

// keyLike is a word shaped like a message key, not part of an email
// address, a path or a longer name.
var keyLike = regexp.MustCompile(`(?:^|[^\w@./-])([a-z][a-z0-9_]*(?:\.[a-z0-9_-]*[a-z0-9])+)(?:$|[^\w@/-])`)

// fileExtension is the end of a file name, which looks like a key too.
var fileExtension = regexp.MustCompile(`\.(pdf|png|jpe?g|heic|heif|webp|tiff?|docx?|odt|xlsx|txt)$`)

// rawMessageKeys finds message keys shown as they are: a page asked the
// catalog for a key it does not have (the portal then shows the key).
func rawMessageKeys(t *testing.T, text string) []string {
	t.Helper()
	ns, err := messageNamespaces()
	if err != nil {
		t.Fatalf("read the message catalogs: %v", err)
	}
	var out []string
	for _, m := range keyLike.FindAllStringSubmatch(text, -1) {
		key := m[1]
		first, _, _ := strings.Cut(key, ".")
		if ns[first] && !fileExtension.MatchString(key) && !slices.Contains(out, key) {
			out = append(out, key)
		}
	}
	return out
}

// screenshot saves the whole page as NN-who-name.png in the run's folder and
// returns its path ("" when it could not be taken).
func (p *Person) screenshot(name string) string {
	p.run.step++
	file := fmt.Sprintf("%02d-%s.png", p.run.step, name)
	if p.run.people > 1 {
		file = fmt.Sprintf("%02d-%s-%s.png", p.run.step, slug(p.who), name)
	}
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Logf("screenshot %s: %v", file, err)
		return ""
	}
	path := filepath.Join(p.run.shots, file)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Logf("screenshot %s: %v", file, err)
		return ""
	}
	return path
}

var notSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(notSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// axeViolation is one failed axe-core rule on one page.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  string `json:"target"`
	HTML    string `json:"html"`
	Summary string `json:"summary"`
}

// axeResult is what axe-core says of one page: the rules that fail, and
// the rules it could not decide (for a person to review), with how many
// elements each concerns.
type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Incomplete []axeViolation `json:"incomplete"`
	Rules      int            `json:"rules"`
}

// axeRun runs every axe-core rule that is not experimental (WCAG 2.0-2.2
// A and AA, and best practices) on the document, with the target-size rule
// (WCAG 2.2's 2.5.8, 24 px targets) that axe leaves off unless asked.
const axeRun = `axe.run(document, {resultTypes: ['violations', 'incomplete'], rules: {'target-size': {enabled: true}}}).then(r => {
	const brief = v => ({
		id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '), html: n.html, summary: n.failureSummary || ''}))
	});
	return {
		violations: r.violations.map(brief),
		incomplete: r.incomplete.map(brief),
		rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
	};
})`

// audit runs axe-core on the page once per key. axe needs JavaScript, so
// with JavaScript off it is turned on for the audit alone. The source is
// evaluated through the DevTools protocol, which the page's CSP does not
// govern, so no <script> is added to the page.
func (p *Person) audit() {
	p.t.Helper()
	if !p.run.report.firstAudit(p.run.Mode.Name, p.key) {
		return
	}
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	setScripts := func(disabled bool) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: disabled})
		return err
	}
	if !p.run.Mode.JavaScript {
		if err := setScripts(false); err != nil {
			p.fatalf("turn JavaScript on for axe: %v", err)
		}
		defer func() {
			if err := setScripts(true); err != nil {
				p.fatalf("turn JavaScript off again after axe: %v", err)
			}
		}()
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](p.run.tools.axe+"\n;undefined")); err != nil {
		p.fatalf("load axe-core: %v", err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fatalf("run axe-core: %v", err)
	}
	if res.Rules < 50 {
		p.fatalf("axe-core ran only %d rules", res.Rules)
	}
	p.run.report.axe(p.key, res)
}

// report gathers what the checks found in one run, so that a journey plays
// to its end and the test then lists everything at once.
type report struct {
	mu       sync.Mutex
	audited  map[string]bool
	pages    []string               // audited page keys, in order
	findings map[string]*axeFinding // by rule and element
	problems []string               // keyboard, focus and layout problems
	seen     map[string]bool        // problems already recorded
	notes    []string               // advice that does not fail the suite
	byPage   map[string]axeResult   // axe's results per page, for axe.json
	review   map[string][]string    // rules axe could not decide: pages
	focusAt  map[string]bool        // controls whose focus indicator was checked
	stops    int                    // focus indicator checks
	summary  []string               // error pages whose summary took focus
}

// axeFinding is one rule failing on one element, on one or more pages.
type axeFinding struct {
	rule  axeViolation
	node  axeNode
	pages []string
}

func newReport() *report {
	return &report{audited: map[string]bool{}, findings: map[string]*axeFinding{}, seen: map[string]bool{},
		byPage: map[string]axeResult{}, review: map[string][]string{}, focusAt: map[string]bool{}}
}

func (r *report) firstAudit(mode, key string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.audited[key] {
		return false
	}
	r.audited[key] = true
	r.pages = append(r.pages, key)
	return true
}

func (r *report) axe(key string, res axeResult) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byPage[key] = res
	for _, v := range res.Incomplete {
		id := fmt.Sprintf("%s (%s)", v.ID, v.Help)
		r.review[id] = append(r.review[id], fmt.Sprintf("%s ×%d", key, len(v.Nodes)))
	}
	for _, v := range res.Violations {
		for _, n := range v.Nodes {
			id := v.ID + "\x00" + n.Target + "\x00" + n.HTML
			f := r.findings[id]
			if f == nil {
				f = &axeFinding{rule: v, node: n}
				r.findings[id] = f
			}
			f.pages = append(f.pages, key)
		}
	}
}

// problem records a keyboard, focus or layout problem once per page.
func (r *report) problem(p *Person, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	line := fmt.Sprintf("%s, page %s: %s", p.who, p.key, msg)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen[line] {
		return
	}
	r.seen[line] = true
	r.problems = append(r.problems, line)
}

func (r *report) summaryFocused(key string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.summary = append(r.summary, key)
}

func (r *report) focusChecked(p *Person, what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stops++
	r.focusAt[p.key+": "+what] = true
}

// note records advice that does not fail the suite, once per page.
func (r *report) note(p *Person, format string, args ...any) {
	line := fmt.Sprintf("%s, page %s: %s", p.who, p.key, fmt.Sprintf(format, args...))
	r.mu.Lock()
	defer r.mu.Unlock()
	if !slices.Contains(r.notes, line) {
		r.notes = append(r.notes, line)
	}
}

// blocking is whether an axe impact fails the suite.
func blocking(impact string) bool { return impact == "serious" || impact == "critical" }

// sortedFindings returns the findings, most severe first.
func (r *report) sortedFindings() []*axeFinding {
	rank := map[string]int{"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
	var out []*axeFinding
	for _, f := range r.findings {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b *axeFinding) int {
		if d := rank[a.rule.Impact] - rank[b.rule.Impact]; d != 0 {
			return d
		}
		if c := strings.Compare(a.rule.ID, b.rule.ID); c != 0 {
			return c
		}
		return strings.Compare(a.node.Target, b.node.Target)
	})
	return out
}

func (f *axeFinding) String() string {
	return fmt.Sprintf("[%s] %s: %s (%s)\n      pages: %s\n      element: %s\n      html: %s\n      %s",
		f.rule.Impact, f.rule.ID, f.rule.Help, f.rule.HelpURL, strings.Join(f.pages, ", "),
		f.node.Target, oneLine(f.node.HTML, 200), strings.ReplaceAll(oneLine(f.node.Summary, 400), "\n", " "))
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		s = s[:max] + "…"
	}
	return s
}

// check fails the test for serious and critical axe violations and for
// keyboard, focus and layout problems; it lists the milder axe findings,
// and writes everything to report.txt next to the screenshots.
func (r *report) check(t *testing.T, mode Mode, dir string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s\n", mode.Name)
	if mode.Audit {
		fmt.Fprintf(&b, "axe-core audited %d pages: %s\n", len(r.pages), strings.Join(r.pages, ", "))
	}
	fmt.Fprintf(&b, "Error summary had focus on arrival: %s\n", strings.Join(r.summary, ", "))
	if r.stops > 0 {
		fmt.Fprintf(&b, "Focus indicator checked at %d stops on %d distinct controls\n", r.stops, len(r.focusAt))
	}
	var bad, mild []string
	for _, f := range r.sortedFindings() {
		if blocking(f.rule.Impact) {
			bad = append(bad, f.String())
		} else {
			mild = append(mild, f.String())
		}
	}
	fmt.Fprintf(&b, "\nSerious or critical axe violations: %d\n", len(bad))
	for _, s := range bad {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	fmt.Fprintf(&b, "\nOther axe violations (moderate, minor): %d\n", len(mild))
	for _, s := range mild {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	fmt.Fprintf(&b, "\naxe-core could not decide (needs a person to review; not failing): %d rules\n", len(r.review))
	for _, id := range slices.Sorted(maps.Keys(r.review)) {
		fmt.Fprintf(&b, "  %s: %s\n", id, strings.Join(r.review[id], ", "))
	}
	fmt.Fprintf(&b, "\nKeyboard, focus and layout problems: %d\n", len(r.problems))
	for _, s := range r.problems {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	fmt.Fprintf(&b, "\nOther notes (not failing the suite): %d\n", len(r.notes))
	for _, s := range r.notes {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	if raw, err := json.MarshalIndent(r.byPage, "", "  "); err == nil && len(r.byPage) > 0 {
		if err := os.WriteFile(filepath.Join(dir, "axe.json"), raw, 0o644); err != nil {
			t.Errorf("write axe.json: %v", err)
		}
	}
	file := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Errorf("write %s: %v", file, err)
	}
	t.Logf("report: %s", file)
	for _, s := range mild {
		t.Logf("axe (not failing the suite): %s", s)
	}
	for _, s := range r.notes {
		t.Logf("note (not failing the suite): %s", s)
	}
	for _, s := range bad {
		t.Errorf("axe: %s", s)
	}
	for _, s := range r.problems {
		t.Errorf("%s", s)
	}
}
