package domain

import (
	"errors"
	"fmt"
)

// Code classifies an application error. The web layer maps each code to an
// HTTP status in one place; nothing else decides statuses.
type Code string

// Application error codes.
const (
	EInvalid      Code = "invalid"      // the input breaks a rule the user can fix
	ENotFound     Code = "not_found"    // missing, or not the caller's to see
	EForbidden    Code = "forbidden"    // the caller's role may not do this
	EUnauthorized Code = "unauthorized" // the caller must sign in first
	EConflict     Code = "conflict"     // the action clashes with the current state
	ETooLarge     Code = "too_large"    // a body or file exceeds its limit
	ETooMany      Code = "too_many"     // throttled; try again later
	EUnavailable  Code = "unavailable"  // the store is busy for a moment; try again shortly
	EStorageFull  Code = "storage_full" // the disk is full: nothing more can be saved until space is freed
	EInternal     Code = "internal"     // our fault; details are logged, never shown
)

// EDamaged is for stored evidence that failed its integrity check: it is
// never served, and the failure is logged like an internal one.
const EDamaged Code = "damaged"

// Error is the one application error type. Message is a translation key for
// a message that is safe to show to the user; Err carries the internal cause,
// which is logged but never shown.
type Error struct {
	Code    Code
	Message string
	Args    []any
	Err     error
}

// Error implements the error interface without revealing translated text.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap exposes the internal cause to errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an application error with a safe message key and optional
// arguments for the message template.
func Errorf(code Code, messageKey string, args ...any) *Error {
	return &Error{Code: code, Message: messageKey, Args: args}
}

// Internal wraps an unexpected failure. The cause is kept for the log; the
// user only ever sees the generic internal message.
func Internal(err error) *Error {
	return &Error{Code: EInternal, Message: "error.internal", Err: err}
}

// ErrorCode returns the code of an application error, EInternal for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the safe message key of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EInternal {
		return e.Message
	}
	return "error.internal"
}
