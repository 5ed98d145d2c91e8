package domain

import (
	"time"
)

// Limits are the format limits of a filing. They come from CCF practice,
// not a fixed rule, so they are configuration (DOMAIN.md).
type Limits struct {
	MaxAppendices   int // appendices per request (see Filing.Appendices)
	MaxSummaryPages int // pages of an uploaded summary of arguments
	// DraftDays is how long a draft never sent is kept after its last
	// change (db/domain/retention); 0 keeps drafts.
	DraftDays int
}

// DefaultLimits are the limits the CCF reports since 2026 (practice):
// going past them is warned of, never refused.
var DefaultLimits = Limits{MaxAppendices: 20, MaxSummaryPages: 10}

// Filing is a request with everything filed with it.
type Filing struct {
	Request    Request
	Documents  []Document
	Grounds    []Ground
	Items      []DataItem
	DocGrounds map[int64][]GroundCode
	// Urgent are the provisional-measure requests made on this one.
	Urgent []Request
}

// Appendices are the evidence the CCF counts against its limit: not the
// summary of arguments, and not a translation attached to another
// document (DOMAIN.md).
func (f Filing) Appendices() []Document {
	var out []Document
	for _, d := range f.Evidence() {
		if d.Type != DocSummary && d.TranslationOf == 0 {
			out = append(out, d)
		}
	}
	return out
}

// Evidence lists the documents that support the arguments.
func (f Filing) Evidence() []Document {
	var out []Document
	for _, d := range f.Documents {
		if d.IsEvidence() {
			out = append(out, d)
		}
	}
	return out
}

// EvidenceFor lists the documents attached to ground g.
func (f Filing) EvidenceFor(g GroundCode) []Document {
	var out []Document
	for _, d := range f.Documents {
		for _, dg := range f.DocGrounds[d.ID] {
			if dg == g {
				out = append(out, d)
			}
		}
	}
	return out
}

// SummaryDocument returns the uploaded summary of arguments, if any.
func (f Filing) SummaryDocument() (Document, bool) {
	for _, d := range f.Documents {
		if d.Type == DocSummary {
			return d, true
		}
	}
	return Document{}, false
}

// HasTranslation reports whether some document translates d.
func (f Filing) HasTranslation(d Document) bool {
	for _, t := range f.Documents {
		if t.TranslationOf == d.ID {
			return true
		}
	}
	return false
}

// Task is one line of the task list: a section and its state.
type Task struct {
	Key   string
	State SectionState
}

// Task keys beyond the field sections.
const (
	TaskDataItems = "data-items"
	TaskGrounds   = "grounds"
	TaskEvidence  = "evidence"
	TaskSummary   = "summary"
)

// IsDeletion reports whether the request asks for deletion or correction.
func (r Request) IsDeletion() bool { return r.Kind == KindDeletion || r.Kind == KindCorrection }

// Tasks lists a draft's sections in order with their states.
func Tasks(f Filing, now time.Time) []Task {
	var out []Task
	for _, s := range SectionsFor(f.Request.Kind) {
		if !s.Asked(f.Request.Answers) {
			continue // the identity document of a company, say
		}
		state := s.State(f.Request.Answers, now)
		if s.Key == TaskSummary {
			state = summaryState(f, state)
		}
		if s.Key == SectionRemedy && state == SectionNotStarted {
			state = SectionOptional
		}
		if state == SectionCompleted && Copied(f.Request.Answers, s.Key) {
			state = SectionToCheck
		}
		out = append(out, Task{Key: s.Key, State: state})
		if s.Key == SectionContact && f.Request.IsDeletion() {
			out = append(out, Task{TaskDataItems, itemsState(f, now)}, Task{TaskGrounds, groundsState(f)},
				Task{TaskEvidence, evidenceState(f)})
		}
	}
	return append(out, Task{Key: SectionDocuments, State: documentsState(f)})
}

func summaryState(f Filing, fromText SectionState) SectionState {
	if _, ok := f.SummaryDocument(); ok {
		return SectionCompleted
	}
	return fromText
}

func itemsState(f Filing, now time.Time) SectionState {
	if len(f.Items) == 0 {
		return SectionNotStarted
	}
	s := DataItemSection(f.Request.Kind)
	for _, it := range f.Items {
		if s.Validate(it.Answers(), now).Any() {
			return SectionInProgress
		}
	}
	return SectionCompleted
}

func groundsState(f Filing) SectionState {
	if len(f.Grounds) == 0 {
		return SectionNotStarted
	}
	for _, g := range f.Grounds {
		if g.Explanation == "" {
			return SectionInProgress
		}
	}
	return SectionCompleted
}

// evidenceState: evidence is optional, so an untouched section is not a
// blocker; it shows as completed once anything is uploaded.
func evidenceState(f Filing) SectionState {
	if len(f.Evidence()) == 0 {
		return SectionNotStarted
	}
	return SectionCompleted
}

func documentsState(f Filing) SectionState {
	switch {
	case !HasDocument(f.Documents, DocIdentity):
		if len(f.Documents) == 0 {
			return SectionNotStarted
		}
		return SectionInProgress
	case f.Request.Representative() && !HasDocument(f.Documents, DocPowerOfAttorney):
		return SectionInProgress
	}
	return SectionCompleted
}
