package webtest

import (
	"io"
	"mime/multipart"
	"net/http"
	"net/url"

	"github.com/stretchr/testify/require"
)

// Field is one ordered form field of a multipart upload.
type Field struct{ Name, Value string }

// Upload posts a real multipart form to action the way a browser sends it:
// the CSRF token taken from formPage first, then fields in order, then the
// file, streamed through a pipe so large test files are never held whole.
func (c *Client) Upload(formPage, action string, fields []Field, filename string, content io.Reader) *Response {
	c.t.Helper()
	page := c.Get(formPage)
	require.Equal(c.t, http.StatusOK, page.Status, "form page %s", formPage)
	all := append([]Field{F("_csrf", CSRFFrom(c.t, page.Body))}, fields...)
	return c.UploadRaw(action, all, filename, content)
}

// UploadRaw posts the fields exactly as given (no token added) and the file.
func (c *Client) UploadRaw(action string, fields []Field, filename string, content io.Reader) *Response {
	c.t.Helper()
	return c.UploadRawNamed(action, fields, "file", filename, content)
}

func writeMultipartNamed(mw *multipart.Writer, fields []Field, input, filename string, content io.Reader) error {
	for _, f := range fields {
		if err := mw.WriteField(f.Name, f.Value); err != nil {
			return err
		}
	}
	if content != nil {
		part, err := mw.CreateFormFile(input, filename)
		if err != nil {
			return err
		}
		if _, err := io.Copy(part, content); err != nil {
			return err
		}
	}
	return mw.Close()
}

// F makes a Field.
func F(name, value string) Field { return Field{Name: name, Value: value} }

// UploadRawNamed posts the fields exactly as given and one file under the
// given input name.
func (c *Client) UploadRawNamed(action string, fields []Field, input, filename string, content io.Reader) *Response {
	c.t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := writeMultipartNamed(mw, fields, input, filename, content)
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequest(http.MethodPost, c.app.Server.URL+action, pr)
	require.NoError(c.t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

// Values turns fields into form values, for a form posted without a file.
func Values(fields []Field) url.Values {
	out := url.Values{}
	for _, f := range fields {
		out.Add(f.Name, f.Value)
	}
	return out
}
