package admit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestWhatThePortalKnowsAgainstTheChecklist(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	id := []domain.Document{{Type: domain.DocIdentity}}
	self := domain.Request{Answers: domain.Answers{"id_expiry": "2030-01-01"}}
	assert.Empty(t, Known(self, id, now))
	assert.Equal(t, []Fact{{Check: "valid_id", Key: "admit.known.id_missing"}}, Known(self, nil, now))
	expired := domain.Request{Answers: domain.Answers{"id_expiry": "2026-03-01"}}
	assert.Equal(t, []Fact{{Check: "valid_id", Key: "admit.known.id_expired"}}, Known(expired, id, now))
	today := domain.Request{Answers: domain.Answers{"id_expiry": "2026-03-02"}}
	assert.Empty(t, Known(today, id, now), "valid on its last day")
	counsel := domain.Request{Answers: domain.Answers{"representation": "representative", "id_expiry": "2030-01-01"}}
	assert.Equal(t, "admit.known.poa_missing", HintFor(Known(counsel, id, now), "authorisation"))
	assert.Empty(t, Known(counsel, append(id, domain.Document{Type: domain.DocPowerOfAttorney}), now))
	assert.Empty(t, HintFor(Known(self, id, now), "valid_id"))
}

func TestTickingAContradictedCheckNeedsAReason(t *testing.T) {
	facts := []Fact{{Check: "valid_id", Key: "admit.known.id_expired"}}
	in := domain.AdmissibilityInput{Outcome: domain.OutcomeAdmissible, Checks: []string{"valid_id", "working_language"}}
	assert.True(t, Validate(in, facts).Any())
	in.Note = "  "
	assert.True(t, Validate(in, facts).Any(), "blank is no reason")
	in.Note = "Renewed passport received by post."
	assert.False(t, Validate(in, facts).Any())
	assert.False(t, Validate(domain.AdmissibilityInput{Outcome: domain.OutcomeAdmissible, Checks: []string{"working_language"}}, facts).Any(),
		"not ticked, nothing to explain (the checklist's own rule then refuses it)")
	assert.False(t, Validate(domain.AdmissibilityInput{Outcome: domain.OutcomeInadmissible, Reasons: []string{"id_expired"}}, facts).Any())
}
