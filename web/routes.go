package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/handlers/address"
	"github.com/ccf-portal/ccfportal/handlers/admin"
	"github.com/ccf-portal/ccfportal/handlers/certificate"
	"github.com/ccf-portal/ccfportal/handlers/chamber"
	"github.com/ccf-portal/ccfportal/handlers/consult"
	"github.com/ccf-portal/ccfportal/handlers/deadlines"
	"github.com/ccf-portal/ccfportal/handlers/decide"
	"github.com/ccf-portal/ccfportal/handlers/guide"
	"github.com/ccf-portal/ccfportal/handlers/health"
	"github.com/ccf-portal/ccfportal/handlers/helpdesk"
	"github.com/ccf-portal/ccfportal/handlers/inbox"
	"github.com/ccf-portal/ccfportal/handlers/paper"
	"github.com/ccf-portal/ccfportal/handlers/prior"
	"github.com/ccf-portal/ccfportal/handlers/publish"
	"github.com/ccf-portal/ccfportal/handlers/receipt"
	"github.com/ccf-portal/ccfportal/handlers/recovery"
	"github.com/ccf-portal/ccfportal/handlers/security"
	"github.com/ccf-portal/ccfportal/handlers/stats"
	"github.com/ccf-portal/ccfportal/handlers/urgent"
	"github.com/ccf-portal/ccfportal/views"
)

// routes is the one place every URL of the portal is declared, with the
// middleware that guards it. Upload routes are wrapped in streaming, so the
// CSRF middleware learns from the declaration itself which routes may carry
// a multipart body.
func (s *Server) routes() {
	h := s.handlers
	sec := &security.Handlers{Handlers: h, Steps: s.sessions}
	e := s.echo
	probes := &health.Handlers{Handlers: h}
	e.GET("/healthz", probes.Healthz)
	e.GET("/readyz", probes.Readyz)
	e.GET("/static/*", staticHandler())

	rec := recovery.New(h, strings.TrimRight(s.cfg.PublicURL, "/"))
	pages := e.Group("", s.loadSession, s.csrf)
	pages.GET("/", h.Home)
	pages.GET("/register", h.ShowRegister)
	pages.GET("/login", h.ShowLogin)
	// Signing in: the password step, then the second factor -- enrolled
	// at the first sign-in of a staff account, asked at every sign-in of
	// an account that has one. Between the steps the session is a
	// visitor's.
	pages.POST("/login", sec.Login)
	pages.GET("/login/code", sec.ShowCode)
	pages.POST("/login/code", sec.AnswerCode)
	pages.GET("/login/enrol", sec.ShowEnrol)
	pages.POST("/login/enrol", sec.Enrol)
	pages.POST("/logout", h.Logout)
	pages.POST("/language", h.ChooseLanguage)
	// The links sent by e-mail. Creating an account sends a link that confirms its address; the
	// link works signed in or not, and submitting a request (or urgent
	// measures) needs it followed: rec.RequireVerified guards those.
	pages.POST("/register", rec.Register)
	pages.GET("/verify/:token", rec.ShowVerify)
	pages.POST("/verify/:token", rec.Verify)
	pages.POST("/account/verify/resend", rec.Resend, requireRole(domain.RolePetitioner, domain.RoleCounsel))
	// A forgotten password: a single-use link by e-mail, asked for with
	// an answer that never says whether the address has an account.
	pages.GET("/password/forgot", rec.ShowForgot)
	pages.POST("/password/forgot", rec.Forgot)
	pages.GET("/password/reset/:token", rec.ShowReset)
	pages.POST("/password/reset/:token", rec.Reset)
	pages.GET("/staff/setup/:token", h.ShowStaffSetup)
	pages.POST("/staff/setup/:token", h.StaffSetup)

	// The guide: help, the pages about the portal and how to contact the
	// CCF, open to everyone without signing in (each linked from the
	// footer of every page).
	g := guide.New(h, s.cfg.Contact)
	pages.GET("/help", g.Index)
	for _, a := range append(views.HelpArticles, views.AboutArticles...) {
		pages.GET(a.Path, g.Article(a))
	}
	pages.GET("/contact", g.ShowContact)

	// Role guards go on each route: a group with an empty prefix would
	// register a catch-all and turn every unknown URL into a sign-in page.
	applicant := requireRole(domain.RolePetitioner, domain.RoleCounsel)
	pages.GET("/dashboard", h.Dashboard, applicant)
	pages.GET("/requests/new", h.NewRequest, applicant)
	pages.POST("/requests", h.CreateRequest, applicant)
	// Earlier cases decided outside the portal (by e-mail or post), named
	// by CCF reference, decision date and a copy: the revision of such a
	// decision, and a deletion or correction request after its data were
	// re-issued. Both case pages show the earlier case through pr.Panel.
	pr := &prior.Handlers{Handlers: h}
	pages.GET("/revision/earlier", pr.ShowRevision, applicant)
	s.streaming(pages.POST("/revision/earlier", pr.FileRevision, applicant, rec.RequireVerified))
	pages.GET("/requests/new/reissued", pr.ShowReissued, applicant)
	s.streaming(pages.POST("/requests/new/reissued", pr.StartReissued, applicant))
	pages.GET("/requests/:id", h.ShowRequest, applicant, pr.Panel)
	pages.GET("/requests/:id/section/:section", h.ShowSection, applicant)
	pages.POST("/requests/:id/section/:section", h.SaveSection, applicant)
	pages.GET("/requests/:id/documents", h.ShowDocuments, applicant)
	s.streaming(pages.POST("/requests/:id/documents", h.UploadDocument, applicant))
	pages.POST("/requests/:id/documents/:doc/remove", h.RemoveDocument, applicant)
	pages.GET("/requests/:id/documents/:doc", h.DownloadDocument, applicant)
	pages.GET("/requests/:id/data-items", h.ShowDataItems, applicant)
	pages.POST("/requests/:id/data-items", h.AddDataItem, applicant)
	pages.POST("/requests/:id/data-items/:item/remove", h.RemoveDataItem, applicant)
	pages.GET("/requests/:id/grounds", h.ShowGrounds, applicant)
	pages.POST("/requests/:id/grounds", h.SaveGrounds, applicant)
	pages.GET("/requests/:id/grounds/:ground", h.ShowGround, applicant)
	pages.POST("/requests/:id/grounds/:ground", h.SaveGround, applicant)
	pages.GET("/requests/:id/evidence", h.ShowEvidence, applicant)
	s.streaming(pages.POST("/requests/:id/evidence", h.UploadEvidence, applicant))
	pages.GET("/requests/:id/further", h.ShowFurther, applicant)
	s.streaming(pages.POST("/requests/:id/further", h.SubmitFurther, applicant))
	pages.GET("/requests/:id/withdraw", h.ShowWithdraw, applicant)
	pages.POST("/requests/:id/withdraw", h.Withdraw, applicant)
	// Urgent measures: from the home page and the dashboard (a new case, or
	// a request already sent), or from a case page; then one page per topic
	// of the urgent draft (:id), each saved, and a check page that sends it.
	// The whole form may also be sent in one post on a case.
	ur := &urgent.Handlers{Handlers: h}
	pages.GET("/urgent", ur.StartUrgent, applicant)
	pages.POST("/urgent", ur.CreateUrgent, applicant)
	pages.GET("/requests/:id/urgent", ur.ShowUrgent, applicant)
	pages.POST("/requests/:id/urgent/start", ur.StartOnCase, applicant)
	pages.GET("/requests/:id/urgent/check", ur.ShowCheck, applicant)
	s.streaming(pages.POST("/requests/:id/urgent/check", ur.Send, applicant, rec.RequireVerified))
	pages.GET("/requests/:id/urgent/:step", ur.ShowStep, applicant)
	pages.POST("/requests/:id/urgent/:step", ur.SaveStep, applicant)
	s.streaming(pages.POST("/requests/:id/urgent", ur.FileUrgent, applicant, rec.RequireVerified))
	pages.GET("/requests/:id/revision", h.ShowRevision, applicant)
	s.streaming(pages.POST("/requests/:id/revision", h.FileRevision, applicant))
	pages.GET("/requests/:id/check", h.CheckAnswers, applicant)

	// The counsel workspace: applicant records, shared with colleagues of
	// the same firm; and the petitioner's appointment of counsel.
	counsel := requireRole(domain.RoleCounsel)
	pages.GET("/applicants/new", h.NewApplicant, counsel)
	pages.POST("/applicants", h.SaveApplicant, counsel)
	pages.GET("/applicants/:aid", h.ShowApplicant, applicant)
	pages.GET("/applicants/:aid/edit", h.EditApplicant, applicant)
	pages.POST("/applicants/:aid", h.SaveApplicant, applicant)
	s.streaming(pages.POST("/applicants/:aid/documents", h.UploadApplicantDocument, applicant))
	pages.GET("/applicants/:aid/documents/:doc", h.DownloadApplicantDocument, applicant)
	pages.POST("/applicants/:aid/access", h.GrantApplicantAccess, counsel)
	pages.POST("/applicants/:aid/access/:uid/revoke", h.RevokeApplicantAccess, counsel)
	petitioner := requireRole(domain.RolePetitioner)
	pages.GET("/representation", h.ShowRepresentation, petitioner)
	pages.POST("/representation", h.GrantRepresentation, petitioner)
	pages.POST("/representation/:uid/revoke", h.RevokeRepresentation, petitioner)
	pages.POST("/requests/:id/submit", h.SubmitRequest, applicant, rec.RequireVerified)
	pages.GET("/requests/:id/confirmation", h.Confirmation, applicant)

	// What the applicant's side keeps of a submitted request: its receipt
	// (printable page, and PDF) and everything it filed as one zip, whose
	// download is audited; for whoever may see the request now.
	rc := receipt.New(h)
	pages.GET("/requests/:id/receipt", rc.Show, applicant)
	pages.GET("/requests/:id/receipt.pdf", rc.PDF, applicant)
	pages.GET("/requests/:id/files.zip", rc.Files, applicant)

	// The applicant's answer to a clarification.
	s.streaming(pages.POST("/requests/:id/reply", h.ReplyToClarification, applicant))

	// The inbox: what happened on the applicant's requests, with its
	// unread count in every page's header; and whether the e-mail that
	// says there is news is sent (chosen on the account page).
	ib := inbox.New(h)
	pages.GET("/inbox", ib.Show, applicant)
	pages.POST("/account/email-news", ib.SetEmailNews, applicant)

	// The signed-in person's own account: second factor, password and
	// sessions, for every role; petitioners and counsel may add a second
	// factor of their own choice (staff must have one) and take it away.
	anyone := requireRole(domain.RolePetitioner, domain.RoleCounsel, domain.RoleStaff)
	pages.GET("/account", sec.ShowAccount, anyone)
	pages.GET("/account/password", sec.ShowPasswordChange, anyone)
	pages.POST("/account/password", sec.ChangePassword, anyone)
	pages.POST("/account/sessions/end-others", sec.EndOtherSessions, anyone)
	pages.POST("/account/sessions/:ref/end", sec.EndSession, anyone)
	pages.GET("/account/security-code", sec.ShowAccountEnrol, applicant)
	pages.POST("/account/security-code", sec.AccountEnrol, applicant)
	pages.GET("/account/security-code/remove", sec.ShowRemoveFactor, applicant)
	pages.POST("/account/security-code/remove", sec.RemoveFactor, applicant)
	// Changing the account's address, for every role: asked with the
	// current password, made only when the link sent to the new address
	// is confirmed with a button (a mail scanner confirms nothing); the
	// link works signed in or not.
	ad := address.New(h, strings.TrimRight(s.cfg.PublicURL, "/"), s.sessions.SessionToken)
	pages.GET("/account/email", ad.Show, anyone)
	pages.POST("/account/email", ad.Ask, anyone)
	pages.GET("/account/email/confirm/:token", ad.ShowConfirm)
	pages.POST("/account/email/confirm/:token", ad.Confirm)

	// The staff desk: the queue, the case, and every action on it.
	// Every route is staff-only; every read or change of a case is audited
	// by the store in the action's own transaction. Every staff role reads;
	// each step is guarded by the roles that may take it (staffrole): the
	// secretariat prepares cases, the Chamber decides and orders
	// provisional measures.
	staff := pages.Group("/staff", requireRole(domain.RoleStaff))
	staff.GET("", h.StaffQueue)
	pp := paper.New(h, deriveKey(s.cfg.SessionKey, "ccf invitation codes v1"), s.cfg.InvitationDays)
	staff.GET("/requests/:id", h.StaffCase, pp.Panel, pr.Panel)
	staff.GET("/requests/:id/documents/:doc", h.StaffDownload)
	staff.GET("/requests/:id/audit", h.StaffAuditTrail)
	staff.POST("/requests/:id/assign", h.AssignCase, requireStep(staffrole.Assign))
	staff.GET("/requests/:id/admissibility", h.ShowAdmissibility, requireStep(staffrole.Admissibility))
	staff.POST("/requests/:id/admissibility", h.DeclareAdmissibility, requireStep(staffrole.Admissibility))
	staff.GET("/requests/:id/clarification", h.ShowClarification, requireStep(staffrole.Clarify))
	staff.POST("/requests/:id/clarification", h.SendClarification, requireStep(staffrole.Clarify))
	staff.POST("/requests/:id/resume", h.ResumeExamination, requireStep(staffrole.Clarify))
	staff.GET("/requests/:id/notes", h.ShowNote, requireStep(staffrole.Note))
	staff.POST("/requests/:id/notes", h.AddNote, requireStep(staffrole.Note))
	measures := requireStep(staffrole.Measure)
	staff.GET("/requests/:id/measures", h.ShowMeasure, measures)
	staff.POST("/requests/:id/measures", h.RecordMeasure, measures)
	staff.GET("/requests/:id/measures/:measure/lift", h.ShowLiftMeasure, measures)
	staff.POST("/requests/:id/measures/:measure/lift", h.LiftMeasure, measures)
	dec := &decide.Handlers{Handlers: h}
	staff.GET("/requests/:id/decision", dec.ShowDecision, requireStep(staffrole.Decide))
	s.streaming(staff.POST("/requests/:id/decision", dec.RecordDecision, requireStep(staffrole.Decide)))
	staff.GET("/requests/:id/notices", h.NewNotice, requireStep(staffrole.Notice))
	staff.POST("/requests/:id/notices", h.IssueNotice, requireStep(staffrole.Notice))
	staff.GET("/requests/:id/notices/:notice", h.ShowNotice)
	staff.POST("/requests/:id/notices/:notice/acknowledge", h.AcknowledgeNotice, requireStep(staffrole.Notice))

	// Consultations: whom the CCF asked about a case, the reminders, the
	// reply (its document streamed like every upload) or the finding that
	// none came by the due date. Recorded by the secretariat, read by all
	// staff, internal to the CCF.
	cs := consult.New(h, s.cfg.ConsultReplyDays)
	consulting := requireStep(staffrole.Consult)
	staff.GET("/requests/:id/consultations/new", cs.ShowAdd, consulting)
	staff.POST("/requests/:id/consultations", cs.Add, consulting)
	staff.GET("/requests/:id/consultations/:cid/reminder", cs.ShowReminder, consulting)
	staff.POST("/requests/:id/consultations/:cid/reminder", cs.Remind, consulting)
	staff.GET("/requests/:id/consultations/:cid/due", cs.ShowDueDate, consulting)
	staff.POST("/requests/:id/consultations/:cid/due", cs.SetDueDate, consulting)
	staff.GET("/requests/:id/consultations/:cid/no-reply", cs.ShowNoReply, consulting)
	staff.POST("/requests/:id/consultations/:cid/no-reply", cs.MarkNoReply, consulting)
	staff.GET("/requests/:id/consultations/:cid/reply", cs.ShowReply, consulting)
	s.streaming(staff.POST("/requests/:id/consultations/:cid/reply", cs.Reply, consulting))
	staff.GET("/requests/:id/consultations/:cid/document", cs.Download)

	// Time limits: the secretariat corrects the admissibility date (the due
	// date follows), extends the time limit (the applicant is told) and
	// answers a request for more time to answer a clarification, which the
	// applicant (petitioner, or counsel with a live grant) asks from the
	// case page.
	dl, timeLimits := deadlines.New(h), requireStep(staffrole.TimeLimits)
	staff.GET("/requests/:id/admissibility-date", dl.ShowCorrect, timeLimits)
	staff.POST("/requests/:id/admissibility-date", dl.Correct, timeLimits)
	staff.GET("/requests/:id/extension", dl.ShowExtend, timeLimits)
	staff.POST("/requests/:id/extension", dl.Extend, timeLimits)
	staff.GET("/requests/:id/more-time/:mid", dl.ShowAnswer, timeLimits)
	staff.POST("/requests/:id/more-time/:mid", dl.Answer, timeLimits)
	pages.GET("/requests/:id/more-time", dl.ShowMoreTime, applicant)
	pages.POST("/requests/:id/more-time", dl.AskMoreTime, applicant)

	// Sessions of the Requests Chamber: the list, read by all staff, and
	// each session's agenda (printable); the secretariat creates sessions
	// and puts ready cases on an agenda or takes them off.
	ch := chamber.New(h)
	agenda := requireStep(staffrole.Agenda)
	staff.GET("/sessions", ch.List)
	staff.GET("/sessions/new", ch.ShowNew, agenda)
	staff.POST("/sessions", ch.Create, agenda)
	staff.GET("/sessions/:sid", ch.ShowAgenda)
	staff.POST("/sessions/:sid/agenda", ch.Place, agenda)
	staff.POST("/sessions/:sid/agenda/:id/remove", ch.TakeOff, agenda)
	// A decision's life after the secretariat's draft (/decision above):
	// adopted by the Chamber at the session whose agenda holds the case,
	// then sent to the General Secretariat, its implementation reported,
	// and sent to the applicant, who sees nothing of it before.
	implement := requireStep(staffrole.Implement)
	staff.GET("/requests/:id/decision/adopt", ch.ShowAdopt, requireStep(staffrole.Adopt))
	staff.POST("/requests/:id/decision/adopt", ch.Adopt, requireStep(staffrole.Adopt))
	staff.GET("/requests/:id/decision/sent-to-gs", ch.ShowSentToGS, implement)
	staff.POST("/requests/:id/decision/sent-to-gs", ch.SentToGS, implement)
	staff.GET("/requests/:id/decision/implemented", ch.ShowImplemented, implement)
	staff.POST("/requests/:id/decision/implemented", ch.Implemented, implement)
	staff.GET("/requests/:id/decision/send", ch.ShowSend, implement)
	s.streaming(staff.POST("/requests/:id/decision/send", ch.Send, implement))

	// Cases received by e-mail or post: the secretariat imports one (its
	// documents streamed like every upload) and invites its applicant or
	// counsel with a single-use code, shown once; a signed-in petitioner or
	// counsel redeems it (throttled like sign-in) and the case becomes
	// theirs. The staff case page shows the import through pp.Panel above.
	importing := requireStep(staffrole.Import)
	staff.GET("/paper", pp.ShowImport, importing)
	s.streaming(staff.POST("/paper", pp.Import, importing))
	staff.POST("/requests/:id/invitations", pp.Invite, importing)
	staff.POST("/requests/:id/invitations/:iid/revoke", pp.Revoke, importing)
	pages.GET(views.RedeemPath, pp.ShowRedeem, applicant)
	pages.POST(views.RedeemPath, pp.Redeem, applicant)

	// "To whom it may concern" certificates: after a deletion the
	// applicant's side applies (one pending at a time) and downloads the
	// certificate once attached; every staff role reads the applications,
	// the secretariat attaches the certificate the General Secretariat
	// issued (a streamed PDF) or refuses with a message.
	cert := certificate.New(h)
	answerCert := requireStep(staffrole.Certificate)
	pages.GET("/requests/:id/certificate", cert.Show, applicant)
	pages.POST("/requests/:id/certificate", cert.Apply, applicant)
	pages.GET("/requests/:id/certificate/:cid/download", cert.Download, applicant)
	staff.GET("/requests/:id/certificate", cert.ShowStaff)
	s.streaming(staff.POST("/requests/:id/certificate/issue", cert.Issue, answerCert))
	staff.POST("/requests/:id/certificate/refuse", cert.Refuse, answerCert)
	staff.GET("/requests/:id/certificate/:cid/download", cert.Download)

	// Statistics: the public page and the same figures as CSV, open to
	// everyone, small counts hidden; and the staff's figures, filtered and
	// unsuppressed, whose download is audited.
	st := stats.New(h, s.cfg.StatsThreshold)
	pages.GET("/statistics", st.Public)
	pages.GET("/statistics.csv", st.PublicCSV)
	staff.GET("/statistics", st.Staff)
	staff.GET("/statistics.csv", st.StaffCSV)

	// Published decisions: a Chamber member writes a decided case's
	// anonymised excerpt; a second staff member (any role, never its
	// author) approves it, and only then is it public at /decisions, open
	// to everyone; any staff member may withdraw it at once.
	pub := publish.New(h)
	pages.GET(views.DecisionsPath, pub.Public)
	staff.GET("/requests/:id/publication", pub.ShowForm, requireStep(staffrole.Publish))
	staff.POST("/requests/:id/publication", pub.Save, requireStep(staffrole.Publish))
	staff.GET("/publications", pub.StaffList)
	staff.POST("/publications/:pid/approve", pub.Approve)
	staff.POST("/publications/:pid/withdraw", pub.Withdraw)

	// Help requests: a signed-in person asks the secretariat about using
	// the portal and reads the answer on the same page; staff answer once.
	hd := &helpdesk.Handlers{Handlers: h}
	pages.GET(views.HelpAskPath, hd.ShowAsk, applicant)
	pages.POST(views.HelpAskPath, hd.Ask, applicant)
	staff.GET("/help", hd.StaffList)
	staff.GET("/help/:id", hd.ShowAnswer)
	staff.POST("/help/:id", hd.Answer)
	// Feedback on the portal: anyone may send it from any page's footer,
	// kept without account or address; staff read the newest.
	pages.GET(views.FeedbackPath, hd.ShowFeedback)
	pages.POST(views.FeedbackPath, hd.SendFeedback)
	staff.GET("/feedback", hd.StaffFeedback)

	// The staff's notifications: what the portal tells them of on its own
	// (a consultation past its reply date), counted unread in the header.
	staff.GET("/notifications", ib.ShowStaff)
	// The administrators' page: staff accounts, added with a single-use
	// link by e-mail (the member chooses their password and enrols the
	// second factor), roles, disabling after a confirmation, enabling and
	// resetting a second factor. Administrators only, reads included; the
	// store audits each change.
	adm, manage := admin.New(h), requireStep(staffrole.ManageStaff)
	staff.GET("/admin", adm.List, manage)
	staff.POST("/admin", adm.Add, manage)
	staff.GET("/admin/:uid", adm.Show, manage)
	staff.POST("/admin/:uid/role", adm.SetRole, manage)
	staff.GET("/admin/:uid/disable", adm.ShowDisable, manage)
	staff.POST("/admin/:uid/disable", adm.Disable, manage)
	staff.POST("/admin/:uid/enable", adm.Enable, manage)
	staff.POST("/admin/:uid/reset-factor", adm.ResetFactor, manage)
}

// streaming marks r as an upload route: the CSRF middleware leaves its
// multipart body unread, and the handler's streaming parser checks the form
// token in the first part before any file is read. Multipart bodies on every
// other route are refused.
func (s *Server) streaming(r *echo.Route) {
	s.streamingRoutes[routeKey(r.Method, r.Path)] = true
}

// routeKey names a route by method and pattern, as c.Path() reports it.
func routeKey(method, path string) string { return method + " " + path }
