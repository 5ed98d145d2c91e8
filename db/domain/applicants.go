package domain

import (
	"strings"
	"time"
)

// Applicant is the record of a person concerned, kept once and reused in
// every filing about them.
type Applicant struct {
	ID        int64
	CreatedBy int64
	IsSelf    bool
	FullName  string
	BirthDate string
	Details   Answers
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ApplicantRecordSections are the parts of an applicant record: who they
// are, their identity document and how to reach them -- the same questions
// as in a filing, so a record fills a filing and a filing refreshes a record.
func ApplicantRecordSections() []Section { return commonSections[1:4] }

// ApplicantRecordSection is the whole record form as one section, for
// reading and merging an edit of it.
func ApplicantRecordSection() Section {
	s := Section{Key: "applicant-record"}
	for _, part := range ApplicantRecordSections() {
		s.Fields = append(s.Fields, part.Fields...)
	}
	return s
}

// ValidateApplicantRecord checks every section of a record.
func ValidateApplicantRecord(d Answers, now time.Time) FieldErrors {
	var errs FieldErrors
	for _, s := range ApplicantRecordSections() {
		errs = append(errs, s.Validate(d, now)...)
	}
	return errs
}

// Flags are the warnings on an applicant record.
type Flags struct {
	IDExpired bool
	NoPOA     bool
	POAOld    bool
}

// POAMaxAge is how old a power of attorney may be before it is flagged for
// renewal (practice: the CCF may ask for a recent one).
const POAMaxAge = 12

// ApplicantFlags works out what needs attention on a record.
func ApplicantFlags(a Applicant, docs []ApplicantDocument, now time.Time) Flags {
	var f Flags
	if exp, err := time.Parse(time.DateOnly, a.Details["id_expiry"]); err == nil && exp.Before(now.Truncate(24*time.Hour)) {
		f.IDExpired = true
	}
	poa, ok := latestPOA(docs)
	f.NoPOA = !ok && !a.IsSelf
	if ok {
		if signed, err := time.Parse(time.DateOnly, poa.SignedOn); err == nil && now.After(AddMonths(signed, POAMaxAge)) {
			f.POAOld = true
		}
	}
	return f
}

func latestPOA(docs []ApplicantDocument) (ApplicantDocument, bool) {
	var best ApplicantDocument
	found := false
	for _, d := range docs {
		if d.Type == DocPowerOfAttorney && (!found || strings.Compare(d.SignedOn, best.SignedOn) > 0) {
			best, found = d, true
		}
	}
	return best, found
}
