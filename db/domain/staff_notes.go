package domain

import (
	"slices"
	"time"
)

// Kinds of internal entry: a note, or a consultation of the source NCB or
// of INTERPOL's General Secretariat. None is ever shown to applicants.
const (
	NoteInternal             = "note"
	NoteConsultSourceNCB     = "consult_source_ncb"
	NoteConsultGeneralSecret = "consult_general_secretariat"
)

// NoteKinds lists the internal entry kinds in the order the form offers them.
var NoteKinds = []string{NoteInternal, NoteConsultSourceNCB, NoteConsultGeneralSecret}

// Note is an internal entry on a case.
type Note struct {
	ID         int64
	RequestID  int64
	AuthorID   int64
	AuthorName string
	Kind       string
	Body       string
	CreatedAt  time.Time
}

// ValidateNote needs a known kind and a text.
func ValidateNote(kind, body string) FieldErrors {
	var errs FieldErrors
	if !slices.Contains(NoteKinds, kind) {
		errs.Add("kind", "note.kind_required")
	}
	CheckText(&errs, "body", body, "note.body_required")
	return errs
}
