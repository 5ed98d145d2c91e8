// Package e2e is the browser test suite: it starts the real portal on a
// temporary data folder and a loopback port, drives Debian's Chromium with
// chromedp, and plays whole journeys the way a person does -- by the text of
// labels, legends, headings, links and buttons, never by ids or classes.
//
// A journey is played in its modes (see modes and journeys in
// journeys_test.go): with JavaScript off and on, with the keyboard alone,
// and on a 375 px wide phone. Journey 1 (an access request) runs in all
// four; journey 2 (a counsel's deletion request, then an urgent request)
// in all but the phone; journeys 3 and 4 (the staff desk, and the
// petitioner answering and seeing the decision carried out) with
// JavaScript off. On every page it takes a screenshot, runs axe-core,
// checks that no message key shows where its text belongs, that nothing
// scrolls sideways on the phone, and, on a form with mistakes, that focus
// moves to the error summary and the title starts with "Error:".
//
// Running it:
//
//	go test ./e2e/ -v                 # or make test, which runs everything
//	CCF_E2E_REQUIRED=1 go test ./e2e/ # missing Chromium or axe-core fails
//
// It needs Chromium (found on PATH as chromium, chromium-browser,
// google-chrome or google-chrome-stable, or named by CCF_CHROMIUM) and
// axe-core in node_modules (npm ci at the repository root). Without either
// the suite skips, saying why, unless CCF_E2E_REQUIRED=1, which .ci/run sets.
// Screenshots go to $CCF_SCREENSHOTS, or to ccf-e2e-screenshots in the
// system's temporary folder; the tests print the folder.
//
// To add a journey, write a func(*Run) that plays it with the Person
// methods (Open, FollowLink, PressButton, Fill, FillDate, FillTime,
// Choose, Check, Select, Expand, Upload, FixError, Sees, SeesErrors,
// SeesText, SeesUnder, SeesRow, SeesRowWith) in its own file, and add it
// to journeys with the modes it needs (every mode unless it says). A journey
// with two people (a petitioner and CCF staff) opens each with
// r.NewPerson, in its own window and cookie jar; data no person could
// create from the pages, such as a staff account, comes from r.App (the
// webtest app and its store).
package e2e
