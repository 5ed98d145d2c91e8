package domain

import "unicode/utf8"

// DocLanguages are the answers to "what language is this document in?":
// a working language, or another one (which then needs a translation).
var DocLanguages = []string{"ar", "en", "fr", "es", "other"}

// ValidateEvidence checks an evidence upload's fields. Grounds are checked
// against the request's chosen grounds when stored.
func ValidateEvidence(d NewDocument, chosen []Ground) FieldErrors {
	errs := ValidateNewDocument(d, EvidenceDocTypes)
	if !contains(DocLanguages, d.Language) {
		errs.Add("doc_language", "evidence.language_required")
	}
	for _, g := range d.Grounds {
		if !GroundChosen(chosen, g) {
			errs.Add("grounds", "evidence.ground_not_chosen")
			break
		}
	}
	if d.Type == DocTranslation && d.TranslationOf == 0 {
		errs.Add("translation_of", "evidence.translation_of_required")
	}
	if utf8.RuneCountInString(d.Description) == 0 {
		errs.Add("description", "evidence.description_required")
	}
	if d.Type == DocSummary && d.PagesUnknown {
		errs.Add("file", "upload.pages_unknown")
	}
	return errs
}

// GroundChosen reports whether g is among the chosen grounds.
func GroundChosen(chosen []Ground, g GroundCode) bool {
	for _, c := range chosen {
		if c.Code == g {
			return true
		}
	}
	return false
}

// deletionProblems are the checks particular to deletion and correction
// requests: at least one explained ground, the format limits, and the
// weaknesses worth a warning.
func deletionProblems(f Filing, limits Limits) []Problem {
	var out []Problem
	if len(f.Grounds) == 0 {
		out = append(out, Problem{Key: "problem.no_grounds", Section: TaskGrounds, Blocking: true})
	}
	for _, g := range f.Grounds {
		title := "ground." + string(g.Code) + ".title"
		if g.Explanation == "" {
			out = append(out, Problem{Key: "problem.ground_unexplained", Section: TaskGrounds, Blocking: true, Args: []any{title}})
		} else if len(f.EvidenceFor(g.Code)) == 0 {
			out = append(out, Problem{Key: "problem.ground_without_evidence", Section: TaskEvidence, Args: []any{title}})
		}
	}
	// The format limits are the CCF's practice: warned of, not refused.
	if n := len(f.Appendices()); n > limits.MaxAppendices {
		out = append(out, Problem{Key: "problem.too_many_appendices", Section: TaskEvidence,
			Args: []any{n, limits.MaxAppendices}})
	}
	if d, ok := f.SummaryDocument(); ok && d.PageCount > limits.MaxSummaryPages {
		out = append(out, Problem{Key: "problem.summary_too_long", Section: TaskEvidence,
			Args: []any{d.PageCount, limits.MaxSummaryPages}})
	}
	if GroundChosen(f.Grounds, "refugee") && !HasDocument(f.Documents, DocAsylumDecision) {
		out = append(out, Problem{Key: "problem.refugee_without_decision", Section: TaskEvidence})
	}
	for _, d := range f.Documents {
		if d.Language == "other" && d.Type != DocTranslation && !f.HasTranslation(d) {
			out = append(out, Problem{Key: "problem.untranslated", Section: TaskEvidence, Args: []any{d.Name}})
		}
	}
	return out
}
