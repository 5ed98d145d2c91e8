package domain

// SectionRemedy asks what else the applicant asks for if the CCF does not
// grant the deletion or correction: an applicant may ask for deletion and,
// in the alternative, for the data to be corrected or for another measure
// (for example that the outcome of their case be added to the file). It is
// optional: left untouched, the request asks for the deletion or
// correction alone.
const SectionRemedy = "remedy"

// The alternatives a deletion or correction request may ask for.
const (
	AlternativeNone       = "none"
	AlternativeCorrection = "correction"
	AlternativeOther      = "other"
)

func remedySection(k Kind) Section {
	options := []string{AlternativeNone, AlternativeCorrection, AlternativeOther}
	if k == KindCorrection {
		options = []string{AlternativeNone, AlternativeOther}
	}
	detailed := func(a Answers) bool {
		return a["alternative"] == AlternativeCorrection || a["alternative"] == AlternativeOther
	}
	return Section{Key: SectionRemedy, Fields: []FieldSpec{
		{Name: "alternative", Kind: FieldChoice, Options: options},
		{Name: "alternative_details", Kind: FieldLongText, MaxRunes: 4000, RequiredIf: detailed, ShownIf: detailed},
	}}
}

// SectionOptional is the state of an optional section left untouched: it
// neither counts towards the sections to complete nor stops submission.
const SectionOptional SectionState = "optional"
