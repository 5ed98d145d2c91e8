package db

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// TestACorruptStoredValueIsAnErrorNeverAnEmptyOne breaks each JSON column
// behind the store's back and checks that reading it fails as internal,
// naming the row, instead of showing an empty value: answers that read as
// blank would be saved back as blank, and an empty list of checks or
// measures reads as "none", which is a statement about the case.
func TestACorruptStoredValueIsAnErrorNeverAnEmptyOne(t *testing.T) {
	f := newStaffFixture(t)
	r := f.admissible(t, domain.KindDeletion, `{"full_name": "Amal Haddad"}`)
	require.NoError(t, f.store.RecordMeasure(f.ctx, f.staff, r.ID, domain.MeasureInput{Outcome: domain.MeasureGranted,
		Measures: []string{"block"}, EffectiveFrom: "2026-03-02", Reasons: "Extradition hearing next week."}))
	self, err := f.store.SelfApplicant(f.ctx, f.amal)
	require.NoError(t, err)
	events, err := f.store.Timeline(f.ctx, r.ID, true)
	require.NoError(t, err)
	require.NotEmpty(t, events)

	measures, err := f.store.MeasuresOf(f.ctx, r.ID)
	require.NoError(t, err)
	require.Len(t, measures, 1)

	for _, c := range []struct {
		name               string
		table, column, key string
		id                 int64
		read               func() error
		says               string
	}{
		{"a request's answers", "requests", "answers", "id", r.ID, func() error {
			_, err := f.store.RequestForUser(f.ctx, r.ID, f.amal)
			return err
		}, fmt.Sprintf("db: load request %d: request %d answers: ", r.ID, r.ID)},
		{"answers in a list", "requests", "answers", "id", r.ID, func() error {
			_, err := f.store.RequestsForUser(f.ctx, f.amal)
			return err
		}, fmt.Sprintf("request %d answers: ", r.ID)},
		{"answers of a case staff open", "requests", "answers", "id", r.ID, func() error {
			_, err := f.store.OpenCase(f.ctx, f.staff, r.ID)
			return err
		}, fmt.Sprintf("db: load case %d: request %d answers: ", r.ID, r.ID)},
		{"an applicant's details", "applicants", "details", "id", self.ID, func() error {
			_, err := f.store.ApplicantForUser(f.ctx, self.ID, f.amal)
			return err
		}, fmt.Sprintf("applicant %d details: ", self.ID)},
		{"a new draft from the applicant's details", "applicants", "details", "id", self.ID, func() error {
			_, err := f.store.CreateDraft(f.ctx, f.amal, domain.DraftOptions{Kind: domain.KindAccess})
			return err
		}, fmt.Sprintf("applicant %d details: ", self.ID)},
		{"a timeline entry's data", "events", "data", "id", events[0].ID, func() error {
			_, err := f.store.Timeline(f.ctx, r.ID, true)
			return err
		}, fmt.Sprintf("db: list timeline of request %d: event %d data: ", r.ID, events[0].ID)},
		{"the measures granted", "measures", "measures", "id", measures[0].ID, func() error {
			_, err := f.store.MeasuresOf(f.ctx, r.ID)
			return err
		}, fmt.Sprintf("measure %d measures: ", measures[0].ID)},
		{"the admissibility checks", "admissibility", "checks", "request_id", r.ID, func() error {
			_, err := f.store.AdmissibilityOf(f.ctx, r.ID)
			return err
		}, fmt.Sprintf("admissibility of request %d checks: ", r.ID)},
		{"the inadmissibility reasons", "admissibility", "reasons", "request_id", r.ID, func() error {
			_, err := f.store.AdmissibilityOf(f.ctx, r.ID)
			return err
		}, fmt.Sprintf("admissibility of request %d reasons: ", r.ID)},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.NoError(t, c.read(), "readable before")
			where := ` FROM ` + c.table + ` WHERE ` + c.key + ` = ?`
			var whole string
			require.NoError(t, f.store.Reader().QueryRow(`SELECT `+c.column+where, c.id).Scan(&whole))
			set := `UPDATE ` + c.table + ` SET ` + c.column + ` = ? WHERE ` + c.key + ` = ?`
			_, err := f.store.Writer().Exec(set, "{not json", c.id)
			require.NoError(t, err)
			defer func() { // the next case finds the row whole again
				_, err := f.store.Writer().Exec(set, whole, c.id)
				require.NoError(t, err)
			}()

			err = c.read()
			require.Error(t, err)
			assert.Equal(t, domain.EInternal, domain.ErrorCode(err))
			assert.Equal(t, "error.internal", domain.ErrorMessage(err), "nothing about the cause is shown")
			assert.Contains(t, err.Error(), c.says)
			for _, personal := range []string{"Amal", "amal@example.org"} {
				assert.NotContains(t, err.Error(), personal, "no personal data in the log")
			}
		})
	}
}
