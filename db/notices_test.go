package db

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

func decide(t *testing.T, f staffFixture, r domain.Request, outcome string) {
	t.Helper()
	require.NoError(t, f.store.RecordDecision(f.ctx, f.staff, r.ID, domain.DecisionInput{Outcome: outcome, Reasons: "Reasons."}, nil, nil))
}

func TestNoticeIsOnlyForADecisionOrderingDeletion(t *testing.T) {
	f := newStaffFixture(t)
	in := domain.NoticeInput{TargetKey: "request", EffectiveOn: "2026-04-01"}
	r := f.admissible(t, domain.KindDeletion, `{"data_kind":"red_notice","source_country":"TR"}`)
	_, err := f.store.IssueNotice(f.ctx, f.staff, r.ID, in)
	assert.Equal(t, "notice.no_decision", domain.ErrorMessage(err))
	decide(t, f, r, outcome.Compliant)
	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, in)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
	assert.Equal(t, "notice.not_ordered", domain.ErrorMessage(err))
}

func TestRedNoticeGoesToEveryMemberAndAcknowledgementsCloseNothing(t *testing.T) {
	f := newStaffFixture(t)
	r := f.admissible(t, domain.KindDeletion, `{"data_kind":"red_notice","source_country":"TR","data_references":"A-1"}`)
	decide(t, f, r, outcome.NonCompliantDeletion)
	targets, err := f.store.NoticeTargets(f.ctx, r)
	require.NoError(t, err)
	require.Len(t, targets, 1)
	assert.Equal(t, domain.ScopeAllMembers, targets[0].Scope())

	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: "request"})
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "the effective date is required")
	id, err := f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: "request", EffectiveOn: "2026-04-01"})
	require.NoError(t, err)
	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: "request", EffectiveOn: "2026-04-01"})
	assert.Equal(t, "notice.already_issued", domain.ErrorMessage(err))

	notices, err := f.store.Notices(f.ctx, r.ID)
	require.NoError(t, err)
	require.Len(t, notices, 1)
	n := notices[0]
	assert.Equal(t, id, n.ID)
	assert.Equal(t, "delete", n.Action)
	assert.Equal(t, r.Reference+"/D", n.DecisionRef)
	assert.Len(t, n.Recipients, len(countries.Members()))
	assert.Len(t, n.Pending(), 196)

	require.NoError(t, f.store.AcknowledgeRecipients(f.ctx, f.staff, r.ID, id, []string{"FR", "DE"}))
	err = f.store.AcknowledgeRecipients(f.ctx, f.staff, r.ID, id, []string{"FR"})
	assert.Equal(t, "notice.nothing_to_acknowledge", domain.ErrorMessage(err))
	notices, _ = f.store.Notices(f.ctx, r.ID)
	assert.Len(t, notices[0].Pending(), 194)
	assert.Equal(t, domain.StatusDecided, f.reload(t, r).Status)

	// Acknowledgements are a follow-up list: even all of them close nothing
	// (the implementation the General Secretariat reports does).
	require.NoError(t, f.store.AcknowledgeRecipients(f.ctx, f.staff, r.ID, id, notices[0].Pending()))
	assert.Equal(t, domain.StatusDecided, f.reload(t, r).Status)
	notices, _ = f.store.Notices(f.ctx, r.ID)
	assert.Empty(t, notices[0].Pending())
}

func TestDiffusionNoticeGoesToTheChosenNCBs(t *testing.T) {
	f := newStaffFixture(t)
	r := f.admissible(t, domain.KindCorrection, `{"data_kind":"wanted_diffusion","source_country":"TR"}`)
	decide(t, f, r, outcome.NonCompliantCorrection)
	_, err := f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: "request", EffectiveOn: "2026-04-01"})
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "a diffusion names its recipients")
	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: "request", EffectiveOn: "2026-04-01", Countries: []string{"KP"}})
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "only member countries have NCBs")
	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: "item:99", EffectiveOn: "2026-04-01", Countries: []string{"FR"}})
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "an unknown data item")
	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: "request", EffectiveOn: "2026-04-01",
		Countries: []string{"FR", "DE", "FR"}})
	require.NoError(t, err)
	notices, _ := f.store.Notices(f.ctx, r.ID)
	assert.Equal(t, "correct", notices[0].Action)
	assert.Equal(t, []string{"DE", "FR"}, notices[0].Pending())
}

func TestNoticeTargetsAreTheFilingsDataItems(t *testing.T) {
	f := newStaffFixture(t)
	r := f.admissible(t, domain.KindDeletion, `{}`)
	_, err := f.store.Writer().Exec(`INSERT INTO data_items (request_id, data_kind, source_country, refs, position)
		VALUES (?, 'red_notice', 'TR', 'A-1', 0), (?, 'wanted_diffusion', 'RU', 'B-2', 1)`, r.ID, r.ID)
	require.NoError(t, err)
	targets, err := f.store.NoticeTargets(f.ctx, r)
	require.NoError(t, err)
	require.Len(t, targets, 2)
	assert.Equal(t, "red_notice", targets[0].DataKind)
	assert.Equal(t, domain.ScopeChosen, targets[1].Scope())
	decide(t, f, r, outcome.NonCompliantDeletion)
	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: targets[0].Key, EffectiveOn: "2026-04-01"})
	require.NoError(t, err)
	_, err = f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: targets[1].Key, EffectiveOn: "2026-04-01",
		Countries: []string{"DE"}})
	require.NoError(t, err, "one notice per data item")
}
