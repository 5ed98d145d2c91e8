package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowNote shows the form for an internal note or consultation.
func (h *Handlers) ShowNote(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	f := views.NewForm()
	f.Values["kind"] = domain.NoteInternal
	return h.renderNote(c, http.StatusOK, r, f)
}

func (h *Handlers) renderNote(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.NotePage(v, f))
}

// AddNote records an internal note or a consultation with the source NCB
// or the General Secretariat. Applicants never see them.
func (h *Handlers) AddNote(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	err = h.DB.AddNote(c.Request().Context(), *CurrentUser(c), r.ID, c.FormValue("kind"), c.FormValue("body"))
	if errs, status, ok := formErrors(c, err); ok {
		f := postedForm(c)
		f.Errors = errs
		return h.renderNote(c, status, r, f)
	} else if err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.note_added")
}
