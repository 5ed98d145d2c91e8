// Package chamber holds the staff desk's pages for the Requests Chamber's
// sessions: the list of sessions, creating one, and a session's agenda --
// the cases put before the Chamber, with what it needs to read of each,
// printable -- where the secretariat puts ready cases on and takes them
// off. Every page is staff-only.
package chamber

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/chamber"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers are the sessions' pages.
type Handlers struct{ *handlers.Handlers }

// New returns the sessions' pages over h.
func New(h *handlers.Handlers) *Handlers { return &Handlers{Handlers: h} }

// List shows every session, upcoming ones first.
func (h *Handlers) List(c echo.Context) error {
	list, err := h.DB.Chamber.Sessions(c.Request().Context())
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.SessionsPage(views.SessionsView{Sessions: list, Now: h.DB.Clock.Now()}))
}

// ShowNew shows the form that creates a session, with the next free
// number of the current year.
func (h *Handlers) ShowNew(c echo.Context) error {
	list, err := h.DB.Chamber.Sessions(c.Request().Context())
	if err != nil {
		return err
	}
	f := views.NewForm()
	f.Values["number"] = strconv.Itoa(rules.NextNumber(list, h.DB.Clock.Now().UTC().Year()))
	return h.Render(c, http.StatusOK, views.SessionNewPage(f))
}

// Create records a new session and shows its (empty) agenda.
func (h *Handlers) Create(c echo.Context) error {
	in := rules.NewInput{Number: c.FormValue("number"), StartsOn: date(c, "starts_on"), EndsOn: date(c, "ends_on")}
	id, err := h.DB.Chamber.Create(c.Request().Context(), *handlers.CurrentUser(c), in)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.SessionNewPage(posted(c, errs)))
	} else if err != nil {
		return err
	}
	return h.done(c, id, "chamber.flash.created")
}

// ShowAgenda shows a session's agenda.
func (h *Handlers) ShowAgenda(c echo.Context) error {
	return h.agenda(c, http.StatusOK, views.NewForm())
}

func (h *Handlers) agenda(c echo.Context, status int, f views.Form) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	a, err := h.DB.Chamber.Agenda(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return h.Render(c, status, views.AgendaPage(views.AgendaView{Agenda: a, Now: h.DB.Clock.Now()}, f))
}

// Place puts the case named by its reference on the session's agenda.
func (h *Handlers) Place(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	err = h.DB.Chamber.Place(c.Request().Context(), *handlers.CurrentUser(c), id, c.FormValue("reference"))
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.agenda(c, status, posted(c, errs))
	} else if err != nil {
		return err
	}
	return h.done(c, id, "chamber.flash.placed")
}

// TakeOff removes a case from the session's agenda.
func (h *Handlers) TakeOff(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	rid, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || rid <= 0 {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	err = h.DB.Chamber.TakeOff(c.Request().Context(), *handlers.CurrentUser(c), id, rid)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.agenda(c, status, posted(c, errs))
	} else if err != nil {
		return err
	}
	return h.done(c, id, "chamber.flash.removed")
}

// done confirms an action and shows the session's agenda.
func (h *Handlers) done(c echo.Context, sessionID int64, flash string) error {
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, views.SessionPath(sessionID))
}

func sessionID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("sid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return id, nil
}

// posted is the posted form again, for re-display with its problems.
func posted(c echo.Context, errs domain.FieldErrors) views.Form {
	f := views.NewForm()
	for k, vs := range c.Request().PostForm {
		if k != "_csrf" {
			f.Values[k] = strings.Join(vs, ",")
		}
	}
	f.Errors = errs
	return f
}

// date reads a day, month and year input group as an ISO date.
func date(c echo.Context, name string) string {
	return domain.ParseDateParts(c.FormValue(name+"-day"), c.FormValue(name+"-month"), c.FormValue(name+"-year"))
}
