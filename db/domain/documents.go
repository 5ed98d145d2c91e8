package domain

import (
	"slices"
	"time"
	"unicode/utf8"
)

// DocType is what a document is for.
type DocType string

// The document types. This is the one list of them: each upload form offers
// a subset (FilingDocTypes, EvidenceDocTypes, RecordDocTypes), and the rest
// are set by the action that attaches the file.
const (
	// Identity, authorisation and supporting papers of a first filing.
	DocIdentity        DocType = "identity"
	DocPowerOfAttorney DocType = "power_of_attorney"
	DocRelationship    DocType = "relationship_proof"
	DocSupporting      DocType = "supporting"
	DocRegistration    DocType = "registration"     // a company's or an organisation's registration
	DocSignerAuthority DocType = "signer_authority" // proof that the signer may act for it

	// Evidence of deletion and correction requests: the appendices.
	DocCourtDecision       DocType = "court_decision"
	DocArrestWarrant       DocType = "arrest_warrant"
	DocAsylumDecision      DocType = "asylum_decision"
	DocExtraditionJudgment DocType = "extradition_judgment"
	DocNGOReport           DocType = "ngo_un_report"
	DocPressArticle        DocType = "press_article"
	DocCorrespondence      DocType = "correspondence"
	DocTranslation         DocType = "translation"
	DocSummary             DocType = "summary_of_arguments"
	DocOtherEvidence       DocType = "other_evidence"

	// Set by the action that carries the file.
	DocUrgencyEvidence    DocType = "urgency_evidence"    // a request for provisional measures
	DocRevisionSummary    DocType = "revision_summary"    // an application for revision
	DocClarificationReply DocType = "clarification_reply" // an answer to a clarification
	DocDecision           DocType = "decision"            // the Commission's decision, attached by staff
	DocPriorDecision      DocType = "prior_decision"      // the applicant's copy of a decision taken outside the portal
)

// DocTypes are all the document types, in the order declared above.
var DocTypes = []DocType{DocIdentity, DocPowerOfAttorney, DocRelationship, DocSupporting, DocRegistration, DocSignerAuthority,
	DocCourtDecision, DocArrestWarrant, DocAsylumDecision, DocExtraditionJudgment, DocNGOReport,
	DocPressArticle, DocCorrespondence, DocTranslation, DocSummary, DocOtherEvidence,
	DocUrgencyEvidence, DocRevisionSummary, DocClarificationReply, DocDecision, DocPriorDecision}

// FilingDocTypes are the types a person can choose when uploading to a
// first filing, in the order the form offers them.
var FilingDocTypes = []DocType{DocIdentity, DocPowerOfAttorney, DocRelationship, DocRegistration, DocSignerAuthority, DocSupporting}

// EvidenceDocTypes are the types of evidence, in the order the form offers
// them.
var EvidenceDocTypes = []DocType{DocCourtDecision, DocArrestWarrant, DocAsylumDecision, DocExtraditionJudgment,
	DocNGOReport, DocPressArticle, DocCorrespondence, DocTranslation, DocSummary, DocOtherEvidence}

// RecordDocTypes are the types kept on an applicant record, and copied
// into each new filing for that applicant.
var RecordDocTypes = []DocType{DocIdentity, DocPowerOfAttorney, DocRelationship}

// IsEvidence reports whether a document is an appendix of the arguments
// rather than an identity or authorisation document.
func (d Document) IsEvidence() bool {
	return slices.Contains(EvidenceDocTypes, d.Type)
}

// Document is an uploaded file's record; the file itself is in the blob
// store, encrypted, under StorageKey.
type Document struct {
	ID           int64
	RequestID    int64
	UploadedBy   int64
	Type         DocType
	Name         string
	ContentType  string
	Size         int64
	SHA256       string
	StorageKey   string
	Confidential bool
	Description  string
	AfterFiling  bool
	CreatedAt    time.Time
	// TranslationOf is the document this one translates, or 0.
	TranslationOf int64
	// Language is the document's language: a working language code, or
	// "other" when it needs a translation.
	Language string
	// PageCount is the number of pages of a PDF, 0 when not counted.
	PageCount int
	// Warnings are what the upload checks found that staff should know
	// before opening the file (codes, see filetype.WarnJavaScript).
	Warnings []string
}

// NewDocument is what an upload form supplies besides the file.
type NewDocument struct {
	Type          DocType
	Name          string
	Confidential  bool
	Description   string
	Grounds       []GroundCode
	Language      string
	TranslationOf int64
	PageCount     int
	// PagesUnknown is set for a PDF whose pages could not be counted: a
	// document with a page limit is refused then.
	PagesUnknown bool
}

// MaxDescriptionRunes limits a document's description.
const MaxDescriptionRunes = 500

// ValidateNewDocument checks an upload's fields against the types allowed.
func ValidateNewDocument(d NewDocument, allowed []DocType) FieldErrors {
	var errs FieldErrors
	if !slices.Contains(allowed, d.Type) {
		errs.Add("doc_type", "upload.doc_type_required")
	}
	if key := TextFault(d.Description, true); key != "" {
		errs.Add("description", key)
	} else if utf8.RuneCountInString(d.Description) > MaxDescriptionRunes {
		errs.Add("description", "answer.too_long", MaxDescriptionRunes)
	}
	return errs
}

// HasDocument reports whether docs hold one of type t.
func HasDocument(docs []Document, t DocType) bool {
	for _, d := range docs {
		if d.Type == t {
			return true
		}
	}
	return false
}
