package domain

import (
	"slices"
	"time"
)

// Measure outcomes.
const (
	MeasureGranted = "granted"
	MeasureRefused = "refused"
)

// Measure is a grant or refusal of provisional measures on a request.
type Measure struct {
	ID            int64
	RequestID     int64
	Outcome       string
	Measures      []string // codes of db.Measures
	EffectiveFrom string   // YYYY-MM-DD, for a grant
	Reasons       string
	DecidedBy     int64
	DecidedAt     time.Time
	LiftedAt      time.Time
	LiftReasons   string
}

// Active reports whether the measure is granted and not lifted.
func (m Measure) Active() bool { return m.Outcome == MeasureGranted && m.LiftedAt.IsZero() }

// MeasureInput is what the staff form supplies.
type MeasureInput struct {
	Outcome       string
	Measures      []string
	EffectiveFrom string
	Reasons       string
}

// ValidateMeasure: a grant names at least one measure and when it starts;
// every outcome has reasons.
func ValidateMeasure(in MeasureInput) FieldErrors {
	var errs FieldErrors
	switch in.Outcome {
	case MeasureGranted:
		if len(in.Measures) == 0 || !allIn(in.Measures, Measures) {
			errs.Add("measures", "measure.kind_required")
		}
		if _, err := time.Parse(time.DateOnly, in.EffectiveFrom); err != nil {
			errs.Add("effective_from", "measure.from_required")
		}
	case MeasureRefused:
	default:
		errs.Add("outcome", "measure.outcome_required")
	}
	CheckText(&errs, "reasons", in.Reasons, "measure.reasons_required")
	return errs
}

// HasMeasure reports whether m includes kind.
func (m Measure) HasMeasure(kind string) bool { return slices.Contains(m.Measures, kind) }
