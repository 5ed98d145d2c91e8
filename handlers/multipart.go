package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// maxFieldBytes caps each ordinary field of an upload form; maxFields caps
// how many there are, so a hostile form cannot grow memory field by field.
const (
	maxFieldBytes = 8 << 10
	maxFields     = 64
)

// uploadForm is an upload form read by the streaming parser: its small
// fields, and the file staged encrypted in the blob store (nil if none).
// blob, filename and pages describe the part named "file"; forms with more
// than one file input find the others in extra, by input name.
type uploadForm struct {
	fields   url.Values
	filename string
	blob     *blob.Staged
	pages    int // PDF pages counted from the page tree; 0 if not a PDF or unknown
	// pagesUnknown is set for a PDF whose pages could not be counted.
	pagesUnknown bool
	extra        map[string]*uploadedFile
}

// uploadedFile is one staged file of a form with several file inputs.
type uploadedFile struct {
	filename     string
	blob         *blob.Staged
	pages        int
	pagesUnknown bool
}

// formValues are the fields as a form for re-display, multiple values of
// one name joined by commas.
func (f uploadForm) formValues() map[string]string {
	out := map[string]string{}
	for k, vs := range f.fields {
		out[k] = strings.Join(vs, ",")
	}
	return out
}

// readUpload parses a multipart upload as a stream. The CSRF token must be
// the first part and is checked before anything else is read; the one file
// part goes straight into the encrypted blob store under the size limit.
// Nothing is buffered whole and no plaintext touches the disk.
func (h *Handlers) readUpload(c echo.Context) (uploadForm, error) {
	return h.readUploadFiles(c, "file")
}

// readUploadFiles is readUpload for a form whose file inputs have the given
// names; each may hold one file, and the body limit grows with their number.
func (h *Handlers) readUploadFiles(c echo.Context, fileInputs ...string) (uploadForm, error) {
	r := c.Request()
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		return uploadForm{}, bodyError(fmt.Errorf("not a multipart form: %q", mediaType))
	}
	body := &tailReader{r: http.MaxBytesReader(c.Response(), r.Body, int64(len(fileInputs))*h.MaxUpload+1<<20)}
	mr := multipart.NewReader(body, params["boundary"])
	// The multipart reader reports a body cut off between parts, or inside
	// a part's headers, as a plain end: only the closing boundary at the
	// very end tells a complete form.
	end := func(err error) error {
		if body.endsWith("--" + params["boundary"] + "--") {
			return nil
		}
		return bodyError(fmt.Errorf("form ends without its closing boundary: %w", err))
	}
	if err := h.checkFirstPartCSRF(c, mr, end); err != nil {
		return uploadForm{}, err
	}
	form := uploadForm{fields: url.Values{}, extra: map[string]*uploadedFile{}}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			err = end(err)
		}
		if err == nil && part == nil {
			return form, nil
		}
		if err != nil {
			form.discard(h.Blobs)
			return form, bodyError(err)
		}
		if err := h.readPart(part, &form, fileInputs); err != nil {
			// The fields read so far come back with the error, so the
			// page can show again what was typed before the refused file.
			form.discard(h.Blobs)
			return form, err
		}
	}
}

func (h *Handlers) checkFirstPartCSRF(c echo.Context, mr *multipart.Reader, end func(error) error) error {
	part, err := mr.NextPart()
	if errors.Is(err, io.EOF) {
		if err := end(err); err != nil {
			return err
		}
	} else if err != nil {
		return bodyError(err)
	}
	if err != nil || part.FormName() != "_csrf" {
		return domain.Errorf(domain.EForbidden, "csrf.invalid")
	}
	token, err := io.ReadAll(io.LimitReader(part, 256))
	if err != nil {
		return bodyError(err)
	}
	if !h.Sessions.CheckCSRF(c, string(token)) {
		return domain.Errorf(domain.EForbidden, "csrf.invalid")
	}
	return nil
}

func (h *Handlers) readPart(part *multipart.Part, form *uploadForm, fileInputs []string) error {
	defer part.Close()
	if part.FileName() != "" && contains(fileInputs, part.FormName()) {
		return h.stagePart(part, form)
	}
	value, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
	if err != nil {
		return bodyError(err)
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

// stagePart streams one file part into the blob store, which checks the
// content (type, macros, zip bombs, image size) and counts a PDF's pages.
func (h *Handlers) stagePart(part *multipart.Part, form *uploadForm) error {
	name := part.FormName()
	if (name == "file" && form.blob != nil) || form.extra[name] != nil {
		return domain.Errorf(domain.EInvalid, "upload.one_file")
	}
	body := &readRecorder{r: part}
	blob, err := h.Blobs.Stage(body, part.FileName(), h.MaxUpload)
	if err != nil {
		if body.err != nil {
			// The body broke off or went over its limit: the client's doing,
			// whatever the store made of it.
			return bodyError(body.err)
		}
		return err
	}
	f := &uploadedFile{filename: part.FileName(), blob: blob, pages: blob.Inspection.Pages,
		pagesUnknown: blob.Inspection.PagesUnknown}
	if name == "file" {
		form.blob, form.filename, form.pages, form.pagesUnknown = f.blob, f.filename, f.pages, f.pagesUnknown
	} else {
		form.extra[name] = f
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// discard removes a staged file when the form is abandoned.
func (f *uploadForm) discard(blobs *blob.Store) {
	if f.blob != nil {
		blobs.Discard(f.blob)
		f.blob = nil
	}
	for name, x := range f.extra {
		blobs.Discard(x.blob)
		delete(f.extra, name)
	}
}

// errBrokenBody marks a request body that ended early, was cut off or is
// not well-formed: the client's fault, answered 400 as a whole, never shown
// as a problem with one file.
var errBrokenBody = errors.New("request body broken")

// bodyError keeps the size-limit error recognisable and makes any other
// broken body a bad request.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &domain.Error{Code: domain.ETooLarge, Message: "error.form_too_large", Err: err}
	}
	return &domain.Error{Code: domain.EInvalid, Message: "error.bad_request", Err: fmt.Errorf("%w: %w", errBrokenBody, err)}
}

// tailReader remembers the last bytes read through it, so that the end of
// a body can be checked once it has been read.
type tailReader struct {
	r    io.Reader
	tail []byte
}

const tailSize = 128

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.tail = append(t.tail, p[:n]...)
	if len(t.tail) > tailSize {
		t.tail = append(t.tail[:0], t.tail[len(t.tail)-tailSize:]...)
	}
	return n, err
}

// endsWith reports whether what was read ends with marker, but for line
// breaks and spaces.
func (t *tailReader) endsWith(marker string) bool {
	return bytes.HasSuffix(bytes.TrimRight(t.tail, "\r\n\t "), []byte(marker))
}

// readRecorder remembers the first failure of the reader it wraps, other
// than the end of the data.
type readRecorder struct {
	r   io.Reader
	err error
}

func (x *readRecorder) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	if err != nil && err != io.EOF && x.err == nil {
		x.err = err
	}
	return n, err
}
