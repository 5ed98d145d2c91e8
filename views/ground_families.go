package views

import "github.com/ccf-portal/ccfportal/db/domain"

// groundFamilies gathers the checklist's grounds by the kind of reason
// they give, so that a phone shows one kind at a time: each family is a
// disclosure, open when it holds a chosen ground. The checklist itself
// (domain.Grounds) keeps its order inside each family.
var groundFamilies = []struct {
	Key   string // "grounds.family.<Key>" in the catalogue
	Codes []domain.GroundCode
}{
	{"character", []domain.GroundCode{"political", "human_rights", "refugee"}},
	{"offence", []domain.GroundCode{"private_dispute", "family_matter", "excluded_offence", "penalty_threshold",
		"no_international_interest"}},
	{"data", []domain.GroundCode{"judicial_data", "outdated", "wrong_identity"}},
	{"elsewhere", []domain.GroundCode{"ne_bis_in_idem", "extradition_refused", "improper_purpose", "other"}},
}

// GroundGroup is one family of grounds as the page shows it: its grounds
// with their place in the checklist (which their checkboxes' ids keep)
// and how many of them the request has chosen.
type GroundGroup struct {
	Key     string
	Grounds []IndexedGround
	Chosen  int
}

// OpensOnError reports whether the family is open when the checklist
// comes back with a problem: the one holding the first ground, where the
// error summary's link lands. The others stay closed, so that a phone
// shows one family at a time; any family holding a chosen ground is open
// anyway.
func (g GroundGroup) OpensOnError() bool {
	return len(g.Grounds) > 0 && g.Grounds[0].Index == 0
}

// IndexedGround is a ground with its place in domain.Grounds.
type IndexedGround struct {
	Index int
	domain.GroundInfo
}

// GroundGroups sorts the checklist into its families. A ground no family
// names goes into the last one, so that a ground added to the checklist
// is never left off the page.
func GroundGroups(chosen []domain.Ground) []GroundGroup {
	out := make([]GroundGroup, len(groundFamilies))
	family := map[domain.GroundCode]int{}
	for i, f := range groundFamilies {
		out[i].Key = f.Key
		for _, c := range f.Codes {
			family[c] = i
		}
	}
	for i, g := range domain.Grounds {
		fi, ok := family[g.Code]
		if !ok {
			fi = len(out) - 1
		}
		out[fi].Grounds = append(out[fi].Grounds, IndexedGround{Index: i, GroundInfo: g})
		if domain.GroundChosen(chosen, g.Code) {
			out[fi].Chosen++
		}
	}
	return out
}
