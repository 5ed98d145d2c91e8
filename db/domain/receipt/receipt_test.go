package receipt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/receipt"
)

func TestADraftHasNoReceipt(t *testing.T) {
	now := domain.NewFixedClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)).Now()
	_, err := receipt.New(domain.Filing{Request: domain.Request{Kind: domain.KindAccess, Status: domain.StatusDraft}}, now)
	require.Error(t, err)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err))
}

func TestAReceiptListsWhatWasFiledAndNotTheCCFsDecision(t *testing.T) {
	now := domain.NewFixedClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)).Now()
	f := domain.Filing{
		Request: domain.Request{Kind: domain.KindAccess, Status: domain.StatusDecided, SubmittedAt: now.Add(-time.Hour),
			Answers: domain.Answers{"representation": "self", "full_name": "Amal Haddad"}},
		Documents: []domain.Document{{ID: 1, Type: domain.DocIdentity, Name: "passport.pdf"},
			{ID: 2, Type: domain.DocDecision, Name: "decision.pdf"}},
	}
	rc, err := receipt.New(f, now)
	require.NoError(t, err)
	require.Len(t, rc.Documents, 1)
	assert.Equal(t, "passport.pdf", rc.Documents[0].Name)
	assert.Contains(t, rc.Sections, domain.SectionRepresentation)
	assert.Contains(t, rc.Sections, domain.SectionApplicant)
	assert.Contains(t, rc.Sections, domain.SectionDocuments)
	assert.NotContains(t, rc.Sections, domain.SectionContact, "a section with nothing in it was not filed")
}

func TestArchiveNamesAreSafeAndDistinct(t *testing.T) {
	got := receipt.ArchiveNames([]string{"passport.pdf", "Passport.PDF", "passport.pdf", "../../etc/passwd",
		`C:\x\y.pdf`, "...", "manifest.txt", "a:b*c?.docx", ".hidden", "README"})
	assert.Equal(t, []string{"passport.pdf", "Passport (2).PDF", "passport (3).pdf", "_.._etc_passwd",
		"C__x_y.pdf", "document", "manifest (2).txt", "a_b_c_.docx", "hidden", "README"}, got)
	for _, n := range got {
		assert.NotContains(t, n, "/")
		assert.NotContains(t, n, `\`)
	}
}
