package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/views"
)

// GrantApplicantAccess invites a colleague of the same firm to an
// applicant's cases.
func (h *Handlers) GrantApplicantAccess(c echo.Context) error {
	a, err := h.loadApplicant(c)
	if err != nil {
		return err
	}
	email := c.FormValue("email")
	err = h.DB.GrantAccess(c.Request().Context(), a, *CurrentUser(c), email, h.accessGranted())
	if fields, ok := fieldErrors(err); ok {
		fields[0].Field = "email"
		return h.renderApplicant(c, http.StatusUnprocessableEntity, a, views.Form{Values: map[string]string{"email": email}, Errors: fields})
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "access.granted"); err != nil {
		return err
	}
	return redirect(c, views.ApplicantPath(a))
}

// RevokeApplicantAccess withdraws someone's access to an applicant's cases.
func (h *Handlers) RevokeApplicantAccess(c echo.Context) error {
	a, err := h.loadApplicant(c)
	if err != nil {
		return err
	}
	uid, err := paramID(c, "uid")
	if err != nil {
		return err
	}
	if err := h.DB.RevokeAccess(c.Request().Context(), a, *CurrentUser(c), uid, inbox.AccessRevoked()); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "access.revoked"); err != nil {
		return err
	}
	return redirect(c, views.ApplicantPath(a))
}

// ShowRepresentation lets a petitioner see and appoint the counsel who act
// for them.
func (h *Handlers) ShowRepresentation(c echo.Context) error {
	return h.renderRepresentation(c, http.StatusOK, views.NewForm())
}

func (h *Handlers) renderRepresentation(c echo.Context, status int, f views.Form) error {
	a, err := h.DB.SelfApplicant(c.Request().Context(), *CurrentUser(c))
	if err != nil {
		return err
	}
	grants, err := h.DB.Grants(c.Request().Context(), a.ID)
	if err != nil {
		return err
	}
	return h.render(c, status, views.RepresentationPage(grants, f))
}

// GrantRepresentation gives the counsel with that email access to all the
// petitioner's cases.
func (h *Handlers) GrantRepresentation(c echo.Context) error {
	u := *CurrentUser(c)
	a, err := h.DB.SelfApplicant(c.Request().Context(), u)
	if err != nil {
		return err
	}
	email := c.FormValue("email")
	err = h.DB.GrantAccess(c.Request().Context(), a, u, email, h.accessGranted())
	if fields, ok := fieldErrors(err); ok {
		fields[0].Field = "email"
		return h.renderRepresentation(c, http.StatusUnprocessableEntity, views.Form{Values: map[string]string{"email": email}, Errors: fields})
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "access.granted"); err != nil {
		return err
	}
	return redirect(c, "/representation")
}

// RevokeRepresentation withdraws counsel's access to the petitioner's cases.
func (h *Handlers) RevokeRepresentation(c echo.Context) error {
	u := *CurrentUser(c)
	a, err := h.DB.SelfApplicant(c.Request().Context(), u)
	if err != nil {
		return err
	}
	uid, err := paramID(c, "uid")
	if err != nil {
		return err
	}
	if err := h.DB.RevokeAccess(c.Request().Context(), a, u, uid, inbox.AccessRevoked()); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "access.revoked"); err != nil {
		return err
	}
	return redirect(c, "/representation")
}
