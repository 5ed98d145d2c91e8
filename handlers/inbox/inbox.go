// Package inbox serves an applicant's inbox: the notifications of what
// happened on their requests, the portal's first channel to them (the
// e-mail only says there is news).
package inbox

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	dbinbox "github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/db/paper"
	"github.com/ccf-portal/ccfportal/db/retention"
	"github.com/ccf-portal/ccfportal/db/staffnotice"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves the inbox.
type Handlers struct{ *handlers.Handlers }

// New returns the inbox handlers over the shared ones.
func New(h *handlers.Handlers) *Handlers { return &Handlers{Handlers: h} }

// shown is how many entries the inbox lists.
const shown = 100

// messageKeys name each kind of notification in the catalogue.
var messageKeys = map[dbinbox.Kind]string{
	dbinbox.KindReceived:      "inbox.kind.received",
	dbinbox.KindClarification: "inbox.kind.clarification",
	dbinbox.KindHelpAnswer:    "inbox.kind.help_answer",
	dbinbox.KindReplyReminder: "inbox.kind.reply_reminder",
	dbinbox.KindAccessGranted: "inbox.kind.access_granted",
	dbinbox.KindAccessRevoked: "inbox.kind.access_revoked",
	dbinbox.KindDecisionSent:  "inbox.kind.decision_sent",
	dbinbox.KindMeasures:      "inbox.kind.measures",
	// A draft's end (db/retention).
	retention.KindDraftExpiring: "inbox.kind.draft_expiring",
	retention.KindDraftDeleted:  "inbox.kind.draft_deleted",
	dbinbox.KindExtended:        "inbox.kind.time_limit_extended",
	dbinbox.KindMoreTime:        "inbox.kind.more_time_answered",
	dbinbox.KindCertificate:     "inbox.kind.certificate",
}

// notePath is where a notification leads: the request it is about, the
// help page for an answer to a help request, the record shared, or the
// dashboard once access to a record is withdrawn or a draft deleted.
func notePath(n dbinbox.Note) string {
	switch n.Kind {
	case dbinbox.KindHelpAnswer:
		return views.HelpAskPath
	case dbinbox.KindAccessGranted:
		return fmt.Sprintf("/applicants/%d", n.ApplicantID)
	case dbinbox.KindAccessRevoked, retention.KindDraftDeleted:
		return "/dashboard"
	}
	return fmt.Sprintf("/requests/%d", n.RequestID)
}

// Show lists the notifications, marking the new ones, and counts them read
// from then on.
func (h *Handlers) Show(c echo.Context) error {
	entries, err := h.entries(c, messageKeys, notePath)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.InboxPage(entries))
}

// staffKeys name each kind of staff notification in the catalogue.
var staffKeys = map[dbinbox.Kind]string{
	staffnotice.KindConsultationOverdue: "staffnotice.kind.consultation_overdue",
	paper.KindRedeemed:                  "paper.notice.redeemed",
}

// ShowStaff lists a staff member's notifications, each leading to its
// case on the desk, and counts them read from then on.
func (h *Handlers) ShowStaff(c echo.Context) error {
	entries, err := h.entries(c, staffKeys, func(n dbinbox.Note) string {
		return fmt.Sprintf("/staff/requests/%d", n.RequestID)
	})
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffNotificationsPage(entries))
}

// entries reads the signed-in account's latest notifications of the kinds
// keys names, and marks them all read.
func (h *Handlers) entries(c echo.Context, keys map[dbinbox.Kind]string, path func(dbinbox.Note) string) ([]views.InboxEntry, error) {
	user := handlers.CurrentUser(c)
	ctx := c.Request().Context()
	notes, err := h.DB.InboxEntries(ctx, user.ID, shown)
	if err != nil {
		return nil, err
	}
	entries := make([]views.InboxEntry, 0, len(notes))
	for _, n := range notes {
		if key, ok := keys[n.Kind]; ok {
			entries = append(entries, views.InboxEntry{MessageKey: key, Path: path(n), At: n.CreatedAt, Unread: !n.Read})
		}
	}
	if len(notes) > 0 {
		err = h.DB.MarkInboxRead(ctx, user.ID, notes[0].ID)
	}
	return entries, err
}

// SetEmailNews turns the account's "there is news" e-mail on or off, from
// the account page.
func (h *Handlers) SetEmailNews(c echo.Context) error {
	on := c.FormValue("email_news") == "on"
	if err := h.DB.SetEmailNews(c.Request().Context(), handlers.CurrentUser(c).ID, on); err != nil {
		return err
	}
	flash := "inbox.email_news.saved_off"
	if on {
		flash = "inbox.email_news.saved_on"
	}
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, "/account")
}
