package stats_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// BenchmarkPublicFigures counts a store of 100,000 requests, a third of
// them decided: go test -run x -bench PublicFigures ./db/stats/
func BenchmarkPublicFigures(b *testing.B) {
	f := seed100k(b)
	since := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.store.PublicFigures(context.Background(), since); err != nil {
			b.Fatal(err)
		}
	}
}

// seed100k fills a store with 100,000 requests over nine years.
func seed100k(b *testing.B) *fixture {
	f := newFixture(b)
	kinds := []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindCorrection, domain.KindRevision, domain.KindProvisional}
	countries := []string{"FR", "TR", "VE", "NG", "RU", "IN", "unknown"}
	start := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	err := f.store.Write(context.Background(), func(tx *sql.Tx) error {
		for i := range 100_000 {
			submitted := start.Add(time.Duration(i) * 45 * time.Minute)
			res, err := tx.Exec(`INSERT INTO requests (reference, kind, status, filer_id, source_country, answers, created_at,
				updated_at, submitted_at, admissible_at) VALUES (NULL, ?, 'decided', ?, ?, '{}', 0, 0, ?, ?)`,
				kinds[i%5], f.filer.ID, countries[i%7], submitted.Unix(), submitted.Add(24*time.Hour).Unix())
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			if i%3 == 0 {
				if _, err := tx.Exec(`INSERT INTO decisions (request_id, reference, outcome, reasons, decided_by, decided_at)
					VALUES (?, ?, 'compliant', 'r', ?, ?)`, id, id, f.staff.ID, submitted.Add(90*24*time.Hour).Unix()); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(`INSERT INTO admissibility (request_id, outcome, decided_by, decided_at) VALUES (?, 'admissible', ?, ?)`,
				id, f.staff.ID, submitted.Add(24*time.Hour).Unix()); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(b, err)
	return f
}
