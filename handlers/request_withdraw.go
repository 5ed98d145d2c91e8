package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowWithdraw asks the filer to confirm the withdrawal of a pending
// request, saying what it means, with an optional reason.
func (h *Handlers) ShowWithdraw(c echo.Context) error {
	r, err := h.loadWithdrawable(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.WithdrawPage(r, views.NewForm()))
}

// Withdraw withdraws the request once confirmed on its page.
func (h *Handlers) Withdraw(c echo.Context) error {
	r, err := h.loadWithdrawable(c)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(c.FormValue("reason"))
	if errs := domain.ValidateWithdrawReason(reason); errs.Any() {
		f := views.Form{Values: map[string]string{"reason": reason}, Errors: errs}
		return h.render(c, http.StatusUnprocessableEntity, views.WithdrawPage(r, f))
	}
	if err := h.DB.Withdraw(c.Request().Context(), r, *CurrentUser(c), reason); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "withdraw.done"); err != nil {
		return err
	}
	return redirect(c, requestPath(r))
}

// loadWithdrawable loads a request of the filer's that may be withdrawn.
func (h *Handlers) loadWithdrawable(c echo.Context) (domain.Request, error) {
	r, err := h.loadRequest(c)
	if err != nil {
		return r, err
	}
	return r, domain.CanFilerWithdraw(r)
}
