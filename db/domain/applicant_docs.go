package domain

import (
	"time"
)

// ApplicantDocument is a document kept on an applicant record -- an
// identity document or a power of attorney -- and copied into each new
// filing for that applicant.
type ApplicantDocument struct {
	ID          int64
	ApplicantID int64
	UploadedBy  int64
	Type        DocType
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	StorageKey  string
	SignedOn    string // a power of attorney's date, YYYY-MM-DD
	CreatedAt   time.Time
}

// ValidateRecordDocument checks an applicant-record upload: a power of
// attorney needs the date it was signed.
func ValidateRecordDocument(t DocType, signedOn string, now time.Time) FieldErrors {
	errs := ValidateNewDocument(NewDocument{Type: t}, RecordDocTypes)
	if t == DocPowerOfAttorney {
		f := FieldSpec{Name: "signed_on", Kind: FieldDate, Required: true, Date: PastDate}
		f.Check(Answers{"signed_on": signedOn}, now, &errs)
	}
	return errs
}
