package consult

import (
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/consult"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowAdd shows the form that records a consultation sent.
func (h *Handlers) ShowAdd(c echo.Context) error { return h.show(views.ConsultAddPage)(c) }

// Add records a consultation sent: whom, what was asked, when, and when
// the reply is due (by default the configured days after the sending).
func (h *Handlers) Add(c echo.Context) error {
	return h.act(views.ConsultAddPage, "consult.flash.added", func(c echo.Context, v views.ConsultView, staff domain.User) error {
		in := rules.NewInput{Recipient: rules.Recipient(c.FormValue("recipient")), Country: c.FormValue("country"),
			Entity: c.FormValue("entity"), Question: c.FormValue("question"), SentOn: date(c, "sent_on"), ReplyDue: date(c, "reply_due")}
		_, err := h.DB.Consultations.Add(c.Request().Context(), staff, v.Request.ID, in, h.ReplyDays)
		return err
	})(c)
}

// ShowReminder shows the form that records a reminder sent.
func (h *Handlers) ShowReminder(c echo.Context) error { return h.show(views.ConsultReminderPage)(c) }

// Remind records a reminder sent on the given day.
func (h *Handlers) Remind(c echo.Context) error {
	return h.act(views.ConsultReminderPage, "consult.flash.reminded", func(c echo.Context, v views.ConsultView, staff domain.User) error {
		return h.DB.Consultations.Remind(c.Request().Context(), staff, v.Request.ID, v.Consultation.ID, date(c, "reminded_on"))
	})(c)
}

// ShowDueDate shows the form that moves the reply date.
func (h *Handlers) ShowDueDate(c echo.Context) error { return h.show(views.ConsultDuePage)(c) }

// SetDueDate moves the reply date of an open consultation.
func (h *Handlers) SetDueDate(c echo.Context) error {
	return h.act(views.ConsultDuePage, "consult.flash.due_moved", func(c echo.Context, v views.ConsultView, staff domain.User) error {
		return h.DB.Consultations.SetDueDate(c.Request().Context(), staff, v.Request.ID, v.Consultation.ID, date(c, "reply_due"))
	})(c)
}

// ShowNoReply asks staff to confirm that no reply came by the due date.
func (h *Handlers) ShowNoReply(c echo.Context) error { return h.show(views.ConsultNoReplyPage)(c) }

// MarkNoReply records that no reply came; refused before the due date.
func (h *Handlers) MarkNoReply(c echo.Context) error {
	return h.act(views.ConsultNoReplyPage, "consult.flash.no_reply", func(c echo.Context, v views.ConsultView, staff domain.User) error {
		return h.DB.Consultations.MarkNoReply(c.Request().Context(), staff, v.Request.ID, v.Consultation.ID)
	})(c)
}

// ShowReply shows the form that records the reply received.
func (h *Handlers) ShowReply(c echo.Context) error { return h.show(views.ConsultReplyPage)(c) }

// Reply records the reply received, with its optional document (a
// streamed upload: the form token comes first).
func (h *Handlers) Reply(c echo.Context) error {
	v, err := h.page(c)
	if err != nil {
		return err
	}
	up, status, errs, err := h.ReadUpload(c)
	if err != nil {
		return err
	}
	if errs.Any() {
		return h.Render(c, status, views.ConsultReplyPage(v, views.Form{Values: up.Values, Errors: errs}))
	}
	f := up.Fields
	in := rules.ReplyInput{Summary: f.Get("summary"), Restriction: f.Get("restriction"),
		ReceivedOn: domain.ParseDateParts(f.Get("received_on-day"), f.Get("received_on-month"), f.Get("received_on-year"))}
	var doc *consult.File
	if up.Blob != nil {
		doc = &consult.File{Name: up.Filename, Blob: up.Blob}
	}
	err = h.DB.Consultations.Reply(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, v.Consultation.ID, in, doc, h.Blobs)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.ConsultReplyPage(v, views.Form{Values: up.Values, Errors: errs}))
	} else if err != nil {
		return err
	}
	return h.done(c, v.Request, "consult.flash.replied")
}

// Download streams a reply's document to staff; the download is recorded
// in the audit log before a byte is sent.
func (h *Handlers) Download(c echo.Context) error {
	v, err := h.page(c)
	if err != nil {
		return err
	}
	d, err := h.DB.Consultations.Document(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, v.Consultation.ID)
	if err != nil {
		return err
	}
	return h.StreamStaffFile(c, d.ID, d.StorageKey, d.SHA256, "consultation-reply", d.ContentType, d.Name, d.Size)
}
