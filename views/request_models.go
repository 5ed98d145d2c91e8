package views

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db"
)

// TaskView is one line of a draft's task list.
type TaskView struct {
	Key   string
	Href  string
	State db.SectionState
}

// DraftView is what the task list and check-your-answers pages show.
type DraftView struct {
	Filing   db.Filing
	Request  db.Request
	Tasks    []TaskView
	Problems []db.Problem
	Limits   db.Limits
	Now      time.Time
}

// NewDraftView works out each section's state and the remaining problems.
func NewDraftView(f db.Filing, limits db.Limits, now time.Time) DraftView {
	r := f.Request
	v := DraftView{Filing: f, Request: r, Problems: db.Problems(f, limits, now), Limits: limits, Now: now}
	for _, t := range db.Tasks(f, now) {
		v.Tasks = append(v.Tasks, TaskView{Key: t.Key, Href: SectionPath(r, t.Key), State: t.State})
	}
	return v
}

// CanSubmit reports whether nothing blocks submission.
func (v DraftView) CanSubmit() bool { return !db.HasBlocking(v.Problems) }

// CompletedCount counts completed tasks, for "You have completed N of M".
func (v DraftView) CompletedCount() int {
	n := 0
	for _, t := range v.Tasks {
		if t.State == db.SectionCompleted {
			n++
		}
	}
	return n
}

// CaseView is what a filer's case page shows.
type CaseView struct {
	Request db.Request
	Filing  db.Filing
	Events  []db.Event
	Linked  []db.Request
	Now     time.Time
	// Representatives are the counsel acting for the applicant.
	Representatives []string
	// Outcome is what came of the request at the staff desk.
	Outcome CaseOutcomeView
}

func joinNames(names []string) string { return strings.Join(names, ", ") }

// RequestPath is the address of a request's own page.
func RequestPath(r db.Request) string { return "/requests/" + strconv.FormatInt(r.ID, 10) }

// SectionPath is the address of a section of a draft.
func SectionPath(r db.Request, key string) string {
	switch key {
	case db.SectionDocuments, db.TaskDataItems, db.TaskGrounds, db.TaskEvidence:
		return RequestPath(r) + "/" + key
	}
	return RequestPath(r) + "/section/" + key
}

// DocumentPath is the download address of a document.
func DocumentPath(d db.Document) string {
	return fmt.Sprintf("/requests/%d/documents/%d", d.RequestID, d.ID)
}

// AnswersForm fills a section's form from saved answers, splitting dates
// into their day, month and year inputs.
func AnswersForm(s db.Section, a db.Answers, errs db.FieldErrors) Form {
	f := Form{Values: map[string]string{}, Errors: errs}
	for _, field := range s.Fields {
		v := a[field.Name]
		if field.Kind == db.FieldDate {
			f.Values[field.Name+"-day"], f.Values[field.Name+"-month"], f.Values[field.Name+"-year"] = db.DateParts(v)
			continue
		}
		f.Values[field.Name] = v
	}
	return f
}

// FormatDate shows a date in the person's language, e.g. "2 March 2026".
func FormatDate(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", t.Day(), T(ctx, "month."+strconv.Itoa(int(t.Month()))), t.Year())
}

// FormatDateTime shows a moment with its time in UTC.
func FormatDateTime(ctx context.Context, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatDate(ctx, t) + " " + t.UTC().Format("15:04") + " UTC"
}

// FormatISODate shows a stored YYYY-MM-DD answer as a date.
func FormatISODate(ctx context.Context, v string) string {
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return v
	}
	return FormatDate(ctx, d)
}

// FormatSize shows a file size in KB or MB.
func FormatSize(n int64) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1_000_000)
	case n >= 1_000:
		return fmt.Sprintf("%d KB", n/1_000)
	}
	return fmt.Sprintf("%d bytes", n)
}

// CountryName is the name of a country in the request's language.
func CountryName(ctx context.Context, code string) string {
	if code == db.UnknownCountry {
		return T(ctx, "answer.country_unknown")
	}
	return db.CountryName(code, Locale(ctx).Tag)
}

// AnswerText is how a saved answer reads on summary pages: choices and
// countries by name, dates written out.
func AnswerText(ctx context.Context, f db.FieldSpec, v string) string {
	if v == "" {
		return T(ctx, "answer.not_given")
	}
	switch f.Kind {
	case db.FieldChoice:
		return T(ctx, "option."+f.Name+"."+v)
	case db.FieldCountry, db.FieldMemberCountry:
		return CountryName(ctx, v)
	case db.FieldDate:
		return FormatISODate(ctx, v)
	case db.FieldChoices:
		var names []string
		for _, c := range strings.Split(v, ",") {
			names = append(names, T(ctx, "option."+f.Name+"."+c))
		}
		return strings.Join(names, "; ")
	case db.FieldUTCOffset:
		return "UTC" + v
	}
	return v
}

// FileTypeLabel names a sniffed content type.
func FileTypeLabel(ctx context.Context, mime string) string {
	if ft, ok := db.FileTypeByMIME(mime); ok {
		return T(ctx, ft.Label)
	}
	return mime
}

// StatusTagClass is the colour of a status tag.
func StatusTagClass(s db.Status) string {
	switch s {
	case db.StatusDraft:
		return "tag tag-grey"
	case db.StatusSubmitted, db.StatusUnderReview, db.StatusAdmissible:
		return "tag tag-blue"
	case db.StatusAwaitingApplicant:
		return "tag tag-yellow"
	case db.StatusInadmissible, db.StatusWithdrawn:
		return "tag tag-red"
	case db.StatusDecided, db.StatusClosed:
		return "tag tag-green"
	}
	return "tag"
}
