// Package desk holds the staff queue's terms: its filters, sort keys,
// rows and pages. Pure Go, like the rest of the procedure.
package desk

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Queue sort keys.
const (
	SortDue       = "due"
	SortSubmitted = "submitted"
	SortReference = "reference"
	SortName      = "name"
)

// Status filters beyond the single statuses.
const (
	StatusFilterOpen = "open" // every pending status
	StatusFilterAll  = "all"
)

// Assignment filters.
const (
	AssignedToMe = "me"
	Unassigned   = "none"
)

// Filter is the staff queue's filters, sort and page position.
type Filter struct {
	Kind          domain.Kind
	Status        string // StatusFilterOpen (default), StatusFilterAll or one Status
	UrgentOnly    bool
	DueWithinDays int
	Overdue       bool
	// ConsultOverdue keeps the cases waiting for a consultation reply
	// past its due date.
	ConsultOverdue bool
	Country        string
	Assigned       string // AssignedToMe, Unassigned or ""
	Me             int64  // the staff member asking, for AssignedToMe
	Search         string // reference prefix or words of the applicant's name
	Sort           string
	Desc           bool
	After          int64 // keyset: the last row of the previous page
	Before         int64 // keyset: the first row of the next page
	Limit          int
	// Certificate keeps the cases with an application for a certificate
	// waiting for an answer, whatever their status (they are decided).
	Certificate bool
}

// Row is one line of the queue.
type Row struct {
	ID            int64
	Reference     string
	Kind          domain.Kind
	ApplicantName string
	SourceCountry string
	Status        domain.Status
	SubmittedAt   time.Time
	DueAt         time.Time
	EventAt       time.Time
	DetainedSince time.Time // a person detained now: since when (or since filing)
	AssigneeID    int64
	AssigneeName  string
	Urgent        bool
	// OpenConsultations counts the consultations still waiting for a
	// reply; NextReplyDue is the earliest of their due dates (YYYY-MM-DD).
	OpenConsultations int
	NextReplyDue      string
	// AdmissibilityDue is when the admissibility assessment is due, while
	// it is pending; MoreTimeAsked marks an applicant's request for more
	// time to answer that waits for the CCF's answer.
	AdmissibilityDue time.Time
	MoreTimeAsked    bool
	// Imported marks a case received by e-mail or post and imported.
	Imported bool
	// PriorReference and PriorDecided (YYYY-MM-DD) name the earlier case,
	// decided outside the portal, that the request revises or follows.
	PriorReference, PriorDecided string
}

// ConsultOverdue reports whether a consultation reply is overdue on the
// day of now.
func (r Row) ConsultOverdue(now time.Time) bool {
	return r.OpenConsultations > 0 && now.UTC().Format(time.DateOnly) > r.NextReplyDue
}

// Page is one page of the queue: the urgent requests (first page
// only, always on top, soonest event first), then the others in the chosen
// order, with keyset links to the neighbouring pages.
type Page struct {
	Urgent     []Row
	Rows       []Row
	Total      int
	HasNext    bool
	HasPrev    bool
	NextAfter  int64
	PrevBefore int64
}
