package e2e

import (
	"context"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ccf-portal/ccfportal/db/domain/countries"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// ChooseLanguage presses the language switch's button for tag, which names
// the language in itself, and from then on checks that every page is in
// that language and direction.
func (p *Person) ChooseLanguage(tag string) {
	p.t.Helper()
	p.PressButton(i18n.Get(tag).Name)
	p.lang = tag
}

// pageLanguage is the lang and dir of the page on screen.
func (p *Person) pageLanguage() (string, string) {
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.documentElement.lang, document.documentElement.dir]`))
	if err != nil || len(v) != 2 {
		p.fatalf("read the page's language: %v", err)
	}
	return v[0], v[1]
}

// pageLocale is the catalog of the language the page on screen is in.
func (p *Person) pageLocale() *i18n.Locale {
	lang, _ := p.pageLanguage()
	return i18n.Get(lang)
}

// checkLanguage fails when a page is not in the language the person chose.
func (p *Person) checkLanguage() {
	p.t.Helper()
	if p.lang == "" {
		return
	}
	lang, dir := p.pageLanguage()
	if want := i18n.Get(p.lang); lang != want.Tag || dir != want.Dir {
		p.fatalf("the page is in lang=%q dir=%q, not lang=%q dir=%q as chosen", lang, dir, want.Tag, want.Dir)
	}
}

// titleAndErrorPrefix is the page's title and the prefix a title of a
// page with errors starts with in the page's language ("Error:").
func (p *Person) titleAndErrorPrefix() (string, string) {
	title, _ := p.title()
	return norm(title), norm(p.pageLocale().T("form.error_title_prefix"))
}

// localAccessRequestJourney is journey 1 in another language: the
// petitioner picks her language on the home page with the switch, then
// creates her account and files an access request handled in that
// language -- every label, button, message and date read from the
// catalog, so the journey follows the translation.
func localAccessRequestJourney(tag string) func(r *Run) {
	return func(r *Run) {
		tr := i18n.Get(tag)
		T := tr.T
		ctx := i18n.WithLocale(context.Background(), tr)
		date := func(y int, m time.Month, d int) string {
			return views.FormatDate(ctx, time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
		}
		syria, turkey := countries.Name("SY", tag), countries.Name("TR", tag)
		passport := r.File("passport.pdf", webtest.PDF("passport scan"))
		amal := r.NewPerson("petitioner")

		amal.Open("/")
		amal.Sees("home-en", i18n.Get("en").T("home.heading"))
		amal.ChooseLanguage(tag)
		amal.Sees("home", T("home.heading"))
		amal.FollowLink(T("home.create_account"))
		amal.Sees("register", T("register.heading"))

		amal.PressButton(T("register.submit"))
		amal.SeesErrors("register-errors", T("register.heading"), T("field.role.invalid"), T("field.name.required"))
		amal.FixError(T("field.role.invalid"))
		amal.Choose(T("register.role.legend"), T("register.role.petitioner"))
		amal.Fill(T("register.name"), "Amal Haddad")
		amal.Fill(T("register.email"), "amal@example.org")
		amal.Fill(T("register.password"), webtest.Password)
		amal.PressButton(T("register.submit"))
		amal.Sees("sign-in", T("login.heading"))
		amal.SeesText(T("verify.register_done"))

		amal.Fill(T("login.email"), "amal@example.org")
		amal.Fill(T("login.password"), webtest.Password)
		amal.PressButton(T("login.submit"))
		amal.Sees("my-requests", T("dashboard.heading"))
		amal.SeesText(T("dashboard.no_requests"))
		confirmAddress(r, amal, "amal@example.org", T)

		amal.FollowLink(T("dashboard.start_access"))
		amal.Sees("start-access-request", T("new.heading"))
		amal.PressButton(T("new.start"))
		amal.Sees("task-list", T("tasks.heading"))
		amal.SeesText(T("tasks.progress", 1, 7))

		amal.FollowLink(T("task.applicant"))
		amal.Sees("section-applicant", T("task.applicant"))
		amal.Fill(T("answer.full_name.label"), "Amal Haddad")
		amal.Fill(T("answer.other_names.label"), "أمل حداد")
		amal.FillDate(T("answer.birth_date.label"), "31", "2", "1984")
		amal.Fill(T("answer.birth_place.label"), "Aleppo")
		amal.PressButton(T("form.save_continue"))
		amal.SeesErrors("section-applicant-errors", T("task.applicant"), T("answer.date_invalid"), T("answer.nationality.required"))
		amal.FixError(T("answer.date_invalid"))
		amal.FillDate(T("answer.birth_date.label"), "14", "2", "1984")
		amal.Select(T("answer.nationality.label"), syria)
		amal.PressButton(T("form.save_continue"))
		amal.Sees("task-list", T("tasks.heading"))
		amal.SeesText(T("tasks.progress", 2, 7))

		amal.FollowLink(T("task.id-document"))
		amal.Sees("section-id-document", T("task.id-document"))
		amal.Choose(T("answer.id_type.label"), T("option.id_type.passport"))
		amal.Fill(T("answer.id_number.label"), "N1234567")
		amal.Select(T("answer.id_issuer.label"), syria)
		amal.FillDate(T("answer.id_expiry.label"), "1", "6", "2030")
		amal.PressButton(T("form.save_continue"))
		amal.Sees("task-list", T("tasks.heading"))

		amal.FollowLink(T("task.contact"))
		amal.Sees("section-contact", T("task.contact"))
		amal.Fill(T("answer.contact_email.label"), "amal@example.org")
		amal.Fill(T("answer.contact_phone.label"), "+49 30 1234567")
		amal.PressButton(T("form.save_continue"))
		amal.Sees("task-list", T("tasks.heading"))

		amal.FollowLink(T("task.data"))
		amal.Sees("section-data", T("task.data"))
		amal.Check(T("option.data_kind.wanted_diffusion"))
		amal.Select(T("answer.source_country.label"), turkey)
		amal.Choose(T("answer.learned_how.label"), T("option.learned_how.border_stop"))
		amal.Fill(T("answer.learned_details.label"), "Stopped at Frankfurt airport in January.")
		amal.PressButton(T("form.save_continue"))
		amal.Sees("task-list", T("tasks.heading"))

		// The request's working language is hers to choose, apart from the
		// language she reads the portal in: here the same one.
		amal.FollowLink(T("task.language"))
		amal.Sees("section-language", T("task.language"))
		amal.Choose(T("answer.language.label"), T("option.language."+tag))
		amal.PressButton(T("form.save_continue"))
		amal.Sees("task-list", T("tasks.heading"))
		amal.SeesText(T("tasks.progress", 6, 7))

		amal.FollowLink(T("task.documents"))
		amal.Sees("documents", T("task.documents"))
		amal.SeesText(T("docs.none"))
		amal.PressButton(T("docs.upload"))
		amal.SeesErrors("documents-errors", T("task.documents"), T("upload.doc_type_required"), T("upload.no_file"))
		amal.FixError(T("upload.doc_type_required"))
		amal.Choose(T("docs.type"), T("doctype.identity"))
		amal.Fill(T("docs.description"), "Passport, pages 1 and 2")
		amal.Check(T("docs.confidential"))
		amal.Upload(T("docs.file"), passport)
		amal.PressButton(T("docs.upload"))
		amal.Sees("documents-uploaded", T("task.documents"))
		amal.SeesText(T("docs.uploaded_flash"))
		amal.SeesUnder(T("docs.uploaded"), "passport.pdf")
		amal.SeesUnder(T("docs.uploaded"), T("docs.confidential_tag"))
		amal.FollowLink(T("docs.done"))
		amal.Sees("task-list-complete", T("tasks.heading"))
		amal.SeesText(T("tasks.progress", 7, 7))

		amal.FollowLink(T("task.check"))
		amal.Sees("check-answers", T("check.heading"))
		amal.SeesUnder(T("task.applicant"), "Amal Haddad")
		amal.SeesUnder(T("task.applicant"), date(1984, time.February, 14))
		amal.SeesUnder(T("task.data"), T("option.data_kind.wanted_diffusion"))
		amal.SeesUnder(T("task.data"), turkey)
		amal.SeesUnder(T("task.documents"), "passport.pdf")
		amal.PressButton(T("check.submit"))
		amal.SeesErrors("check-answers-errors", T("check.heading"), T("check.declaration_required"))
		amal.FixError(T("check.declaration_required"))
		amal.Check(T("check.declaration"))
		amal.PressButton(T("check.submit"))

		amal.Sees("confirmation", T("confirm.heading"))
		amal.SeesText(T("confirm.your_reference"))
		amal.SeesText("CCF-2026-000001")
		amal.SeesUnder(T("confirm.next_heading"), strings.TrimSpace(T("confirm.next_time_limit_access")))
		amal.FollowLink(T("confirm.view_case"))
		amal.Sees("case", "CCF-2026-000001")
		amal.SeesText(T("status.submitted"))
		amal.SeesUnder(T("case.timeline"), views.Message(ctx, "event.submitted", "CCF-2026-000001"))
		amal.SeesUnder(T("task.documents"), "passport.pdf")
		amal.SeesUnder(T("task.applicant"), date(1984, time.February, 14))
	}
}
