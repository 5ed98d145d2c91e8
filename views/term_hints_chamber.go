package views

import "slices"

// The words of the Chamber's work, explained on the pages that are the
// first to use them: the staff's pages of sessions and of a decision's
// steps, the certificate's page, and the applicant's case page once its time limit or its
// implementation shows.
var (
	SessionsTerms       = []string{"session", "agenda"}
	AdoptTerms          = []string{"adoption"}
	SentToGSTerms       = []string{"general_secretariat"}
	ImplementedTerms    = []string{"implementation"}
	DeletionNoticeTerms = []string{"deletion_notice"}
	CertificateTerms    = []string{"certificate"}
)

// CaseTermsFor are the words the applicant's case page explains: always
// CaseTerms; the extension of the time limit while the page gives the date
// the CCF aims to decide by (and says it may extend it); implementation
// once the page says the decision is being, or was, carried out.
func CaseTermsFor(v CaseView) []string {
	terms := slices.Clone(CaseTerms)
	if !v.Request.DueAt.IsZero() && v.Request.Status.IsOpen() {
		terms = append(terms, "extension")
	}
	if v.Outcome.NoticeIssued || !v.Outcome.CarriedOutAt.IsZero() {
		terms = append(terms, "implementation")
	}
	return terms
}
