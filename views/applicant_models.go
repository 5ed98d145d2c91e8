package views

import (
	"context"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// ApplicantView is everything an applicant record page shows.
type ApplicantView struct {
	Applicant domain.Applicant
	Documents []domain.ApplicantDocument
	Grants    []domain.Grant
	History   []domain.ApplicantEvent
	Requests  []domain.Request
	Flags     domain.Flags
	IsCreator bool
}

// ApplicantPath is the address of an applicant record.
func ApplicantPath(a domain.Applicant) string { return "/applicants/" + strconv.FormatInt(a.ID, 10) }

// applicantDocPath is the download address of a record's document.
func applicantDocPath(d domain.ApplicantDocument) string {
	return "/applicants/" + strconv.FormatInt(d.ApplicantID, 10) + "/documents/" + strconv.FormatInt(d.ID, 10)
}

// applicantName is a record's name, or a placeholder before one is given.
func applicantName(ctx context.Context, a domain.Applicant) string {
	if a.FullName == "" {
		return T(ctx, "applicant.unnamed")
	}
	return a.FullName
}

// RecordForm fills the record form from saved details, with their
// versions.
func RecordForm(d domain.Answers, errs domain.FieldErrors) Form {
	f := AnswersForm(domain.ApplicantRecordSection(), d, errs)
	return f
}

func applicantFormAction(a domain.Applicant) string {
	if a.ID == 0 {
		return "/applicants"
	}
	return ApplicantPath(a)
}

// applicantEventTitle is one line of a record's history: who did it, and
// whom an access change was for. Only those messages name a second person.
func applicantEventTitle(ctx context.Context, e domain.ApplicantEvent) string {
	if e.SubjectName == "" {
		return T(ctx, "applicant.event."+e.Kind, e.ActorName)
	}
	return T(ctx, "applicant.event."+e.Kind, e.ActorName, e.SubjectName)
}
