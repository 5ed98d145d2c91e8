package handlers

import (
	"errors"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func asAppError(err error, target **domain.Error) bool { return errors.As(err, target) }

// fieldErrors extracts the field problems of a validation error, or the
// single message of another invalid-input error as a form-wide problem.
func fieldErrors(err error) (domain.FieldErrors, bool) {
	var v *domain.ValidationError
	if errors.As(err, &v) {
		return v.Fields, true
	}
	var e *domain.Error
	if errors.As(err, &e) && e.Code == domain.EInvalid {
		var f domain.FieldErrors
		f.Add("form", e.Message, e.Args...)
		return f, true
	}
	return nil, false
}

// errArgs returns the message arguments of an application error, found
// through any wrapping.
func errArgs(err error) []any {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Args
	}
	return nil
}
