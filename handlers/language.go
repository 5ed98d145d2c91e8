package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// ChooseLanguage switches the interface language from the switch on every
// page: it holds for the rest of the browser session and, for a signed-in
// person, becomes the account's preference. It then returns to the page it
// was chosen on, which keeps its address: only a path on this site is
// followed, so the form cannot send anyone elsewhere.
func (h *Handlers) ChooseLanguage(c echo.Context) error {
	tag := c.FormValue("lang")
	if !i18n.Supported(tag) {
		return domain.Errorf(domain.EInvalid, "error.bad_request")
	}
	if u := CurrentUser(c); u != nil {
		if err := h.DB.SetUserLanguage(c.Request().Context(), u.ID, tag); err != nil {
			return err
		}
	}
	if err := h.Sessions.SetLanguage(c, tag); err != nil {
		return err
	}
	back := safeNext(c.FormValue("next"))
	if back == "" {
		back = "/"
	}
	return redirect(c, back)
}
