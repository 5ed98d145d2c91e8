package domain

// FieldError is one problem with one form field: a translation key and the
// arguments for its template.
type FieldError struct {
	Field   string
	Message string
	Args    []any
}

// FieldErrors lists a form's problems in the order the fields appear, which
// is the order the error summary shows them.
type FieldErrors []FieldError

// Add records a problem with field.
func (f *FieldErrors) Add(field, message string, args ...any) {
	*f = append(*f, FieldError{Field: field, Message: message, Args: args})
}

// Any reports whether there is at least one problem.
func (f FieldErrors) Any() bool { return len(f) > 0 }

// For returns the first problem with field, if any.
func (f FieldErrors) For(field string) (FieldError, bool) {
	for _, e := range f {
		if e.Field == field {
			return e, true
		}
	}
	return FieldError{}, false
}

// ValidationError carries field errors through the error path so that a
// handler can show them beside the fields.
type ValidationError struct {
	Fields FieldErrors
}

// Error implements error; the text is for logs only.
func (v *ValidationError) Error() string { return "validation failed: " + v.Fields[0].Field }

// Err wraps the problems as an application error with code EInvalid.
func (f FieldErrors) Err() error {
	return &Error{Code: EInvalid, Message: "error.form_invalid", Err: &ValidationError{Fields: f}}
}
