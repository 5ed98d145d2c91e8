package domain

// GroundCode names a ground for deletion or correction (DOMAIN.md).
type GroundCode string

// GroundInfo describes a ground: its rule, and the document types that
// usually prove it. Its plain-language texts are in the catalog under
// "ground.<code>.title", ".what" and ".evidence".
type GroundInfo struct {
	Code     GroundCode
	Rule     string
	Evidence []DocType
}

// Grounds is the checklist, in the order the form offers it.
var Grounds = []GroundInfo{
	{"political", "Constitution Art. 3", []DocType{DocNGOReport, DocPressArticle, DocCourtDecision}},
	{"human_rights", "Constitution Art. 2", []DocType{DocCourtDecision, DocNGOReport}},
	{"refugee", "Refugee resolution (2017)", []DocType{DocAsylumDecision}},
	{"private_dispute", "RPD Art. 83(1)(a)(i)", []DocType{DocCorrespondence, DocCourtDecision}},
	{"family_matter", "RPD Art. 83(1)(a)(i)", []DocType{DocCourtDecision}},
	{"excluded_offence", "RPD Art. 83(1)(a)(i)", []DocType{DocArrestWarrant, DocOtherEvidence}},
	{"penalty_threshold", "RPD Art. 83(1)(a)(ii)", []DocType{DocCourtDecision, DocOtherEvidence}},
	{"no_international_interest", "RPD", []DocType{DocExtraditionJudgment, DocCorrespondence}},
	{"judicial_data", "RPD Art. 83(2)", []DocType{DocArrestWarrant, DocCourtDecision}},
	{"outdated", "RPD data quality", []DocType{DocCourtDecision}},
	{"ne_bis_in_idem", "", []DocType{DocCourtDecision}},
	{"extradition_refused", "CCF practice", []DocType{DocExtraditionJudgment}},
	{"wrong_identity", "RPD accuracy", []DocType{DocOtherEvidence}},
	{"improper_purpose", "CCF practice", []DocType{DocCorrespondence}},
	{"other", "", nil},
}

// GroundByCode finds a ground of the checklist.
func GroundByCode(code GroundCode) (GroundInfo, bool) {
	for _, g := range Grounds {
		if g.Code == code {
			return g, true
		}
	}
	return GroundInfo{}, false
}

// Ground is a ground argued in a request, with the applicant's explanation.
type Ground struct {
	Code        GroundCode
	Explanation string
}

// MaxExplanationRunes limits one ground's explanation.
const MaxExplanationRunes = 10000
