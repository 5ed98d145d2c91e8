// Package publish holds the pages of published decisions: the Chamber's
// form for a case's anonymised excerpt, the staff list where a second
// staff member approves a draft or any staff member withdraws a public
// one, and the public list at /decisions.
package publish

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/publish"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serve the published decisions.
type Handlers struct{ *handlers.Handlers }

// New returns the handlers over h.
func New(h *handlers.Handlers) *Handlers { return &Handlers{Handlers: h} }

// Public lists the published decisions matching the query's filter.
func (h *Handlers) Public(c echo.Context) error {
	page, err := h.DB.Publications.Public(c.Request().Context(), rules.ParseFilter(c.QueryParams()))
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.DecisionsPage(page))
}

// ShowForm shows the publication form of the case named by :id.
func (h *Handlers) ShowForm(c echo.Context) error {
	id, err := param(c, "id")
	if err != nil {
		return err
	}
	p, err := h.DB.Publications.ForCase(c.Request().Context(), id)
	if err != nil {
		return err
	}
	f := views.Form{Values: map[string]string{"session": p.Session, "excerpt": p.Excerpt}}
	return h.Render(c, http.StatusOK, views.PublicationFormPage(p, f))
}

// Save keeps the excerpt as a draft waiting for approval; an excerpt that
// names the person is shown again with the kind of identifier found.
func (h *Handlers) Save(c echo.Context) error {
	id, err := param(c, "id")
	if err != nil {
		return err
	}
	in := rules.Input{Session: formText(c, "session"), Excerpt: formText(c, "excerpt")}
	ctx := c.Request().Context()
	err = h.DB.Publications.Save(ctx, *handlers.CurrentUser(c), id, in)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		p, lerr := h.DB.Publications.ForCase(ctx, id)
		if lerr != nil {
			return lerr
		}
		f := views.Form{Values: map[string]string{"session": in.Session, "excerpt": in.Excerpt}, Errors: errs}
		return h.Render(c, status, views.PublicationFormPage(p, f))
	}
	if err != nil {
		return err
	}
	return h.done(c, "publish.saved")
}

// Approve makes a draft public, unless the approver wrote it.
func (h *Handlers) Approve(c echo.Context) error {
	id, err := param(c, "pid")
	if err != nil {
		return err
	}
	if err := h.DB.Publications.Approve(c.Request().Context(), *handlers.CurrentUser(c), id); err != nil {
		return err
	}
	return h.done(c, "publish.approved")
}

// Withdraw hides a public decision.
func (h *Handlers) Withdraw(c echo.Context) error {
	id, err := param(c, "pid")
	if err != nil {
		return err
	}
	if err := h.DB.Publications.Withdraw(c.Request().Context(), *handlers.CurrentUser(c), id); err != nil {
		return err
	}
	return h.done(c, "publish.withdrawn")
}

// StaffList lists every publication for staff.
func (h *Handlers) StaffList(c echo.Context) error {
	list, err := h.DB.Publications.StaffList(c.Request().Context())
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffPublicationsPage(list))
}

// done returns to the staff list with a message.
func (h *Handlers) done(c echo.Context, flash string) error {
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffPublicationsPath)
}

// param reads a positive id from the path; anything else is not found.
func param(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return id, nil
}

func formText(c echo.Context, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(c.FormValue(name), "\r\n", "\n"))
}
