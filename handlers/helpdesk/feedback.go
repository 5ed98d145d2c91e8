package helpdesk

import (
	"net/http"

	"github.com/labstack/echo/v4"

	rules "github.com/ccf-portal/ccfportal/db/domain/helpdesk"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowFeedback shows the feedback form, remembering the page it was opened
// from so that sending returns there.
func (h *Handlers) ShowFeedback(c echo.Context) error {
	f := views.Form{Values: map[string]string{"from": rules.FeedbackPage(handlers.SafeNext(c.QueryParam("from")))}}
	return h.Render(c, http.StatusOK, views.FeedbackPage(f))
}

// SendFeedback keeps the message, without any account or address, and
// returns to the page it came from.
func (h *Handlers) SendFeedback(c echo.Context) error {
	from := rules.FeedbackPage(handlers.SafeNext(c.FormValue("from")))
	body := formText(c, "body")
	if errs := rules.ValidateFeedback(body); errs.Any() {
		f := views.Form{Values: map[string]string{"from": from, "body": body}, Errors: errs}
		return h.Render(c, http.StatusUnprocessableEntity, views.FeedbackPage(f))
	}
	if err := h.DB.SendFeedback(c.Request().Context(), from, body); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "feedback.sent"); err != nil {
		return err
	}
	if from == "" {
		from = "/"
	}
	return handlers.Redirect(c, from)
}

// StaffFeedback lists the newest feedback for staff.
func (h *Handlers) StaffFeedback(c echo.Context) error {
	list, err := h.DB.LatestFeedback(c.Request().Context(), staffListLimit)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffFeedbackPage(list))
}
