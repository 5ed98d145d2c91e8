package views

import (
	"context"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Urgent filing steps, in order; the person's page is asked only while the
// request the measures belong to is a draft.
const (
	UrgentStepWhat   = "what"
	UrgentStepPerson = "person"
	UrgentStepAsked  = "asked"
	UrgentStepCheck  = "check"
)

// UrgentSteps lists the pages of an urgent filing on parent (nil: a new
// case, whose request is a draft still to be written).
func UrgentSteps(parent *domain.Request) []string {
	if parent == nil || parent.IsDraft() {
		return []string{UrgentStepWhat, UrgentStepPerson, UrgentStepAsked, UrgentStepCheck}
	}
	return []string{UrgentStepWhat, UrgentStepAsked, UrgentStepCheck}
}

// UrgentStepPath is the address of one page of the urgent draft d.
func UrgentStepPath(d domain.Request, step string) string {
	return "/requests/" + strconv.FormatInt(d.ID, 10) + "/urgent/" + step
}

// UrgentStepSection is the section of answers a page asks (none on the
// check page).
func UrgentStepSection(step string) (domain.Section, bool) {
	switch step {
	case UrgentStepWhat:
		return domain.UrgentWhatSection, true
	case UrgentStepPerson:
		return domain.UrgentPersonStep, true
	case UrgentStepAsked:
		return domain.UrgentAskSection, true
	}
	return domain.Section{}, false
}

// UrgentStepView is one page of the urgent filing.
type UrgentStepView struct {
	Step string
	// Draft is the urgent draft being filled; nil on the first page of a
	// filing not yet saved.
	Draft *domain.Request
	// Case is the request the measures belong to; nil on a new case.
	Case *domain.Request
	// Action is where the page's form posts.
	Action string
	Form   Form
	// Filed and Drafts, on the first page of a new filing: the requests
	// already sent, on which measures may be asked instead, and urgent
	// requests begun and not yet sent.
	Filed, Drafts []domain.Request
	// Answers, on the check page: everything that will be sent, and the
	// problems still to fix, each on its own page.
	Answers     domain.Answers
	MaxUploadMB int64
}

// Number is the page's place among the filing's pages, from 1.
func (v UrgentStepView) Number() int {
	for i, s := range v.Steps() {
		if s == v.Step {
			return i + 1
		}
	}
	return 1
}

// Steps lists the filing's pages.
func (v UrgentStepView) Steps() []string { return UrgentSteps(v.Case) }

// Prev is the page before this one, or "" on the first.
func (v UrgentStepView) Prev() string {
	if n := v.Number(); n > 1 {
		return v.Steps()[n-2]
	}
	return ""
}

// ExitPath is where leaving the first page leads.
func (v UrgentStepView) ExitPath() string {
	if v.Case == nil || v.Draft != nil && domain.UrgentOnNewCase(v.Draft.Answers) {
		return "/dashboard"
	}
	return RequestPath(*v.Case)
}

// StepOf names the page that asks field.
func StepOf(field string) string {
	for _, step := range []string{UrgentStepWhat, UrgentStepPerson, UrgentStepAsked} {
		s, _ := UrgentStepSection(step)
		for _, f := range s.Fields {
			if f.Name == field {
				return step
			}
		}
	}
	return UrgentStepCheck
}

// urgentShown is what decides which questions a page shows: the answers
// saved, then what was typed.
func urgentShown(v UrgentStepView) domain.Answers {
	a := domain.Answers{}
	if v.Draft != nil {
		for k, x := range v.Draft.Answers {
			a[k] = x
		}
	}
	if v.Step == UrgentStepPerson && v.Case != nil {
		for k, x := range v.Case.Answers {
			a[k] = x
		}
	}
	for k, x := range v.Form.Values {
		a[k] = x
	}
	return a
}

// urgentDraftLabel names an urgent request begun and not yet sent.
func urgentDraftLabel(ctx context.Context, d domain.Request) string {
	if d.ApplicantName == "" {
		return T(ctx, "urgent2.draft_unnamed")
	}
	return T(ctx, "urgent2.draft_named", d.ApplicantName)
}

// labelsOnly drops the options' hints.
func labelsOnly(options []Option) []Option {
	for i := range options {
		options[i].HintKey = ""
	}
	return options
}
