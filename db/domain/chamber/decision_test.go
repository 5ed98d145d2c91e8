package chamber

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

func TestADecisionGoesFromDraftToTheApplicantInOrder(t *testing.T) {
	clock := domain.NewFixedClock(time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC))
	r := domain.Request{Kind: domain.KindDeletion, Status: domain.StatusUnderReview}
	var none *Decision
	assert.NoError(t, CanDraft(r, none))
	assert.Equal(t, "chamber.no_draft", domain.ErrorMessage(CanAdopt(r, none, 1)))

	d := &Decision{Input: domain.DecisionInput{Outcome: outcome.NonCompliantDeletion}}
	assert.Equal(t, StageDrafted, d.Stage())
	assert.Equal(t, "chamber.not_on_agenda", domain.ErrorMessage(CanAdopt(r, d, 0)))
	assert.NoError(t, CanAdopt(r, d, 3))
	assert.True(t, ValidateStep(d, StageSentToGS, "2026-05-04", "", clock.Now()).Any(), "not adopted yet")

	d.AdoptedAt = clock.Now().Add(-24 * time.Hour)
	assert.Equal(t, StageAdopted, d.Stage())
	assert.Error(t, CanDraft(r, d), "frozen once adopted")
	assert.Error(t, CanAdopt(r, d, 3), "adopted once")
	assert.True(t, ValidateStep(d, StageSentToGS, "2026-05-05", "", clock.Now()).Any(), "not in the future")
	assert.True(t, ValidateStep(d, StageSentToGS, "2026-05-01", "", clock.Now()).Any(), "not before the adoption")
	assert.True(t, ValidateStep(d, StageSentToApplicant, "2026-05-04", "", clock.Now()).Any(), "the GS first")
	assert.False(t, ValidateStep(d, StageSentToGS, "2026-05-04", "", clock.Now()).Any())

	d.SentToGSOn = "2026-05-04"
	assert.True(t, ValidateStep(d, StageImplemented, "2026-05-04", " ", clock.Now()).Any(), "what was done")
	assert.False(t, ValidateStep(d, StageSentToApplicant, "2026-05-04", "", clock.Now()).Any())
	d.SentToApplicant = "2026-05-04"
	assert.False(t, Closes(*d), "the data are still to be deleted")
	clock.Advance(48 * time.Hour)
	assert.False(t, ValidateStep(d, StageImplemented, "2026-05-06", "Deleted.", clock.Now()).Any())
	d.ImplementedOn = "2026-05-06"
	assert.True(t, Closes(*d))
	assert.Equal(t, StageSentToApplicant, d.Stage())

	kept := Decision{Input: domain.DecisionInput{Outcome: outcome.Compliant}, SentToApplicant: "2026-05-04"}
	assert.True(t, Closes(kept), "nothing to implement on the data")
}

// A decision recorded before decisions had a life was sent to the
// applicant when recorded: it still goes to the General Secretariat and
// is implemented, once each, and is not sent again.
func TestAnEarlierDecisionStillGoesToTheGSAndIsImplemented(t *testing.T) {
	clock := domain.NewFixedClock(time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC))
	decided := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	d := &Decision{Input: domain.DecisionInput{Outcome: outcome.NonCompliantDeletion}, Earlier: true,
		DraftedAt: decided, AdoptedAt: decided, SentToApplicant: "2025-11-03"}
	assert.Equal(t, StageSentToApplicant, d.Stage())
	assert.True(t, ValidateStep(d, StageImplemented, "2026-05-04", "Deleted.", clock.Now()).Any(), "the GS first")
	assert.True(t, ValidateStep(d, StageSentToGS, "2025-11-02", "", clock.Now()).Any(), "not before the decision")
	assert.False(t, ValidateStep(d, StageSentToGS, "2026-05-04", "", clock.Now()).Any())
	d.SentToGSOn = "2026-05-04"
	assert.True(t, ValidateStep(d, StageSentToGS, "2026-05-04", "", clock.Now()).Any(), "once")
	assert.True(t, ValidateStep(d, StageSentToApplicant, "2026-05-04", "", clock.Now()).Any(), "already sent")
	assert.False(t, Closes(*d), "the data are still to be deleted")
	assert.False(t, ValidateStep(d, StageImplemented, "2026-05-04", "Deleted.", clock.Now()).Any())
	d.ImplementedOn = "2026-05-04"
	assert.True(t, Closes(*d))
}
