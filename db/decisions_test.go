package db

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type staffFixture struct {
	store *DB
	clock *FixedClock
	staff User
	amal  User
	ctx   context.Context
}

func newStaffFixture(t *testing.T) staffFixture {
	store, clock := openStaffTestDB(t)
	return staffFixture{store: store, clock: clock, ctx: context.Background(),
		staff: makeUser(t, store, RoleStaff, "clerk@example.org"),
		amal:  makeUser(t, store, RolePetitioner, "amal@example.org")}
}

func (f staffFixture) admissible(t *testing.T, kind Kind, answers string) Request {
	t.Helper()
	r := fileTestRequest(t, f.store, f.amal, kind, answers)
	require.NoError(t, f.store.DeclareAdmissibility(f.ctx, f.staff, r.ID, AdmissibilityInput{Outcome: OutcomeAdmissible,
		Checks: AdmissibilityChecks}))
	return f.reload(t, r)
}

func (f staffFixture) reload(t *testing.T, r Request) Request {
	t.Helper()
	out, err := f.store.RequestForUser(f.ctx, r.ID, f.staff)
	require.NoError(t, err)
	return out
}

func (f staffFixture) auditCount(t *testing.T) int64 {
	rep, err := f.store.VerifyAudit(f.ctx)
	require.NoError(t, err)
	require.True(t, rep.OK(), rep.Problem)
	return rep.Entries
}

func TestAdmissibleSetsTheDatesAndTheTimeLimit(t *testing.T) {
	f := newStaffFixture(t)
	access := f.admissible(t, KindAccess, `{}`)
	assert.Equal(t, StatusAdmissible, access.Status)
	assert.Equal(t, staffTestStart, access.AdmissibleAt)
	assert.Equal(t, AddMonths(staffTestStart, 4), access.DueAt)
	deletion := f.admissible(t, KindDeletion, `{}`)
	assert.Equal(t, AddMonths(staffTestStart, 9), deletion.DueAt)

	err := f.store.DeclareAdmissibility(f.ctx, f.staff, access.ID, AdmissibilityInput{Outcome: OutcomeInadmissible, Reasons: []string{"id_missing"}})
	assert.Equal(t, EConflict, ErrorCode(err), "once only")
	assert.Equal(t, "admissibility.already_assessed", ErrorMessage(err))
}

func TestAdmissibilityValidation(t *testing.T) {
	f := newStaffFixture(t)
	r := fileTestRequest(t, f.store, f.amal, KindAccess, `{"representation":"representative"}`)
	before := f.auditCount(t)
	cases := map[string]AdmissibilityInput{
		"no outcome":          {},
		"checks missing":      {Outcome: OutcomeAdmissible, Checks: []string{"valid_id"}},
		"no reason":           {Outcome: OutcomeInadmissible},
		"unknown reason":      {Outcome: OutcomeInadmissible, Reasons: []string{"bogus"}},
		"other without text":  {Outcome: OutcomeInadmissible, Reasons: []string{"other"}},
		"representative auth": {Outcome: OutcomeAdmissible, Checks: ChecksFor(Request{})},
	}
	for name, in := range cases {
		err := f.store.DeclareAdmissibility(f.ctx, f.staff, r.ID, in)
		assert.Equal(t, EInvalid, ErrorCode(err), name)
	}
	assert.Equal(t, before, f.auditCount(t), "refused actions record nothing")
	assert.NotContains(t, ChecksFor(Request{}), "authorisation", "someone filing for themself needs no authorisation")

	require.NoError(t, f.store.DeclareAdmissibility(f.ctx, f.staff, r.ID, AdmissibilityInput{Outcome: OutcomeInadmissible,
		Reasons: []string{"id_expired", "other"}, Note: "The passport expired in 2019."}))
	r = f.reload(t, r)
	assert.Equal(t, StatusInadmissible, r.Status)
	assert.True(t, r.DueAt.IsZero())
	a, err := f.store.AdmissibilityOf(f.ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"id_expired", "other"}, a.Reasons)
	assert.Equal(t, before+1, f.auditCount(t), "the finding is audited in its transaction")
}

func TestDecisionRulesAndIllegalTransitions(t *testing.T) {
	f := newStaffFixture(t)
	blobs, err := NewBlobStore(filepath.Join(t.TempDir(), "ev"), bytes.Repeat([]byte{5}, 32))
	require.NoError(t, err)
	r := f.admissible(t, KindAccess, `{}`)

	err = f.store.RecordDecision(f.ctx, f.staff, r.ID, DecisionInput{Outcome: DecisionCompliant, Reasons: "x"}, nil, blobs)
	assert.Equal(t, EInvalid, ErrorCode(err), "a deletion outcome on an access request")
	err = f.store.RecordDecision(f.ctx, f.staff, r.ID, DecisionInput{Outcome: DecisionDataHeld, Reasons: "x"}, nil, blobs)
	assert.Equal(t, EInvalid, ErrorCode(err), "data held needs what may be disclosed")

	staged, err := blobs.Stage(bytes.NewReader(seedPDF("decision")), "decision.pdf", 1<<20)
	require.NoError(t, err)
	require.NoError(t, f.store.RecordDecision(f.ctx, f.staff, r.ID, DecisionInput{Outcome: DecisionDataHeld,
		Reasons: "Held.", Disclosure: "A diffusion of 2024."}, &ReplyFile{Name: "decision.pdf", Blob: staged}, blobs))
	d, err := f.store.DecisionOf(f.ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, r.Reference+"/D", d.Reference)
	require.NotNil(t, d.Document)
	assert.Equal(t, DocDecision, d.Document.Type)
	assert.Equal(t, StatusDecided, f.reload(t, r).Status)

	other, err := blobs.Stage(bytes.NewReader(seedPDF("second")), "second.pdf", 1<<20)
	require.NoError(t, err)
	err = f.store.RecordDecision(f.ctx, f.staff, r.ID, DecisionInput{Outcome: DecisionNoData, Reasons: "again"},
		&ReplyFile{Name: "second.pdf", Blob: other}, blobs)
	assert.Equal(t, EConflict, ErrorCode(err))
	assert.Equal(t, "decision.already_decided", ErrorMessage(err))
	_, openErr := blobs.Open(other.Key)
	assert.Error(t, openErr, "the refused decision's file is removed")

	bad := fileTestRequest(t, f.store, f.amal, KindAccess, `{}`)
	err = f.store.RecordDecision(f.ctx, f.staff, bad.ID, DecisionInput{Outcome: DecisionNoData, Reasons: "x"}, nil, blobs)
	assert.Equal(t, "decision.not_yet_admissible", ErrorMessage(err))
	require.NoError(t, f.store.DeclareAdmissibility(f.ctx, f.staff, bad.ID, AdmissibilityInput{Outcome: OutcomeInadmissible,
		Reasons: []string{"id_missing"}}))
	err = f.store.RecordDecision(f.ctx, f.staff, bad.ID, DecisionInput{Outcome: DecisionNoData, Reasons: "x"}, nil, blobs)
	assert.Equal(t, EConflict, ErrorCode(err))
	assert.Equal(t, "decision.inadmissible", ErrorMessage(err))

	gone := fileTestRequest(t, f.store, f.amal, KindDeletion, `{}`)
	require.NoError(t, f.store.RecordDecision(f.ctx, f.staff, gone.ID, DecisionInput{Outcome: DecisionWithdrawn,
		Reasons: "The applicant withdrew by letter."}, nil, blobs), "withdrawal is possible before admissibility")
	assert.Equal(t, StatusWithdrawn, f.reload(t, gone).Status)
}

func TestDecisionOutcomesPerKind(t *testing.T) {
	assert.Equal(t, []string{DecisionNoData, DecisionDataHeld, DecisionNeitherConfirmNorDeny, DecisionWithdrawn}, DecisionOutcomes(KindAccess))
	assert.Contains(t, DecisionOutcomes(KindDeletion), DecisionNonCompliantDeletion)
	assert.Contains(t, DecisionOutcomes(KindCorrection), DecisionNonCompliantCorrection)
	assert.Equal(t, []string{DecisionUpheld, DecisionRevised, DecisionWithdrawn}, DecisionOutcomes(KindRevision))
	for _, o := range []string{DecisionCompliant, DecisionNoData, DecisionDeletedBeforeDecision, DecisionWithdrawn, DecisionUpheld} {
		_, ordered := NoticeAction(o)
		assert.False(t, ordered, o)
	}
	action, _ := NoticeAction(DecisionNonCompliantCorrection)
	assert.Equal(t, "correct", action)
}
