package paper

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/paper"
	"github.com/ccf-portal/ccfportal/db/paper"
)

// Limits of the import form's ordinary fields, as on every upload form.
const (
	maxFieldBytes = 8 << 10
	maxFields     = 64
)

// importForm is the import form read as a stream: its fields and its
// documents staged encrypted, by slot (a nil Blob for an empty slot).
type importForm struct {
	fields url.Values
	files  []paper.File
}

// discard removes every staged file of an abandoned form.
func (f *importForm) discard(blobs *blob.Store) {
	for _, x := range f.files {
		if x.Blob != nil {
			blobs.Discard(x.Blob)
		}
	}
	f.files = nil
}

// values are the fields for re-display.
func (f importForm) values() map[string]string {
	out := map[string]string{}
	for k, vs := range f.fields {
		if k != "_csrf" {
			out[k] = strings.Join(vs, ",")
		}
	}
	return out
}

// refusedFile is a document the blob store refused (type, size,
// content), told on its own input.
type refusedFile struct {
	field string
	err   *domain.Error
}

func (r *refusedFile) Error() string { return "refused file " + r.field + ": " + r.err.Message }

// readImport parses the import form as a stream. The form token must be
// the first part and is checked before anything else is read; each file
// goes straight into the encrypted blob store under the size limit. The
// body must end with its closing boundary, so a cut-off form never
// imports part of its documents.
func (h *Handlers) readImport(c echo.Context) (importForm, error) {
	form := importForm{fields: url.Values{}, files: make([]paper.File, rules.MaxDocuments)}
	r := c.Request()
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		return form, badBody(errors.New("not a multipart form"))
	}
	body := &tail{r: http.MaxBytesReader(c.Response(), r.Body, int64(rules.MaxDocuments)*h.MaxUpload+1<<20)}
	mr := multipart.NewReader(body, params["boundary"])
	if err := h.checkToken(c, mr); err != nil {
		return form, err
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			if !body.endsWith("--" + params["boundary"] + "--") {
				err = badBody(errors.New("form ends without its closing boundary"))
				form.discard(h.Blobs)
				return form, err
			}
			return form, nil
		}
		if err != nil {
			form.discard(h.Blobs)
			return form, badBody(err)
		}
		if err := h.readPart(part, &form); err != nil {
			form.discard(h.Blobs)
			return form, err
		}
	}
}

func (h *Handlers) checkToken(c echo.Context, mr *multipart.Reader) error {
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "_csrf" {
		return domain.Errorf(domain.EForbidden, "csrf.invalid")
	}
	token, err := io.ReadAll(io.LimitReader(part, 256))
	if err != nil {
		return badBody(err)
	}
	if !h.Sessions.CheckCSRF(c, string(token)) {
		return domain.Errorf(domain.EForbidden, "csrf.invalid")
	}
	return nil
}

func (h *Handlers) readPart(part *multipart.Part, form *importForm) error {
	defer part.Close()
	if slot := slotOf(part.FormName()); slot >= 0 && part.FileName() != "" {
		return h.stage(part, form, slot)
	}
	value, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
	if err != nil {
		return badBody(err)
	}
	if len(value) > maxFieldBytes {
		return domain.Errorf(domain.ETooLarge, "error.form_too_large")
	}
	if len(form.fields) >= maxFields {
		return domain.Errorf(domain.EInvalid, "error.bad_request")
	}
	form.fields.Add(part.FormName(), string(value))
	return nil
}

// stage streams one document into the blob store, which checks it.
func (h *Handlers) stage(part *multipart.Part, form *importForm, slot int) error {
	if form.files[slot].Blob != nil {
		return domain.Errorf(domain.EInvalid, "upload.one_file")
	}
	body := &recorder{r: part}
	b, err := h.Blobs.Stage(body, part.FileName(), h.MaxUpload)
	if err != nil {
		if body.err != nil {
			return badBody(body.err)
		}
		var e *domain.Error
		if errors.As(err, &e) && (e.Code == domain.EInvalid || e.Code == domain.ETooLarge) {
			return &refusedFile{field: rules.DocField(slot), err: e}
		}
		return err
	}
	form.files[slot] = paper.File{Name: part.FileName(), Blob: b}
	return nil
}

// slotOf is the document slot (from 0) of a file input's name, or -1.
func slotOf(name string) int {
	for i := range rules.MaxDocuments {
		if name == rules.DocField(i) {
			return i
		}
	}
	return -1
}

// badBody makes a broken body a bad request, or a too-large one 413.
func badBody(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &domain.Error{Code: domain.ETooLarge, Message: "error.form_too_large", Err: err}
	}
	return &domain.Error{Code: domain.EInvalid, Message: "error.bad_request", Err: err}
}

// tail remembers the last bytes read, to check the closing boundary.
type tail struct {
	r    io.Reader
	last []byte
}

func (t *tail) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.last = append(t.last, p[:n]...)
	if len(t.last) > 128 {
		t.last = append(t.last[:0], t.last[len(t.last)-128:]...)
	}
	return n, err
}

func (t *tail) endsWith(marker string) bool {
	return bytes.HasSuffix(bytes.TrimRight(t.last, "\r\n\t "), []byte(marker))
}

// recorder remembers the first read failure other than the end.
type recorder struct {
	r   io.Reader
	err error
}

func (x *recorder) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	if err != nil && err != io.EOF && x.err == nil {
		x.err = err
	}
	return n, err
}
