package domain

// DataItem is one piece of INTERPOL data a deletion or correction request
// challenges: a notice, a diffusion or another record.
type DataItem struct {
	ID            int64
	RequestID     int64
	DataKind      string
	SourceCountry string
	Refs          string
	IssuedOn      string // approximate date, YYYY-MM-DD, YYYY-MM or YYYY, if known
	WrongData     string // for a correction: what is wrong
	CorrectData   string // for a correction: what is right
}

// DataItemSection describes the fields of one data item, so the generic
// field checks and widgets serve it too. The correction fields are asked
// only on correction requests.
func DataItemSection(k Kind) Section {
	correction := func(Answers) bool { return k == KindCorrection }
	return Section{Key: "data-item", Fields: []FieldSpec{
		{Name: "data_kind", Kind: FieldChoice, Required: true, Options: DataKinds},
		{Name: "source_country", Kind: FieldMemberCountry, Required: true},
		{Name: "data_references", Kind: FieldLongText, MaxRunes: 1000},
		{Name: "issued_on", Kind: FieldDate, Date: PastDate, Approx: true},
		{Name: "wrong_data", Kind: FieldLongText, MaxRunes: 4000, RequiredIf: correction, ShownIf: correction},
		{Name: "correct_data", Kind: FieldLongText, MaxRunes: 4000, RequiredIf: correction, ShownIf: correction},
	}}
}

// Answers returns the item as field answers, for the shared form widgets.
func (d DataItem) Answers() Answers {
	return Answers{"data_kind": d.DataKind, "source_country": d.SourceCountry, "data_references": d.Refs,
		"issued_on": d.IssuedOn, "wrong_data": d.WrongData, "correct_data": d.CorrectData}
}

// MaxDataItems bounds how many items one request challenges.
const MaxDataItems = 20
