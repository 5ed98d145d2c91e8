package e2e

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

//go:embed js/page.js
var pageJS string

// stepTimeout bounds every single step, so that a missing element fails the
// test with a clear message in seconds, not at the test deadline.
const stepTimeout = 20 * time.Second

// settleTime is how long a check waits for what the browser does after a
// page has loaded (autofocus, focus after a same-page link), so that a busy
// machine does not make it fail.
const settleTime = 5 * time.Second

// Run is one journey played in one mode: the portal, the browser and what
// the checks found.
type Run struct {
	t    *testing.T
	Mode Mode
	// App is the portal under test, for journeys that need data a person
	// could not create from the pages (a staff account, an old request).
	App *webtest.App
	// Neutral is the address of the neutral site the quick exit leaves for.
	Neutral string

	browser context.Context
	tools   tools
	shots   string // this run's screenshot folder
	step    int
	people  int
	report  *report
}

// startRun starts the portal and Chromium for one journey in one mode, and
// stops both when the test ends.
func startRun(t *testing.T, tl tools, mode Mode, shots string, rep *report) *Run {
	t.Helper()
	// The quick exit leaves for a neutral site; the browser has no network,
	// so the run has its own, on the loopback too.
	neutral := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="en"><title>Weather</title><h1>Weather today</h1></html>`)
	}))
	t.Cleanup(neutral.Close)
	// httptest.NewServer: a real listener on 127.0.0.1
	app := webtest.New(t, func(cfg *web.Config) { cfg.ExitURL = neutral.URL + "/" })
	if err := os.RemoveAll(shots); err != nil {
		t.Fatalf("clear the screenshot folder: %v", err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatalf("create the screenshot folder: %v", err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(tl.browser),
		// The browser visits only the loopback portal. Its sandbox does not
		// work as root or in most containers, where CI runs.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.Flag("accept-lang", "en-GB,en"),
		chromedp.WindowSize(1280, 1000),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	// Cleanups run last-in first-out: the tab and browser close, then the
	// allocator waits for the Chromium processes to end, then webtest stops
	// the server and closes the store.
	t.Cleanup(cancelAlloc)
	t.Cleanup(func() {
		if err := chromedp.Cancel(browser); err != nil {
			t.Logf("closing Chromium: %v", err)
		}
		cancelBrowser()
	})
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start Chromium (%s): %v", tl.browser, err)
	}
	return &Run{t: t, Mode: mode, App: app, browser: browser, tools: tl, shots: shots, report: rep, Neutral: neutral.URL + "/"}
}

// Person is someone using the portal in their own browser window, with
// their own cookies. Journeys with two people (a petitioner and CCF staff)
// open two.
type Person struct {
	run    *Run
	t      *testing.T
	who    string
	ctx    context.Context
	status int64  // HTTP status of the page on screen
	key    string // the page on screen, as the journey named it
	lang   string // the language chosen with the switch; "" until then
}

// NewPerson opens a new browser window with an empty cookie jar, set up for
// the run's mode: JavaScript, viewport, reduced motion and file choosers
// answered by the test.
func (r *Run) NewPerson(who string) *Person {
	r.t.Helper()
	r.people++
	ctx, cancel := chromedp.NewContext(r.browser, chromedp.WithNewBrowserContext())
	r.t.Cleanup(cancel)
	p := &Person{run: r, t: r.t, who: who, ctx: ctx}
	// The first action on a context opens its tab for the context's whole
	// life, so it must not run under a step's timeout.
	if err := chromedp.Do(ctx); err != nil {
		r.t.Fatalf("%s: open a browser window: %v", who, err)
	}
	var viewport []chromedp.EmulateViewportOption
	if r.Mode.Phone {
		viewport = append(viewport, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	err := p.do(
		chromedp.EmulateViewport(r.Mode.Width, r.Mode.Height, viewport...),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
				emulation.SetScriptExecutionDisabledParams{Value: !r.Mode.JavaScript}); err != nil {
				return err
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
			}); err != nil {
				return err
			}
			_, err := chromedp.Call(ctx, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: true})
			return err
		}),
	)
	if err != nil {
		r.t.Fatalf("%s: set up the browser window: %v", who, err)
	}
	return p
}

// do runs browser steps with the step timeout.
func (p *Person) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// eval calls an op of page.js and decodes its answer into T.
func eval[T any](p *Person, op string, args ...any) T {
	p.t.Helper()
	v, err := evalErr[T](p, op, args...)
	if err != nil {
		p.fatalf("page.js %s%v: %v", op, args, err)
	}
	return v
}

func evalErr[T any](p *Person, op string, args ...any) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](pageCall(op, args...)))
}

// pageCall is the expression that calls op of page.js with args.
func pageCall(op string, args ...any) string {
	all := append([]any{op}, args...)
	enc := make([]string, len(all))
	for i, a := range all {
		if str, ok := a.(string); ok {
			a = norm(str) // as page.js reads the page
		}
		b, _ := json.Marshal(a)
		enc[i] = string(b)
	}
	return "(" + pageFunc + ")(" + strings.Join(enc, ", ") + ")"
}

// norm collapses white space as page.js does with what the page says: a
// French catalog writes "Qui êtes-vous ?" with a no-break space, which a
// page's accessible names and text read as a plain one.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// pageFunc is page.js without its leading comment.
var pageFunc = strings.TrimSpace(regexp.MustCompile(`(?m)^//.*\n`).ReplaceAllString(pageJS, ""))

// fatalf saves a screenshot of what the person sees, then stops the test.
func (p *Person) fatalf(format string, args ...any) {
	p.t.Helper()
	msg := fmt.Sprintf(format, args...)
	where := ""
	if loc, err := p.location(); err == nil {
		where = " (at " + loc + ")"
	}
	if shot := p.screenshot("FAILED"); shot != "" {
		where += "\n  screenshot: " + shot
	}
	p.t.Fatalf("%s [%s, %s]: %s%s", p.who, p.run.Mode.Name, p.key, msg, where)
}

func (p *Person) location() (string, error) {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Location())
}

// Open goes to a path of the portal, as if typed into the address bar.
func (p *Person) Open(path string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(p.run.App.Server.URL+path))
	if err != nil {
		p.fatalf("open %s: %v", path, err)
	}
	p.status = resp.Status
}

// control names a form control or a link or button the way a person does:
// its role, its label or text, and the legend of its group when the label
// alone is ambiguous (the "Day" of a date).
type control struct {
	role, name, group string
}

func (c control) String() string {
	s := c.role + " “" + c.name + "”"
	if c.group != "" {
		s += " in “" + c.group + "”"
	}
	return s
}

func (c control) selector() chromedp.JSPath {
	return chromedp.JSPath(pageCall("first", c.role, c.name, c.group))
}

// mustSee fails unless exactly the control is on the page, listing what is
// there instead.
func (p *Person) mustSee(c control) {
	p.t.Helper()
	if eval[int](p, "count", c.role, c.name, c.group) > 0 {
		return
	}
	have := eval[[]string](p, "list", c.role)
	p.fatalf("the page shows no %s; it has: %s", c, strings.Join(have, ", "))
}

// activate follows a link or presses a button and waits for the next page.
func (p *Person) activate(c control) {
	p.t.Helper()
	p.mustSee(c)
	var trigger chromedp.Action[chromedp.Void]
	if p.run.Mode.Keyboard {
		p.tabTo(c)
		trigger = pressKey(kb.Enter)
	} else {
		trigger = p.click(c)
	}
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, trigger)
	if err != nil {
		p.fatalf("%s did not lead to a page: %v", c, err)
	}
	if resp != nil {
		p.status = resp.Status
	}
}

// click is a mouse click, or a tap on the phone.
func (p *Person) click(c control) chromedp.Action[chromedp.Void] {
	if p.run.Mode.Phone {
		return chromedp.Tap(c.selector())
	}
	return chromedp.Click(c.selector())
}

// FollowLink follows the link with this text.
func (p *Person) FollowLink(text string) {
	p.t.Helper()
	p.activate(control{role: "link", name: text})
}

// PressButton presses the button with this text and waits for the page
// that answers.
func (p *Person) PressButton(text string) {
	p.t.Helper()
	p.activate(control{role: "button", name: text})
}

// Fill types value into the text field labelled label, replacing what it
// held.
func (p *Person) Fill(label, value string) {
	p.t.Helper()
	p.fill(control{role: "textbox", name: label}, value)
}

// FillDate types a date into the day, month and year fields of the date
// whose legend is legend.
func (p *Person) FillDate(legend, day, month, year string) {
	p.t.Helper()
	tr := p.pageLocale()
	p.fill(control{role: "textbox", name: tr.T("date.day"), group: legend}, day)
	p.fill(control{role: "textbox", name: tr.T("date.month"), group: legend}, month)
	p.fill(control{role: "textbox", name: tr.T("date.year"), group: legend}, year)
}

// FillTime types a time of day on the 24-hour clock into the text box
// labelled label, as the hint asks: hours, a colon, minutes.
func (p *Person) FillTime(label string, hour, minute int) {
	p.t.Helper()
	p.fill(control{role: "textbox", name: label}, fmt.Sprintf("%02d:%02d", hour, minute))
}

func (p *Person) fill(c control, value string) {
	p.t.Helper()
	p.focus(c)
	err := p.do(
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), // select what is there
		chromedp.KeyEvent(kb.Delete),
		chromedp.KeyEvent(value),
	)
	if err != nil {
		p.fatalf("type into %s: %v", c, err)
	}
	if got := p.state(c).Value; got != value {
		p.fatalf("%s holds %q after typing %q", c, got, value)
	}
}

// focus moves focus to a control: with Tab in the keyboard run, with a
// click (or tap) otherwise.
func (p *Person) focus(c control) {
	p.t.Helper()
	p.mustSee(c)
	if p.run.Mode.Keyboard {
		p.tabTo(c)
		return
	}
	if c.role == "select" {
		// A click opens the native list, which a headless browser cannot
		// show; people pick from it by typing, as here.
		if err := p.do(chromedp.Focus(c.selector())); err != nil {
			p.fatalf("focus %s: %v", c, err)
		}
		return
	}
	if err := p.do(p.click(c)); err != nil {
		p.fatalf("click %s: %v", c, err)
	}
}

type controlState struct {
	Checked  bool     `json:"checked"`
	Value    string   `json:"value"`
	Selected string   `json:"selected"`
	Files    []string `json:"files"`
	Focused  bool     `json:"focused"`
	Open     bool     `json:"open"`
}

func (p *Person) state(c control) controlState {
	p.t.Helper()
	s := eval[*controlState](p, "state", c.role, c.name, c.group)
	if s == nil {
		p.fatalf("the page shows no %s", c)
	}
	return *s
}

// SeesFilled fails unless the text box labelled label holds value: what was
// typed and saved earlier came back.
func (p *Person) SeesFilled(label, value string) {
	p.t.Helper()
	if got := p.state(control{role: "textbox", name: label}).Value; got != value {
		p.fatalf("the box “%s” holds “%s”, not “%s”", label, got, value)
	}
}

// Choose selects the radio labelled option in the group whose legend is
// legend: a click on it, or, with the keyboard, Tab into the group, arrow
// keys to the option and Space.
func (p *Person) Choose(legend, option string) {
	p.t.Helper()
	c := control{role: "radio", name: option, group: legend}
	p.mustSee(c)
	if p.run.Mode.Keyboard {
		p.tabTo(control{role: "radio", group: legend})
		for range 20 {
			if f := p.focused(); f.Name == option {
				break
			}
			p.press(kb.ArrowDown)
			p.checkFocusIndicator()
		}
		if f := p.focused(); f.Name != option {
			p.fatalf("arrow keys in “%s” never reached “%s”", legend, option)
		}
		p.press(" ")
	} else if err := p.do(p.click(c)); err != nil {
		p.fatalf("click %s: %v", c, err)
	}
	if !p.state(c).Checked {
		p.fatalf("%s is not selected after choosing it", c)
	}
}

// Check ticks the checkbox labelled label: a click, or Tab and Space.
func (p *Person) Check(label string) {
	p.t.Helper()
	c := control{role: "checkbox", name: label}
	p.mustSee(c)
	if p.state(c).Checked {
		return
	}
	if p.run.Mode.Keyboard {
		p.tabTo(c)
		p.press(" ")
	} else if err := p.do(p.click(c)); err != nil {
		p.fatalf("click %s: %v", c, err)
	}
	if !p.state(c).Checked {
		p.fatalf("%s is not ticked after ticking it", c)
	}
}

// Expand opens the disclosure (a <details>) whose summary says summary: a
// click, or Tab and Enter. It does nothing to one already open.
func (p *Person) Expand(summary string) {
	p.t.Helper()
	c := control{role: "summary", name: summary}
	p.mustSee(c)
	if p.state(c).Open {
		return
	}
	if p.run.Mode.Keyboard {
		p.tabTo(c)
		p.press(kb.Enter)
	} else if err := p.do(p.click(c)); err != nil {
		p.fatalf("click %s: %v", c, err)
	}
	if !p.state(c).Open {
		p.fatalf("%s did not open", c)
	}
}

// Select picks option in the drop-down labelled label by typing its first
// letters, as people do with a long list of countries.
func (p *Person) Select(label, option string) {
	p.t.Helper()
	c := control{role: "select", name: label}
	p.focus(c)
	if err := p.do(chromedp.KeyEvent(option)); err != nil {
		p.fatalf("type into %s: %v", c, err)
	}
	if got := p.state(c).Selected; got != option {
		p.fatalf("%s shows “%s” after typing “%s”", c, got, option)
	}
}

// Upload picks a file for the file field labelled label: the field is
// activated (a click, or Space with the keyboard) and the test answers the
// file chooser that opens.
func (p *Person) Upload(label, path string) {
	p.t.Helper()
	c := control{role: "file", name: label}
	p.mustSee(c)
	var trigger chromedp.Action[chromedp.Void]
	if p.run.Mode.Keyboard {
		p.tabTo(c)
		trigger = pressKey(" ")
	} else {
		trigger = p.click(c)
	}
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	chooser, err := chromedp.Run(ctx, chromedp.WaitEvent(page.FileChooserOpened, nil, trigger))
	if err != nil {
		p.fatalf("no file chooser opened from %s: %v", c, err)
	}
	_, err = chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{
		Files: []string{path}, BackendNodeID: chooser.BackendNodeID})
	if err != nil {
		p.fatalf("choose %s in the file chooser: %v", path, err)
	}
	if got := p.state(c).Files; len(got) != 1 || got[0] != filepath.Base(path) {
		p.fatalf("%s holds %v after choosing %s", c, got, filepath.Base(path))
	}
}

// FixError follows the error summary's link with this message and checks
// that it lands on the field to fix, with focus there.
func (p *Person) FixError(message string) {
	p.t.Helper()
	c := control{role: "link", name: message}
	p.mustSee(c)
	var trigger chromedp.Action[chromedp.Void]
	if p.run.Mode.Keyboard {
		p.tabTo(c)
		trigger = pressKey(kb.Enter)
	} else {
		trigger = p.click(c)
	}
	if err := p.do(trigger); err != nil {
		p.fatalf("follow the error link “%s”: %v", message, err)
	}
	var ft fragmentTarget
	for deadline := time.Now().Add(settleTime); ; {
		ft = eval[fragmentTarget](p, "fragmentTarget")
		if ft.Focused || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !ft.Exists {
		p.fatalf("the error link “%s” points at #%s, which is not on the page", message, ft.ID)
	}
	if !ft.Focused {
		p.run.report.problem(p, "error link “%s” leaves focus on %s, not on the field #%s it points at", message, ft.FocusedNow, ft.ID)
	}
	if p.run.Mode.Keyboard {
		p.checkFocusIndicator()
	}
}

// fragmentTarget is the element the address's #fragment names.
type fragmentTarget struct {
	ID         string `json:"id"`
	Exists     bool   `json:"exists"`
	Focused    bool   `json:"focused"`
	FocusedNow string `json:"focusedNow"`
}

type focusedControl struct {
	Role  string `json:"role"`
	Name  string `json:"name"`
	Group string `json:"group"`
	Text  string `json:"text"`
}

func (p *Person) focused() focusedControl {
	p.t.Helper()
	return eval[focusedControl](p, "focused")
}

func (p *Person) press(key string) {
	p.t.Helper()
	if err := p.do(pressKey(key)); err != nil {
		p.fatalf("press %q: %v", key, err)
	}
}

// pressKey presses and releases one key the way a keyboard does: a single
// key-down event that carries the key's text, then a key-up. chromedp's
// KeyEvent sends the text as a separate char event; when Enter follows a
// link to a form field, that late char reaches the field and submits its
// form, which no real keyboard does.
func pressKey(key string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, r := range key {
			events := kb.Encode(r)
			down, up := *events[0], *events[len(events)-1]
			if len(events) == 3 { // down, char, up
				down.Text, down.UnmodifiedText = events[1].Text, events[1].UnmodifiedText
			} else {
				down.Type = input.DispatchKeyEventTypeRawKeyDown
			}
			for _, e := range []input.DispatchKeyEventParams{down, up} {
				if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// maxTabs is how many Tab presses may separate two controls a person uses.
const maxTabs = 120

// tabTo presses Tab until focus is on the control (any control of the role
// in the group when name is empty), checking at every stop that focus can
// be seen.
func (p *Person) tabTo(c control) {
	p.t.Helper()
	var path []string
	for range maxTabs {
		f := p.focused()
		if f.Role == c.role && (c.name == "" || f.Name == c.name) && (c.group == "" || f.Group == c.group) {
			return
		}
		p.press(kb.Tab)
		// Tab moves through the parts of a time field (hours, minutes,
		// AM/PM) before it leaves it. Its focus was checked on arrival;
		// checking again would refocus it, which starts at its first part
		// again, and Tab would never leave it.
		if now := p.focused(); now.Text != f.Text {
			p.checkFocusIndicator()
		}
		path = append(path, p.focused().Text)
	}
	if len(path) > 12 {
		path = path[len(path)-12:]
	}
	p.fatalf("%d Tab presses never reached %s; the last stops were: %s", maxTabs, c, strings.Join(path, " → "))
}

// checkFocusIndicator records a problem when the focused element looks the
// same as when it is not focused.
func (p *Person) checkFocusIndicator() {
	p.t.Helper()
	fi := eval[struct {
		What       string   `json:"what"`
		Visible    bool     `json:"visible"`
		Changed    []string `json:"changed"`
		Refocused  bool     `json:"refocused"`
		FocusVisib bool     `json:"matchesFocusVisible"`
	}](p, "focusIndicator")
	if fi.What == "(nothing focused)" {
		return // focus left the page for the browser's own controls
	}
	p.run.report.focusChecked(p, fi.What)
	if !fi.Visible {
		p.run.report.problem(p, "focus is not visible on %s: it looks the same focused and unfocused", fi.What)
	}
	if !fi.Refocused {
		p.fatalf("could not put focus back on %s after checking its focus style", fi.What)
	}
}

// File writes a file for a person to upload and returns its path.
func (r *Run) File(name, content string) string {
	r.t.Helper()
	path := filepath.Join(r.t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		r.t.Fatalf("write %s: %v", path, err)
	}
	return path
}
