package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/views"
)

// replyFormKey carries a refused reply back to the case page.
const replyFormKey = "ccf.reply_form"

// ReplyToClarification takes the applicant's answer to a clarification:
// text and files, streamed (the form token first), recorded with the
// answer in one transaction. A refused answer shows on the case page with
// what was typed.
func (h *Handlers) ReplyToClarification(c echo.Context) error {
	r, err := h.loadRequest(c)
	if err != nil {
		return err
	}
	up, err := h.readUploadFiles(c, views.ReplyFileInputs...)
	if _, errs, ok := refusedUpload(err); ok {
		return h.showReplyErrors(c, views.Form{Values: map[string]string{}, Errors: errs})
	} else if err != nil {
		return err
	}
	files := replyFiles(up)
	err = h.DB.ReplyToClarification(c.Request().Context(), r, *CurrentUser(c), up.fields.Get("body"), files, h.Blobs)
	if errs, ok := fieldErrors(err); ok {
		return h.showReplyErrors(c, views.Form{Values: up.formValues(), Errors: errs})
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "clarify.reply_sent"); err != nil {
		return err
	}
	return redirect(c, requestPath(r))
}

// replyFiles lists the staged files of the reply form in input order.
func replyFiles(up uploadForm) []db.ReplyFile {
	var out []db.ReplyFile
	if up.blob != nil {
		out = append(out, db.ReplyFile{Name: up.filename, Blob: up.blob})
	}
	for _, name := range views.ReplyFileInputs[1:] {
		if f := up.extra[name]; f != nil {
			out = append(out, db.ReplyFile{Name: f.filename, Blob: f.blob})
		}
	}
	return out
}

func (h *Handlers) showReplyErrors(c echo.Context, f views.Form) error {
	c.Set(replyFormKey, f)
	return h.ShowRequest(c)
}

// caseStatus is 422 when the case page shows a refused reply.
func caseStatus(c echo.Context) int {
	if _, ok := c.Get(replyFormKey).(views.Form); ok {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}
