// Package admin serves the administrators' page: the staff accounts, adding
// a member (who receives a single-use link to choose their own password),
// changing a role, disabling and enabling an account, and resetting a lost
// second factor. Only the administrator role reaches it (web guards every
// route with staffrole.ManageStaff); the store audits each change.
package admin

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/staffadmin"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves the administrators' page.
type Handlers struct {
	*handlers.Handlers
}

// New returns the administrators' handlers over the shared ones.
func New(h *handlers.Handlers) *Handlers { return &Handlers{Handlers: h} }

// List shows the staff accounts and the form that adds one.
func (h *Handlers) List(c echo.Context) error {
	return h.renderList(c, http.StatusOK, views.NewForm())
}

func (h *Handlers) renderList(c echo.Context, status int, f views.Form) error {
	members, err := h.DB.StaffAdmin.Members(c.Request().Context())
	if err != nil {
		return err
	}
	return h.Render(c, status, views.StaffAdminPage(members, f))
}

// Add creates the staff account and e-mails its single-use link; the
// administrator never chooses, sees or sends a password.
func (h *Handlers) Add(c echo.Context) error {
	m := staffadmin.NewMember{Name: strings.TrimSpace(c.FormValue("name")),
		Email: domain.NormaliseEmail(c.FormValue("email")), Role: staffrole.Role(c.FormValue("role"))}
	token := rand.Text()
	link := h.PublicURL + "/password/reset/" + token
	ctx := c.Request().Context()
	_, err := h.DB.StaffAdmin.Add(ctx, handlers.CurrentUser(c).ID, m, token, h.Passwords,
		func(u domain.User) outbox.Message {
			t := views.StaffSetupMail(views.MailLocale(ctx, u.Language), link)
			return outbox.Message{To: u.Email, Subject: t.Subject, Body: t.Body}
		})
	if f, ok := formErrors(err, m); ok {
		return h.renderList(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return h.done(c, "admin.added", views.StaffAdminPath)
}

// formErrors turns the store's refusal of the new member's fields (or of
// an address already in use) into the form shown again with what was typed.
func formErrors(err error, m staffadmin.NewMember) (views.Form, bool) {
	f := views.Form{Values: map[string]string{"name": m.Name, "email": m.Email, "role": string(m.Role)}}
	var v *domain.ValidationError
	switch {
	case errors.As(err, &v):
		f.Errors = v.Fields
	case domain.ErrorCode(err) == domain.EConflict:
		f.Errors.Add("email", "admin.error.email_taken")
	default:
		return f, false
	}
	return f, true
}

// Show is one member's page: their standing and what may be done to it.
func (h *Handlers) Show(c echo.Context) error {
	m, err := h.member(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffMemberPage(m, views.NewForm()))
}

// SetRole gives the member the role chosen.
func (h *Handlers) SetRole(c echo.Context) error {
	return h.act(c, "admin.role_changed", func(ctx context.Context, actor, target int64) error {
		return h.DB.StaffAdmin.SetRole(ctx, actor, target, staffrole.Role(c.FormValue("role")))
	})
}

// ShowDisable asks to confirm, saying what disabling does.
func (h *Handlers) ShowDisable(c echo.Context) error {
	m, err := h.member(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffDisablePage(m))
}

// Disable stops the member signing in; their sessions end at once.
func (h *Handlers) Disable(c echo.Context) error {
	return h.act(c, "admin.disabled", h.DB.StaffAdmin.Disable)
}

// Enable lets the member sign in again.
func (h *Handlers) Enable(c echo.Context) error {
	return h.act(c, "admin.enabled", h.DB.StaffAdmin.Enable)
}

// ResetFactor removes the member's second factor; they enrol a new one at
// their next sign-in.
func (h *Handlers) ResetFactor(c echo.Context) error {
	return h.act(c, "admin.factor_reset", h.DB.StaffAdmin.ResetFactor)
}

// act runs one change on the member named by :uid as the signed-in
// administrator and returns to the member's page with flash.
func (h *Handlers) act(c echo.Context, flash string, do func(ctx context.Context, actor, target int64) error) error {
	id, err := memberID(c)
	if err != nil {
		return err
	}
	if err := do(c.Request().Context(), handlers.CurrentUser(c).ID, id); err != nil {
		return err
	}
	return h.done(c, flash, views.StaffMemberPath(id))
}

func (h *Handlers) done(c echo.Context, flash, to string) error {
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, to)
}

func (h *Handlers) member(c echo.Context) (staffrole.Member, error) {
	id, err := memberID(c)
	if err != nil {
		return staffrole.Member{}, err
	}
	return h.DB.StaffAdmin.Member(c.Request().Context(), id)
}

// memberID reads :uid; a malformed one is not found.
func memberID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("uid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return id, nil
}
