package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// staffRequest loads the case named by :id for a staff action form. Drafts
// are invisible to staff. The forms show only the reference, so loading
// them is not recorded as a read; the action itself is.
func (h *Handlers) staffRequest(c echo.Context) (domain.Request, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return domain.Request{}, err
	}
	return h.DB.RequestForUser(c.Request().Context(), id, *CurrentUser(c))
}

// staffView is the action view of r with its outcome so far.
func (h *Handlers) staffView(c echo.Context, r domain.Request) (views.StaffActionView, error) {
	o, err := h.DB.CaseOutcomeOf(c.Request().Context(), r.ID)
	return views.StaffActionView{Request: r, Outcome: o, Now: h.DB.Clock.Now(), MaxUpMB: h.MaxUpload / 1_000_000}, err
}

// postedForm returns the posted fields for re-display, several values of
// one name joined by commas (checkbox groups).
func postedForm(c echo.Context) views.Form {
	f := views.NewForm()
	for k, vs := range c.Request().PostForm {
		if k != "_csrf" {
			f.Values[k] = strings.Join(vs, ",")
		}
	}
	return f
}

// formErrors turns a refused staff action into problems for its form: a
// field's problem beside the field (422), a step the status machine or a
// rule refuses at the top of the form (409). Other errors are not form
// errors.
func formErrors(c echo.Context, err error) (domain.FieldErrors, int, bool) {
	if errs, ok := fieldErrors(err); ok {
		return errs, http.StatusUnprocessableEntity, true
	}
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.EConflict {
		return nil, 0, false
	}
	var errs domain.FieldErrors
	errs.Add("action-form", e.Message, statusArgs(c, e.Args)...)
	return errs, http.StatusConflict, true
}

// statusArgs names statuses in the reader's language, for the status
// machine's "cannot become" message.
func statusArgs(c echo.Context, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		ctx := c.Request().Context()
		if s, ok := a.(string); ok && views.Locale(ctx).Has("staff.status."+s) {
			out[i] = views.T(ctx, "staff.status."+s)
			continue
		}
		if s, ok := a.(string); ok && views.Locale(ctx).Has("status."+s) {
			out[i] = views.T(ctx, "status."+s)
			continue
		}
		out[i] = a
	}
	return out
}

// flashAndReturn confirms an action and goes back to the case.
func (h *Handlers) flashAndReturn(c echo.Context, r domain.Request, key string) error {
	if err := h.Sessions.Flash(c, key); err != nil {
		return err
	}
	return redirect(c, views.StaffCasePath(r.ID))
}
