package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowDecision shows the decision form for the request's kind.
func (h *Handlers) ShowDecision(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	return h.renderDecision(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderDecision(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	if err := domain.CanDecide(r); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	return h.render(c, status, views.DecisionPage(v, f))
}

// RecordDecision records the decision with its optional document (a
// streamed upload: the form token comes first). The status machine decides
// whether the request may be decided now.
func (h *Handlers) RecordDecision(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	up, err := h.readUpload(c)
	if status, errs, ok := refusedUpload(err); ok {
		return h.renderDecision(c, status, r, views.Form{Values: map[string]string{}, Errors: errs})
	} else if err != nil {
		return err
	}
	in := domain.DecisionInput{Outcome: up.fields.Get("outcome"), Reasons: up.fields.Get("reasons"),
		Disclosure: up.fields.Get("disclosure")}
	var doc *db.ReplyFile
	if up.blob != nil {
		doc = &db.ReplyFile{Name: up.filename, Blob: up.blob}
	}
	err = h.DB.RecordDecision(c.Request().Context(), *CurrentUser(c), r.ID, in, doc, h.Blobs)
	if errs, status, ok := formErrors(c, err); ok {
		return h.renderDecision(c, status, r, views.Form{Values: up.formValues(), Errors: errs})
	} else if err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.decided")
}
