package db

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

type staffFixture struct {
	store *DB
	clock *domain.FixedClock
	staff domain.User
	amal  domain.User
	ctx   context.Context
}

func newStaffFixture(t *testing.T) staffFixture {
	store, clock := openStaffTestDB(t)
	return staffFixture{store: store, clock: clock, ctx: context.Background(),
		staff: makeUser(t, store, domain.RoleStaff, "clerk@example.org"),
		amal:  makeUser(t, store, domain.RolePetitioner, "amal@example.org")}
}

func (f staffFixture) admissible(t *testing.T, kind domain.Kind, answers string) domain.Request {
	t.Helper()
	r := fileTestRequest(t, f.store, f.amal, kind, answers)
	require.NoError(t, f.store.DeclareAdmissibility(f.ctx, f.staff, r.ID, domain.AdmissibilityInput{Outcome: domain.OutcomeAdmissible, Note: "Identity document seen on paper.",
		Checks: domain.AdmissibilityChecks}))
	return f.reload(t, r)
}

func (f staffFixture) reload(t *testing.T, r domain.Request) domain.Request {
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
	access := f.admissible(t, domain.KindAccess, `{}`)
	assert.Equal(t, domain.StatusAdmissible, access.Status)
	assert.Equal(t, staffTestStart, access.AdmissibleAt)
	assert.Equal(t, domain.AddMonths(staffTestStart, 4), access.DueAt)
	deletion := f.admissible(t, domain.KindDeletion, `{}`)
	assert.Equal(t, domain.AddMonths(staffTestStart, 9), deletion.DueAt)

	err := f.store.DeclareAdmissibility(f.ctx, f.staff, access.ID, domain.AdmissibilityInput{Outcome: domain.OutcomeInadmissible, Reasons: []string{"id_missing"}})
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err), "once only")
	assert.Equal(t, "admissibility.already_assessed", domain.ErrorMessage(err))
}

func TestAdmissibilityValidation(t *testing.T) {
	f := newStaffFixture(t)
	r := fileTestRequest(t, f.store, f.amal, domain.KindAccess, `{"representation":"representative"}`)
	before := f.auditCount(t)
	cases := map[string]domain.AdmissibilityInput{
		"no outcome":          {},
		"checks missing":      {Outcome: domain.OutcomeAdmissible, Checks: []string{"valid_id"}},
		"no reason":           {Outcome: domain.OutcomeInadmissible},
		"unknown reason":      {Outcome: domain.OutcomeInadmissible, Reasons: []string{"bogus"}},
		"other without text":  {Outcome: domain.OutcomeInadmissible, Reasons: []string{"other"}},
		"representative auth": {Outcome: domain.OutcomeAdmissible, Checks: domain.ChecksFor(domain.Request{})},
	}
	for name, in := range cases {
		err := f.store.DeclareAdmissibility(f.ctx, f.staff, r.ID, in)
		assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), name)
	}
	assert.Equal(t, before, f.auditCount(t), "refused actions record nothing")
	assert.NotContains(t, domain.ChecksFor(domain.Request{}), "authorisation", "someone filing for themself needs no authorisation")

	require.NoError(t, f.store.DeclareAdmissibility(f.ctx, f.staff, r.ID, domain.AdmissibilityInput{Outcome: domain.OutcomeInadmissible,
		Reasons: []string{"id_expired", "other"}, Note: "The passport expired in 2019."}))
	r = f.reload(t, r)
	assert.Equal(t, domain.StatusInadmissible, r.Status)
	assert.True(t, r.DueAt.IsZero())
	a, err := f.store.AdmissibilityOf(f.ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"id_expired", "other"}, a.Reasons)
	assert.Equal(t, before+1, f.auditCount(t), "the finding is audited in its transaction")
}

func TestDecisionRulesAndIllegalTransitions(t *testing.T) {
	f := newStaffFixture(t)
	blobs, err := blob.NewStore(filepath.Join(t.TempDir(), "ev"), bytes.Repeat([]byte{5}, 32))
	require.NoError(t, err)
	r := f.admissible(t, domain.KindAccess, `{}`)

	err = f.store.RecordDecision(f.ctx, f.staff, r.ID, domain.DecisionInput{Outcome: outcome.Compliant, Reasons: "x"}, nil, blobs)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "a deletion outcome on an access request")
	err = f.store.RecordDecision(f.ctx, f.staff, r.ID, domain.DecisionInput{Outcome: outcome.DataHeld, Reasons: "x"}, nil, blobs)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "data held needs what may be disclosed")

	staged, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF("decision")), "decision.pdf", 1<<20)
	require.NoError(t, err)
	require.NoError(t, f.store.RecordDecision(f.ctx, f.staff, r.ID, domain.DecisionInput{Outcome: outcome.DataHeld,
		Reasons: "Held.", Disclosure: "A diffusion of 2024."}, &ReplyFile{Name: "decision.pdf", Blob: staged}, blobs))
	d, err := f.store.DecisionOf(f.ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, r.Reference+"/D", d.Reference)
	require.NotNil(t, d.Document)
	assert.Equal(t, domain.DocDecision, d.Document.Type)
	assert.Equal(t, domain.StatusDecided, f.reload(t, r).Status)

	other, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF("second")), "second.pdf", 1<<20)
	require.NoError(t, err)
	err = f.store.RecordDecision(f.ctx, f.staff, r.ID, domain.DecisionInput{Outcome: outcome.NoData, Reasons: "again"},
		&ReplyFile{Name: "second.pdf", Blob: other}, blobs)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
	assert.Equal(t, "decision.already_decided", domain.ErrorMessage(err))
	_, openErr := blobs.Open(other.Key)
	assert.Error(t, openErr, "the refused decision's file is removed")

	bad := fileTestRequest(t, f.store, f.amal, domain.KindAccess, `{}`)
	err = f.store.RecordDecision(f.ctx, f.staff, bad.ID, domain.DecisionInput{Outcome: outcome.NoData, Reasons: "x"}, nil, blobs)
	assert.Equal(t, "decision.not_yet_admissible", domain.ErrorMessage(err))
	require.NoError(t, f.store.DeclareAdmissibility(f.ctx, f.staff, bad.ID, domain.AdmissibilityInput{Outcome: domain.OutcomeInadmissible,
		Reasons: []string{"id_missing"}}))
	err = f.store.RecordDecision(f.ctx, f.staff, bad.ID, domain.DecisionInput{Outcome: outcome.NoData, Reasons: "x"}, nil, blobs)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
	assert.Equal(t, "decision.inadmissible", domain.ErrorMessage(err))

	gone := fileTestRequest(t, f.store, f.amal, domain.KindDeletion, `{}`)
	require.NoError(t, f.store.RecordDecision(f.ctx, f.staff, gone.ID, domain.DecisionInput{Outcome: outcome.Withdrawn,
		Reasons: "The applicant withdrew by letter."}, nil, blobs), "withdrawal is possible before admissibility")
	assert.Equal(t, domain.StatusWithdrawn, f.reload(t, gone).Status)
}
