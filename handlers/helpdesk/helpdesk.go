// Package helpdesk serves help requests: a signed-in person asks the CCF's
// secretariat a question about using the portal and reads the answer there;
// staff list the questions and answer each once.
package helpdesk

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/helpdesk"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// staffListLimit bounds the staff list: open questions come first, so the
// bound only ever leaves out old answered ones.
const staffListLimit = 200

// Handlers serves the help requests.
type Handlers struct {
	*handlers.Handlers
}

// ShowAsk shows the question form and the person's questions.
func (h *Handlers) ShowAsk(c echo.Context) error {
	return h.renderAsk(c, http.StatusOK, views.NewForm())
}

// Ask stores a question and returns to the page, which lists it.
func (h *Handlers) Ask(c echo.Context) error {
	topic := c.FormValue("topic")
	body := formText(c, "body")
	if errs := rules.ValidateQuestion(topic, body); errs.Any() {
		f := views.Form{Values: map[string]string{"topic": topic, "body": body}, Errors: errs}
		return h.renderAsk(c, http.StatusUnprocessableEntity, f)
	}
	if _, err := h.DB.AskHelp(c.Request().Context(), *handlers.CurrentUser(c), topic, body); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "helpdesk.sent"); err != nil {
		return err
	}
	return handlers.Redirect(c, views.HelpAskPath)
}

func (h *Handlers) renderAsk(c echo.Context, status int, f views.Form) error {
	mine, err := h.DB.MyHelpRequests(c.Request().Context(), handlers.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	return h.Render(c, status, views.HelpAskPage(f, mine))
}

// StaffList lists the questions for staff, open ones first.
func (h *Handlers) StaffList(c echo.Context) error {
	list, err := h.DB.HelpRequestsForStaff(c.Request().Context(), staffListLimit)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffHelpPage(list))
}

// ShowAnswer shows one question with the answer form.
func (h *Handlers) ShowAnswer(c echo.Context) error {
	q, err := h.load(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffHelpRequestPage(q, views.NewForm()))
}

// Answer records the staff member's answer, which the person then reads on
// their help page.
func (h *Handlers) Answer(c echo.Context) error {
	q, err := h.load(c)
	if err != nil {
		return err
	}
	answer := formText(c, "answer")
	if errs := rules.ValidateAnswer(answer); errs.Any() {
		f := views.Form{Values: map[string]string{"answer": answer}, Errors: errs}
		return h.Render(c, http.StatusUnprocessableEntity, views.StaffHelpRequestPage(q, f))
	}
	if err := h.DB.AnswerHelp(c.Request().Context(), *handlers.CurrentUser(c), q.ID, answer,
		handlers.NewsTo(context.Background(), h.PublicURL)); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "helpdesk.staff.sent"); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffHelpPath)
}

// formText reads a text box's value as the store keeps text: trimmed, with
// the browser's line breaks made "\n".
func formText(c echo.Context, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(c.FormValue(name), "\r\n", "\n"))
}

// load reads the question named by :id; a malformed id is not found.
func (h *Handlers) load(c echo.Context) (rules.Request, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return rules.Request{}, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return h.DB.HelpRequest(c.Request().Context(), *handlers.CurrentUser(c), id)
}
