// Package paper holds the pages for cases the CCF received by e-mail or
// post: the secretariat's import form, the invitations on an imported
// case (the code shown to staff once, to send by their own channel), and
// the page where a signed-in petitioner or counsel redeems a code.
package paper

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/paper"
	"github.com/ccf-portal/ccfportal/db/paper"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers are the pages of imported cases and their invitations.
type Handlers struct {
	*handlers.Handlers
	keys paper.Keys
}

// New returns the pages over h; codes are hashed with key, and an
// invitation lasts validDays (rules.DefaultValidDays if 0 or less).
func New(h *handlers.Handlers, key []byte, validDays int) *Handlers {
	if validDays <= 0 {
		validDays = rules.DefaultValidDays
	}
	return &Handlers{Handlers: h, keys: paper.Keys{Key: key, ValidDays: validDays}}
}

// ShowImport shows the empty import form.
func (h *Handlers) ShowImport(c echo.Context) error {
	return h.importPage(c, http.StatusOK, views.NewForm())
}

func (h *Handlers) importPage(c echo.Context, status int, f views.Form) error {
	return h.Render(c, status, views.PaperImportPage(views.PaperImportView{Form: f, MaxUpMB: h.MaxUpload / 1_000_000}))
}

// Import records a case received by e-mail or post with its documents;
// a refusal shows the form again with its problems, and nothing is kept.
func (h *Handlers) Import(c echo.Context) error {
	form, err := h.readImport(c)
	if refused, ok := err.(*refusedFile); ok {
		var errs domain.FieldErrors
		errs.Add(refused.field, refused.err.Message, refused.err.Args...)
		status := http.StatusUnprocessableEntity
		if refused.err.Code == domain.ETooLarge {
			status = http.StatusRequestEntityTooLarge
		}
		return h.importPage(c, status, views.Form{Values: form.values(), Errors: errs})
	} else if err != nil {
		return err
	}
	f := form.fields
	in := rules.Import{Channel: rules.Channel(f.Get("channel")), Reference: f.Get("reference"), Kind: domain.Kind(f.Get("kind")),
		ReceivedOn: domain.ParseDateParts(f.Get("received_on-day"), f.Get("received_on-month"), f.Get("received_on-year")),
		AlsoAccess: f.Get("also_access") == "yes", Applicant: domain.Answers{}}
	for _, name := range rules.ApplicantFieldNames() {
		in.Applicant[name] = f.Get(name)
	}
	in.Applicant["birth_date"] = domain.ParseDateParts(f.Get("birth_date-day"), f.Get("birth_date-month"), f.Get("birth_date-year"))
	for i := range form.files {
		form.files[i].Type = domain.DocType(f.Get(rules.DocTypeField(i)))
	}
	id, err := h.DB.Paper.Import(c.Request().Context(), *handlers.CurrentUser(c), in, form.files, h.Blobs)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.importPage(c, status, views.Form{Values: form.values(), Errors: errs})
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "paper.flash.imported"); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffCasePath(id))
}

// Panel loads an imported case's mark and invitations for the staff case
// page, which shows them when they are there.
func (h *Handlers) Panel(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil || id <= 0 {
			return next(c)
		}
		ctx := c.Request().Context()
		mark, invitations, err := h.DB.Paper.Case(ctx, id)
		if err != nil {
			return err
		}
		if mark != nil {
			p := &views.PaperPanel{RequestID: id, Channel: mark.Channel, ReceivedOn: mark.ReceivedOn, ImportedBy: mark.ImportedBy,
				Invitations: invitations, Now: h.DB.Clock.Now()}
			c.SetRequest(c.Request().WithContext(views.WithPaperPanel(ctx, p)))
		}
		return next(c)
	}
}

// Invite creates an invitation on an imported case and shows its code,
// this once: the page is never stored by the browser.
func (h *Handlers) Invite(c echo.Context) error {
	r, err := h.StaffRequest(c)
	if err != nil {
		return err
	}
	who := rules.Invitee(c.FormValue("invitee"))
	code, err := h.DB.Paper.Invite(c.Request().Context(), *handlers.CurrentUser(c), r.ID, who, h.keys)
	if _, _, ok := handlers.FormErrors(c, err); ok {
		if err := h.Sessions.Flash(c, "paper.flash.choose_invitee"); err != nil {
			return err
		}
		return handlers.Redirect(c, views.StaffCasePath(r.ID)+"#paper-heading")
	} else if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return h.Render(c, http.StatusOK, views.PaperCodePage(views.PaperCodeView{Request: r, Code: code, For: who,
		ExpiresAt: rules.ExpiresAt(h.DB.Clock.Now(), h.keys.ValidDays)}))
}

// Revoke withdraws a pending invitation.
func (h *Handlers) Revoke(c echo.Context) error {
	r, err := h.StaffRequest(c)
	if err != nil {
		return err
	}
	iid, err := strconv.ParseInt(c.Param("iid"), 10, 64)
	if err != nil || iid <= 0 {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	if err := h.DB.Paper.Revoke(c.Request().Context(), *handlers.CurrentUser(c), r.ID, iid); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "paper.flash.revoked"); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffCasePath(r.ID)+"#paper-heading")
}

// ShowRedeem shows the form that takes an invitation code.
func (h *Handlers) ShowRedeem(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.PaperRedeemPage(views.NewForm()))
}

// Redeem links the case of a valid code to the signed-in account and
// opens it; every code that cannot be used gets the same refusal.
func (h *Handlers) Redeem(c echo.Context) error {
	u := *handlers.CurrentUser(c)
	id, err := h.DB.Paper.Redeem(c.Request().Context(), u, c.FormValue("code"), handlers.LoginClient(c), h.keys)
	if err != nil {
		var errs domain.FieldErrors
		status := http.StatusUnprocessableEntity
		switch e, _ := err.(*domain.Error); {
		case e != nil && e.Code == domain.ETooMany:
			errs.Add("code", e.Message, e.Args...)
			status = http.StatusTooManyRequests
		case e != nil && e.Code == domain.EInvalid:
			errs.Add("code", e.Message)
		default:
			return err
		}
		return h.Render(c, status, views.PaperRedeemPage(views.Form{Values: map[string]string{}, Errors: errs}))
	}
	flash := "paper.flash.redeemed"
	if u.Role == domain.RoleCounsel {
		flash = "paper.flash.redeemed_counsel"
	}
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, "/requests/"+strconv.FormatInt(id, 10))
}
