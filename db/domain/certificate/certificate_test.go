package certificate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

func TestOnlyTheApplicantsSideMayApplyAfterADeletionOncePending(t *testing.T) {
	clock := domain.NewFixedClock(time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC))
	now := clock.Now()
	petitioner := domain.User{ID: 1, Role: domain.RolePetitioner}
	counsel := domain.User{ID: 2, Role: domain.RoleCounsel}
	staff := domain.User{ID: 3, Role: domain.RoleStaff}
	deleted := &domain.Decision{Outcome: outcome.NonCompliantDeletion, DecidedAt: now.Add(-time.Hour)}
	before := &domain.Decision{Outcome: outcome.DeletedBeforeDecision, DecidedAt: now.Add(-time.Hour)}

	assert.NoError(t, CanApply(petitioner, deleted, nil, now))
	assert.NoError(t, CanApply(counsel, before, nil, now), "data deleted before a decision")
	assert.Equal(t, domain.EForbidden, domain.ErrorCode(CanApply(staff, deleted, nil, now)))

	noReply := &domain.Decision{Outcome: outcome.DeletedNoReply, DecidedAt: now.Add(-time.Hour)}
	assert.NoError(t, CanApply(petitioner, noReply, nil, now), "deleted because the source did not reply")
	revised := &domain.Decision{Outcome: outcome.Revised, DecidedAt: now.Add(-time.Hour)}
	revised.Revised = outcome.NonCompliantDeletion
	assert.NoError(t, CanApply(petitioner, revised, nil, now), "a revision that ordered the deletion")

	for _, o := range []string{outcome.Compliant, outcome.NonCompliantCorrection, outcome.NoData,
		outcome.NeitherConfirmNorDeny, outcome.Withdrawn} {
		err := CanApply(petitioner, &domain.Decision{Outcome: o, DecidedAt: now}, nil, now)
		assert.Equal(t, "certificate.not_after_deletion", domain.ErrorMessage(err), o)
	}
	assert.Equal(t, "certificate.not_after_deletion", domain.ErrorMessage(CanApply(petitioner, nil, nil, now)),
		"nothing sent yet")
	clock.Advance(-2 * time.Hour)
	assert.Error(t, CanApply(petitioner, deleted, nil, clock.Now()), "not before the decision was sent")

	pending := []Application{{ID: 1, State: StateRefused}, {ID: 2, State: StatePending}}
	assert.Equal(t, "certificate.already_pending", domain.ErrorMessage(CanApply(counsel, deleted, pending, now)))
	answered := []Application{{ID: 1, State: StateRefused}, {ID: 2, State: StateIssued}}
	assert.NoError(t, CanApply(counsel, deleted, answered, now), "again once answered")

	p, err := CanAnswer(pending)
	assert.NoError(t, err)
	assert.Equal(t, int64(2), p.ID)
	_, err = CanAnswer(answered)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
}

func TestTheAnswerIsAPDFOrAMessage(t *testing.T) {
	assert.True(t, ValidateDocument(false, "").Any())
	assert.True(t, ValidateDocument(true, "image/jpeg").Any())
	assert.False(t, ValidateDocument(true, PDF).Any())
	assert.True(t, ValidateRefusal("  ").Any())
	assert.False(t, ValidateRefusal("The General Secretariat still examines the file.").Any())
	assert.False(t, ValidatePurpose("").Any(), "the note is optional")
	assert.True(t, ValidatePurpose("visa\x00").Any())
}
