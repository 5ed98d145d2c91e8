package e2e

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// The preconditions of the shorter journeys are made through the portal's
// own forms, without a browser (webtest's clients, with real form tokens):
// the journeys that play those pages on screen are elsewhere.

// fileAccessRequestFor has the signed-in client c file a complete access
// request for the person named name, and returns its path.
func fileAccessRequestFor(r *Run, c *webtest.Client, name string) string {
	r.t.Helper()
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	answers := webtest.AccessAnswers(false)["applicant"]
	answers.Set("full_name", name)
	c.SaveSection(req, "applicant", answers)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport"), false)
	check := c.Get(req + "/check")
	resp := c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(r.t, check.Body)}, "declaration": {"yes"}})
	if resp.Status != http.StatusSeeOther {
		r.t.Fatalf("file the access request: status %d: %s", resp.Status, webtest.ErrorSummaryText(resp.Body))
	}
	return req
}

// staffDo submits a staff form as c and expects to be sent on.
func staffDo(r *Run, c *webtest.Client, formPage, action string, values url.Values) string {
	r.t.Helper()
	resp := c.Submit(formPage, action, values)
	if resp.Status != http.StatusSeeOther {
		r.t.Fatalf("%s: status %d: %s", action, resp.Status, webtest.ErrorSummaryText(resp.Body))
	}
	return resp.Location()
}

// today is a date input group named name set to the portal's day.
func today(r *Run, name string, into url.Values) url.Values {
	now := r.App.Clock.Now().UTC()
	into.Set(name+"-day", strconv.Itoa(now.Day()))
	into.Set(name+"-month", strconv.Itoa(int(now.Month())))
	into.Set(name+"-year", strconv.Itoa(now.Year()))
	return into
}

// decideAccessRequest takes the filed access request at reqPath through
// the staff pages to a decision sent to the applicant: admissible, a draft
// ("data held"), the agenda of a session, adoption by the Chamber, the
// sending to the General Secretariat and to the applicant.
func decideAccessRequest(r *Run, reqPath string) {
	r.t.Helper()
	clerk := r.App.Staff("secretary@ccf.example")
	judge := r.App.Chamber("member@ccf.example")
	desk := "/staff" + reqPath
	staffUser, err := r.App.DB.UserByEmail(context.Background(), "secretary@ccf.example")
	if err != nil {
		r.t.Fatalf("read the staff account: %v", err)
	}
	id, _ := strconv.ParseInt(reqPath[strings.LastIndex(reqPath, "/")+1:], 10, 64)
	req, err := r.App.DB.RequestForUser(context.Background(), id, staffUser)
	if err != nil {
		r.t.Fatalf("read the request: %v", err)
	}
	staffDo(r, clerk, desk+"/admissibility", desk+"/admissibility",
		url.Values{"outcome": {domain.OutcomeAdmissible}, "checks": domain.ChecksFor(req)})
	resp := clerk.Upload(desk+"/decision", desk+"/decision", []webtest.Field{webtest.F("outcome", "data_held"),
		webtest.F("reasons", "The source NCB agreed to disclosure."),
		webtest.F("disclosure", "A wanted-person diffusion of January 2024 is held.")}, "", nil)
	if resp.Status != http.StatusSeeOther {
		r.t.Fatalf("draft the decision: status %d: %s", resp.Status, webtest.ErrorSummaryText(resp.Body))
	}
	agenda := staffDo(r, clerk, "/staff/sessions/new", "/staff/sessions",
		today(r, "ends_on", today(r, "starts_on", url.Values{"number": {"1"}})))
	staffDo(r, clerk, agenda, agenda+"/agenda", url.Values{"reference": {req.Reference}})
	staffDo(r, judge, desk+"/decision/adopt", desk+"/decision/adopt", nil)
	staffDo(r, clerk, desk+"/decision/sent-to-gs", desk+"/decision/sent-to-gs", today(r, "on", url.Values{}))
	var fields []webtest.Field
	for k, v := range today(r, "on", url.Values{}) {
		fields = append(fields, webtest.F(k, v[0]))
	}
	send := desk + "/decision/send"
	if resp := clerk.Upload(send, send, fields, "", nil); resp.Status != http.StatusSeeOther {
		r.t.Fatalf("send the decision: status %d: %s", resp.Status, webtest.ErrorSummaryText(resp.Body))
	}
}

// signInStaff makes a staff account with role whose second factor was
// enrolled through the pages, then signs its owner in on screen: the
// password, then the security code their app shows.
func signInStaff(r *Run, p *Person, role staffrole.Role, email string) {
	p.t.Helper()
	en := i18n.Get("en")
	r.App.StaffAs(role, email)
	signIn(p, email)
	p.Sees("security-code", en.T("security.code.heading"))
	p.Fill(en.T("security.code.label"), r.App.NextCode(email))
	p.PressButton(en.T("security.code.submit"))
	p.Sees("desk-queue", "Requests")
}
