package domain

import (
	"slices"
	"strings"
	"time"
)

// Section is one part of the guided form, shown as one page and one line of
// the task list.
type Section struct {
	Key    string
	Fields []FieldSpec
}

// SectionState is how far a section has been answered.
type SectionState string

// Section states, as the task list shows them.
const (
	SectionNotStarted SectionState = "not_started"
	SectionInProgress SectionState = "in_progress"
	SectionCompleted  SectionState = "completed"
)

// Section keys. The documents section is not a field section: its state
// comes from the uploaded documents.
const (
	SectionRepresentation = "representation"
	SectionApplicant      = "applicant"
	SectionIDDocument     = "id-document"
	SectionContact        = "contact"
	SectionData           = "data"
	SectionLanguage       = "language"
	SectionDocuments      = "documents"
)

func representative(a Answers) bool { return a["representation"] == "representative" }

// Entity reports whether the request is for a company or an organisation,
// which files through a person authorised to act for it.
func Entity(a Answers) bool { return representative(a) && a["applicant_entity"] == "yes" }

func person(a Answers) bool           { return !Entity(a) }
func representsPerson(a Answers) bool { return representative(a) && !Entity(a) }

// FearRequest is the answer "nothing yet: I fear that a country will ask
// INTERPOL".
const FearRequest = "fear_request"

func fearsRequest(a Answers) bool {
	return slices.Contains(strings.Split(a["data_kind"], ","), FearRequest)
}

// learnedOfData: how the person learned of the data is asked unless they
// only fear a request to come.
func learnedOfData(a Answers) bool { return a["data_kind"] != FearRequest }

// Choices offered by the guided form.
var (
	DataKinds = []string{"red_notice", "wanted_diffusion", "other_diffusion", "blue_notice", "green_notice",
		"yellow_notice", "black_notice", "orange_notice", "purple_notice", "un_special_notice", "silver_notice",
		"database_entry", "dont_know"}
	LearnedHow   = []string{"border_stop", "arrest", "visa_or_bank", "told_by_authorities", "online", "other"}
	IDTypes      = []string{"passport", "national_id", "residence_permit", "refugee_travel_document", "other"}
	WorkingLangs = []string{"ar", "en", "fr", "es"}
)

// commonSections are asked in every first filing: who the request is for,
// who they are, and how to reach them.
var commonSections = []Section{
	{Key: SectionRepresentation, Fields: []FieldSpec{
		{Name: "representation", Kind: FieldChoice, Required: true, Options: []string{"self", "representative"}},
		{Name: "relationship", Kind: FieldChoice, RequiredIf: representative, ShownIf: representative,
			Options: []string{"lawyer", "family", "other"}},
		{Name: "applicant_minor", Kind: FieldChoice, RequiredIf: representsPerson, ShownIf: representsPerson,
			Options: []string{"no", "yes"}},
		{Name: "applicant_entity", Kind: FieldChoice, ShownIf: representative, Options: []string{"no", "yes"}},
	}},
	{Key: SectionApplicant, Fields: []FieldSpec{
		{Name: "full_name", Kind: FieldText, Required: true, MaxRunes: 200},
		{Name: "other_names", Kind: FieldLongText, MaxRunes: 1000},
		{Name: "birth_date", Kind: FieldDate, RequiredIf: person, ShownIf: person, Date: PastDate},
		{Name: "birth_place", Kind: FieldText, MaxRunes: 200},
		{Name: "nationality", Kind: FieldNationality, RequiredIf: person, ShownIf: person},
		{Name: "nationality_2", Kind: FieldNationality, ShownIf: person},
		{Name: "entity_registration", Kind: FieldText, RequiredIf: Entity, ShownIf: Entity, MaxRunes: 100},
		{Name: "entity_registered_on", Kind: FieldDate, RequiredIf: Entity, ShownIf: Entity, Date: PastDate},
		{Name: "entity_country", Kind: FieldCountry, RequiredIf: Entity, ShownIf: Entity},
		{Name: "signer_name", Kind: FieldText, RequiredIf: Entity, ShownIf: Entity, MaxRunes: 200},
		{Name: "signer_capacity", Kind: FieldText, RequiredIf: Entity, ShownIf: Entity, MaxRunes: 200},
	}},
	{Key: SectionIDDocument, Fields: []FieldSpec{
		{Name: "id_type", Kind: FieldChoice, RequiredIf: person, ShownIf: person, Options: IDTypes},
		{Name: "id_number", Kind: FieldText, RequiredIf: person, ShownIf: person, MaxRunes: 100},
		{Name: "id_issuer", Kind: FieldCountry, RequiredIf: person, ShownIf: person},
		// An expired document may be entered: it is flagged, not refused.
		{Name: "id_expiry", Kind: FieldDate, RequiredIf: person, ShownIf: person},
	}},
	{Key: SectionContact, Fields: []FieldSpec{
		{Name: "contact_email", Kind: FieldEmail, Required: true, MaxRunes: 254},
		{Name: "contact_phone", Kind: FieldText, MaxRunes: 50},
		{Name: "contact_address", Kind: FieldLongText, MaxRunes: 1000},
		{Name: "contact_safety", Kind: FieldLongText, MaxRunes: 2000},
	}},
}

// dataSection asks what INTERPOL may hold. Several kinds can be chosen (a
// red notice and diffusions often exist side by side), and an access
// request may come before anything is known, from the fear that a country
// will ask INTERPOL: its reasons are then kept on file.
var dataSection = Section{Key: SectionData, Fields: []FieldSpec{
	{Name: "data_kind", Kind: FieldChoices, Required: true, Options: append(slices.Clone(DataKinds), FearRequest)},
	{Name: "fear_reasons", Kind: FieldLongText, MaxRunes: 4000, RequiredIf: fearsRequest, ShownIf: fearsRequest},
	{Name: "source_country", Kind: FieldMemberCountry, Required: true},
	{Name: "data_references", Kind: FieldLongText, MaxRunes: 1000},
	{Name: "learned_date", Kind: FieldDate, Date: PastDate, Approx: true},
	{Name: "learned_how", Kind: FieldChoice, RequiredIf: learnedOfData, Options: LearnedHow},
	{Name: "learned_details", Kind: FieldLongText, MaxRunes: 4000},
}}

var languageSection = Section{Key: SectionLanguage, Fields: []FieldSpec{
	{Name: "language", Kind: FieldChoice, Required: true, Options: WorkingLangs},
}}

// summarySection is the written summary of arguments; uploading a summary
// document instead also completes it.
var summarySection = Section{Key: "summary", Fields: []FieldSpec{
	{Name: "summary_text", Kind: FieldLongText, Required: true, MaxRunes: 40000},
}}

// SectionsFor lists the field sections of a request of kind k, in order.
// Deletion and correction requests challenge data items instead of
// describing what may be held; the documents section always follows.
func SectionsFor(k Kind) []Section {
	switch k {
	case KindProvisional:
		return []Section{UrgentPersonSection, ProvisionalSection}
	case KindRevision:
		return []Section{RevisionSection}
	}
	out := append([]Section{}, commonSections...)
	if k == KindDeletion || k == KindCorrection {
		return append(out, remedySection(k), summarySection, languageSection)
	}
	return append(out, dataSection, languageSection)
}

// SectionByKey finds a field section of kind k.
func SectionByKey(k Kind, key string) (Section, bool) {
	for _, s := range SectionsFor(k) {
		if s.Key == key {
			return s, true
		}
	}
	return Section{}, false
}

// Validate checks every field of the section that is asked.
func (s Section) Validate(a Answers, now time.Time) FieldErrors {
	var errs FieldErrors
	for _, f := range s.Fields {
		f.Check(a, now, &errs)
	}
	return errs
}

// Asked reports whether any question of the section is asked, given the
// answers so far.
func (s Section) Asked(a Answers) bool {
	return slices.ContainsFunc(s.Fields, func(f FieldSpec) bool { return f.Shown(a) })
}

// State tells whether the section is untouched, partly or fully answered.
func (s Section) State(a Answers, now time.Time) SectionState {
	touched := false
	for _, f := range s.Fields {
		if strings.TrimSpace(a[f.Name]) != "" {
			touched = true
		}
	}
	switch {
	case !touched:
		return SectionNotStarted
	case s.Validate(a, now).Any():
		return SectionInProgress
	}
	return SectionCompleted
}

// Bind copies the section's submitted values into a, dropping answers to
// questions that are no longer asked (a representative's relationship after
// switching to "myself"), so that hidden answers never linger.
func (s Section) Bind(a Answers, get func(name string) string) {
	for _, f := range s.Fields {
		a[f.Name] = f.Bind(get)
	}
	for _, f := range s.Fields {
		if !f.Shown(a) {
			delete(a, f.Name)
		}
	}
}

// StandardTime writes a time of day typed on the 24-hour clock the one way
// the store keeps it, HH:MM, whichever separator people use ("14.30",
// "14h30", "14:30", "1430", "9:05"). Anything else is returned trimmed, for
// the check to refuse with the field's message.
func StandardTime(typed string) string {
	v := timeSeparators.Replace(strings.TrimSpace(typed))
	if len(v) == 4 && !strings.Contains(v, ":") {
		v = v[:2] + ":" + v[2:]
	}
	if t, err := time.Parse("15:04", v); err == nil {
		return t.Format("15:04")
	}
	return strings.TrimSpace(typed)
}

// timeSeparators are the ways people separate hours from minutes, made
// the colon the store keeps.
var timeSeparators = strings.NewReplacer(".", ":", "h", ":", "H", ":", " ", "")

// Bind reads the field's value from its inputs: a date from its three
// parts, a time with its separator made standard, text trimmed and with
// line breaks made "\n".
func (f FieldSpec) Bind(get func(name string) string) string {
	switch f.Kind {
	case FieldDate:
		if f.Approx {
			return ParseApproxDate(get(f.Name+"-day"), get(f.Name+"-month"), get(f.Name+"-year"))
		}
		return ParseDateParts(get(f.Name+"-day"), get(f.Name+"-month"), get(f.Name+"-year"))
	case FieldTime:
		return StandardTime(get(f.Name))
	}
	return strings.TrimSpace(strings.ReplaceAll(get(f.Name), "\r\n", "\n"))
}
