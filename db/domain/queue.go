package domain

import (
	"time"
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

// QueueFilter is the staff queue's filters, sort and page position.
type QueueFilter struct {
	Kind          Kind
	Status        string // StatusFilterOpen (default), StatusFilterAll or one Status
	UrgentOnly    bool
	DueWithinDays int
	Overdue       bool
	Country       string
	Assigned      string // AssignedToMe, Unassigned or ""
	Me            int64  // the staff member asking, for AssignedToMe
	Search        string // reference prefix or words of the applicant's name
	Sort          string
	Desc          bool
	After         int64 // keyset: the last row of the previous page
	Before        int64 // keyset: the first row of the next page
	Limit         int
}

// QueueRow is one line of the queue.
type QueueRow struct {
	ID            int64
	Reference     string
	Kind          Kind
	ApplicantName string
	SourceCountry string
	Status        Status
	SubmittedAt   time.Time
	DueAt         time.Time
	EventAt       time.Time
	AssigneeID    int64
	AssigneeName  string
	Urgent        bool
}

// QueuePage is one page of the queue: the urgent requests (first page
// only, always on top, soonest event first), then the others in the chosen
// order, with keyset links to the neighbouring pages.
type QueuePage struct {
	Urgent     []QueueRow
	Rows       []QueueRow
	Total      int
	HasNext    bool
	HasPrev    bool
	NextAfter  int64
	PrevBefore int64
}
