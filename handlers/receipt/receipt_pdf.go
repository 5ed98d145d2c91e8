package receipt

import (
	"bytes"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// PDF sends the receipt as a PDF file in the reader's language, Arabic
// set right to left with its letters joined. It is made whole before the
// first byte is sent, so a failure is an error page, not half a file.
func (h *Handlers) PDF(c echo.Context) error {
	rc, err := h.load(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	loc := views.Locale(ctx)
	var buf bytes.Buffer
	if err := writePDF(&buf, views.ReceiptPrint(ctx, rc), loc.Tag, views.T(ctx, "receipt.title", rc.Request.Reference), loc.Dir == "rtl"); err != nil {
		return domain.Internal(err)
	}
	hdr := c.Response().Header()
	hdr.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "receipt-" + rc.Request.Reference + ".pdf"}))
	hdr.Set(echo.HeaderXContentTypeOptions, "nosniff")
	return c.Blob(http.StatusOK, "application/pdf", buf.Bytes())
}
