package views

import (
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// glossaryPrefix begins the catalogue keys of the glossary's entries.
const glossaryPrefix = "guide.glossary."

// GlossaryKey is the catalogue key of a glossary entry's name ("diffusion"),
// to which ".term" and ".def" are added.
func GlossaryKey(name string) string { return glossaryPrefix + name }

// TermAnchor is the id of a glossary entry on the glossary page, which the
// explanations on the forms link to; it takes an entry's name or its key.
func TermAnchor(name string) string { return "term-" + strings.TrimPrefix(name, glossaryPrefix) }

// SectionTerms are the words of the procedure each section of the guided
// form is the first to use: they are explained on it, where a person
// meets them, not only in the glossary.
var SectionTerms = map[string][]string{
	domain.SectionRepresentation: {"poa"},
	domain.SectionData:           {"diffusion", "modus_operandi", "ncb"},
	domain.SectionLanguage:       {"working_language"},
	"summary":                    {"summary"},
}

// The words other pages are the first to use, explained on them.
var (
	// DataItemsTerms: a deletion or correction request names its data
	// items instead of answering the section about what INTERPOL may hold.
	DataItemsTerms = []string{"diffusion", "modus_operandi", "ncb"}
	GroundsTerms   = []string{"grounds"}
	EvidenceTerms  = []string{"appendices"}
	UrgentTerms    = []string{"provisional", "extract"}
	// CheckTerms and CaseTerms: the check page lists what would make a
	// request inadmissible; the case page shows whether it was found so.
	CheckTerms = []string{"admissible"}
	CaseTerms  = []string{"admissible"}
)
