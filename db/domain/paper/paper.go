// Package paper holds the rules of cases the CCF received outside the
// portal (by e-mail or post) and imports: the channel, the original
// received date, the CCF reference the case already has, the applicant's
// details and the documents; and the single-use invitation codes that let
// the applicant or counsel follow such a case in the portal. Pure Go.
package paper

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Channel is how a case reached the CCF.
type Channel string

// The channels a case can come by outside the portal.
const (
	ChannelEmail Channel = "email"
	ChannelPost  Channel = "post"
	ChannelOther Channel = "other"
)

// Channels lists them in the order they are offered.
var Channels = []Channel{ChannelEmail, ChannelPost, ChannelOther}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == ChannelEmail || c == ChannelPost || c == ChannelOther }

// Kinds are the request kinds a case can be imported as; provisional
// measures are asked on a case, never imported on their own.
var Kinds = []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindCorrection, domain.KindRevision}

// DocTypes are the types an imported document can be given: the letter or
// e-mail itself, and what came with it.
var DocTypes = []domain.DocType{domain.DocCorrespondence, domain.DocIdentity, domain.DocPowerOfAttorney,
	domain.DocSummary, domain.DocCourtDecision, domain.DocSupporting, domain.DocOtherEvidence}

// MaxDocuments is how many documents one import carries; more are added
// later like any further document.
const MaxDocuments = 5

// Import is what staff enter about a case received outside the portal.
type Import struct {
	Channel    Channel
	ReceivedOn string // YYYY-MM-DD, the day the CCF received it
	Reference  string // the CCF reference it already has
	Kind       domain.Kind
	AlsoAccess bool
	// Applicant holds full_name, birth_date, nationality, contact_email
	// (optional) and language, named as in a filing.
	Applicant domain.Answers
}

// Document is one document of an import: its type and whether a file came.
type Document struct {
	Type    domain.DocType
	HasFile bool
}

// applicantFields are the applicant's details an import asks, checked as
// a filing checks them.
var applicantFields = []domain.FieldSpec{
	{Name: "full_name", Kind: domain.FieldText, Required: true, MaxRunes: 200},
	{Name: "birth_date", Kind: domain.FieldDate, Required: true, Date: domain.PastDate},
	{Name: "nationality", Kind: domain.FieldNationality, Required: true},
	{Name: "contact_email", Kind: domain.FieldEmail, MaxRunes: 254},
	{Name: "language", Kind: domain.FieldChoice, Required: true, Options: domain.WorkingLangs},
}

// ApplicantFieldNames are the names of the applicant's details, in order.
func ApplicantFieldNames() []string {
	out := make([]string, len(applicantFields))
	for i, f := range applicantFields {
		out[i] = f.Name
	}
	return out
}

// referencePattern is the CCF's reference: CCF-YYYY-NNNNNN.
var referencePattern = regexp.MustCompile(`^CCF-(\d{4})-(\d{6})$`)

// FirstReferenceYear is the earliest year a reference may carry.
const FirstReferenceYear = 1990

// NormalizeReference trims a typed reference and puts it in capitals.
func NormalizeReference(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// ParseReference reads a normalised reference's year and number; ok is
// false unless it has the CCF's format, a year from FirstReferenceYear to
// the current one and a number above zero.
func ParseReference(ref string, now time.Time) (year int, number int64, ok bool) {
	m := referencePattern.FindStringSubmatch(ref)
	if m == nil {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	number, _ = strconv.ParseInt(m[2], 10, 64)
	if year < FirstReferenceYear || year > now.UTC().Year() || number == 0 {
		return 0, 0, false
	}
	return year, number, true
}

// ReceivedAt is the moment an import counts as submitted: the start (UTC)
// of the day it was received.
func ReceivedAt(receivedOn string) time.Time {
	d, _ := time.Parse(time.DateOnly, receivedOn)
	return d.UTC()
}

// ValidateImport checks an import and normalises its reference; the
// problems come in the order the form asks.
func ValidateImport(in *Import, docs []Document, now time.Time) domain.FieldErrors {
	var errs domain.FieldErrors
	if !in.Channel.Valid() {
		errs.Add("channel", "paper.channel_required")
	}
	checkReceived(in.ReceivedOn, now, &errs)
	in.Reference = NormalizeReference(in.Reference)
	if in.Reference == "" {
		errs.Add("reference", "paper.reference_required")
	} else if _, _, ok := ParseReference(in.Reference, now); !ok {
		errs.Add("reference", "paper.reference_format")
	}
	if !validKind(in.Kind) {
		errs.Add("kind", "paper.kind_required")
	}
	if in.Kind != domain.KindDeletion && in.Kind != domain.KindCorrection {
		in.AlsoAccess = false
	}
	for _, f := range applicantFields {
		f.Check(in.Applicant, now, &errs)
	}
	checkDocuments(docs, &errs)
	return errs
}

func checkReceived(v string, now time.Time, errs *domain.FieldErrors) {
	d, err := time.Parse(time.DateOnly, v)
	switch {
	case v == "":
		errs.Add("received_on", "paper.received_required")
	case err != nil || d.Year() < FirstReferenceYear:
		errs.Add("received_on", "answer.date_invalid")
	case d.After(now.UTC().Truncate(24 * time.Hour)):
		errs.Add("received_on", "paper.received_future")
	}
}

func validKind(k domain.Kind) bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// checkDocuments wants at least one document, each with a known type.
func checkDocuments(docs []Document, errs *domain.FieldErrors) {
	files := 0
	for i, d := range docs {
		if !d.HasFile {
			continue
		}
		files++
		if !validDocType(d.Type) {
			errs.Add(DocTypeField(i), "paper.doc_type_required")
		}
	}
	if files == 0 {
		errs.Add(DocField(0), "paper.documents_required")
	}
}

func validDocType(t domain.DocType) bool {
	for _, v := range DocTypes {
		if v == t {
			return true
		}
	}
	return false
}

// DocField is the name of the i-th (from 0) file input of the form.
func DocField(i int) string { return "doc_" + strconv.Itoa(i+1) }

// DocTypeField is the name of the i-th (from 0) document type input.
func DocTypeField(i int) string { return "type_" + strconv.Itoa(i+1) }
