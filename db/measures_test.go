package db

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

func TestMeasuresAreGrantedRefusedAndLifted(t *testing.T) {
	f := newStaffFixture(t)
	r := f.admissible(t, domain.KindDeletion, `{}`)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(f.store.RecordMeasure(f.ctx, f.staff, r.ID, domain.MeasureInput{Outcome: domain.MeasureGranted, Reasons: "x"})),
		"a grant names the measures and their start")
	require.NoError(t, f.store.RecordMeasure(f.ctx, f.staff, r.ID, domain.MeasureInput{Outcome: domain.MeasureGranted,
		Measures: []string{"block"}, EffectiveFrom: "2026-03-02", Reasons: "Extradition hearing next week."}))
	require.NoError(t, f.store.RecordMeasure(f.ctx, f.staff, r.ID, domain.MeasureInput{Outcome: domain.MeasureRefused,
		Measures: []string{"priority"}, Reasons: "Not urgent."}))
	ms, err := f.store.MeasuresOf(f.ctx, r.ID)
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.True(t, ms[0].Active())
	assert.Empty(t, ms[1].Measures, "a refusal grants nothing")
	assert.Equal(t, domain.StatusAdmissible, f.reload(t, r).Status, "not a decision on the merits")

	assert.Equal(t, "measure.not_active", domain.ErrorMessage(f.store.LiftMeasure(f.ctx, f.staff, r.ID, ms[1].ID, "x")))
	require.NoError(t, f.store.LiftMeasure(f.ctx, f.staff, r.ID, ms[0].ID, "Hearing cancelled."))
	assert.Equal(t, "measure.not_active", domain.ErrorMessage(f.store.LiftMeasure(f.ctx, f.staff, r.ID, ms[0].ID, "again")))

	decide(t, f, r, outcome.Compliant)
	err = f.store.RecordMeasure(f.ctx, f.staff, r.ID, domain.MeasureInput{Outcome: domain.MeasureRefused, Reasons: "late"})
	assert.Equal(t, "measure.case_not_pending", domain.ErrorMessage(err))
}
