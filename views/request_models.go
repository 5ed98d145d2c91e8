package views

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// TaskView is one line of a draft's task list.
type TaskView struct {
	Key   string
	Href  string
	State domain.SectionState
}

// DraftView is what the task list and check-your-answers pages show.
type DraftView struct {
	Filing   domain.Filing
	Request  domain.Request
	Tasks    []TaskView
	Problems []domain.Problem
	Limits   domain.Limits
	Now      time.Time
}

// NewDraftView works out each section's state and the remaining problems.
func NewDraftView(f domain.Filing, limits domain.Limits, now time.Time) DraftView {
	r := f.Request
	v := DraftView{Filing: f, Request: r, Problems: domain.Problems(f, limits, now), Limits: limits, Now: now}
	for _, t := range domain.Tasks(f, now) {
		v.Tasks = append(v.Tasks, TaskView{Key: t.Key, Href: SectionPath(r, t.Key), State: t.State})
	}
	return v
}

// CanSubmit reports whether nothing blocks submission.
func (v DraftView) CanSubmit() bool { return !domain.HasBlocking(v.Problems) }

// CompletedCount counts completed tasks, for "You have completed N of M".
// CountedTasks is how many sections there are to complete: an optional
// section counts only once it is started.
func (v DraftView) CountedTasks() int {
	n := 0
	for _, t := range v.Tasks {
		if t.State != domain.SectionOptional {
			n++
		}
	}
	return n
}

func (v DraftView) CompletedCount() int {
	n := 0
	for _, t := range v.Tasks {
		if t.State == domain.SectionCompleted {
			n++
		}
	}
	return n
}

// CaseView is what a filer's case page shows: the case as the store read
// it, the moment the page is made, and the answer form while the CCF waits
// for an answer (with its problems, after a refused answer).
type CaseView struct {
	domain.ApplicantCase
	Now         time.Time
	Reply       Form
	MaxUploadMB int64
}

func joinNames(names []string) string { return strings.Join(names, ", ") }

// RequestPath is the address of a request's own page.
func RequestPath(r domain.Request) string { return "/requests/" + strconv.FormatInt(r.ID, 10) }

// SectionPath is the address of a section of a draft.
func SectionPath(r domain.Request, key string) string {
	switch key {
	case domain.SectionDocuments, domain.TaskDataItems, domain.TaskGrounds, domain.TaskEvidence:
		return RequestPath(r) + "/" + key
	}
	return RequestPath(r) + "/section/" + key
}

// DocumentPath is the download address of a document.
func DocumentPath(d domain.Document) string {
	return fmt.Sprintf("/requests/%d/documents/%d", d.RequestID, d.ID)
}

// AnswersForm fills a section's form from saved answers, splitting dates
// into their day, month and year inputs, with the versions of those answers.
func AnswersForm(s domain.Section, a domain.Answers, errs domain.FieldErrors) Form {
	f := Form{Values: map[string]string{}, Errors: errs, Versions: map[string]string{}}
	for _, field := range s.Fields {
		v := a[field.Name]
		f.Versions[field.Name] = edits.Version(v)
		if field.Kind == domain.FieldDate {
			f.Values[field.Name+"-day"], f.Values[field.Name+"-month"], f.Values[field.Name+"-year"] = domain.DateParts(v)
			continue
		}
		f.Values[field.Name] = v
	}
	return f
}

// CountryName is the name of a country in the request's language.
func CountryName(ctx context.Context, code string) string {
	if code == domain.UnknownCountry {
		return T(ctx, "answer.country_unknown")
	}
	if domain.IsInternationalSource(code) {
		return T(ctx, domain.SourceKey(code))
	}
	return countries.Name(code, Locale(ctx).Tag)
}

// AnswerText is how a saved answer reads on summary pages: choices and
// countries by name, dates written out.
func AnswerText(ctx context.Context, f domain.FieldSpec, v string) string {
	if v == "" {
		return T(ctx, "answer.not_given")
	}
	switch f.Kind {
	case domain.FieldChoice:
		return T(ctx, "option."+f.Name+"."+v)
	case domain.FieldCountry, domain.FieldMemberCountry, domain.FieldNationality:
		return CountryName(ctx, v)
	case domain.FieldDate:
		return FormatISODate(ctx, v)
	case domain.FieldChoices:
		var names []string
		for _, c := range strings.Split(v, ",") {
			names = append(names, T(ctx, "option."+f.Name+"."+c))
		}
		return strings.Join(names, "; ")
	case domain.FieldUTCOffset:
		return "UTC" + v
	}
	return v
}

// FileTypeLabel names a sniffed content type.
func FileTypeLabel(ctx context.Context, mime string) string {
	if ft, ok := filetype.ByMIME(mime); ok {
		return T(ctx, ft.Label)
	}
	return mime
}

// StatusTagClass is the colour of a status tag.
func StatusTagClass(s domain.Status) string {
	switch s {
	case domain.StatusDraft:
		return "tag tag-grey"
	case domain.StatusSubmitted, domain.StatusUnderReview, domain.StatusAdmissible:
		return "tag tag-blue"
	case domain.StatusAwaitingApplicant:
		return "tag tag-yellow"
	case domain.StatusInadmissible, domain.StatusWithdrawn:
		return "tag tag-red"
	case domain.StatusDecided, domain.StatusClosed:
		return "tag tag-green"
	}
	return "tag"
}
