package seed

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/publish"
	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
	"github.com/ccf-portal/ccfportal/db/stats"
)

// cell is the value of row in year of the published table key, counted
// with no small-cell suppression.
func cell(t *testing.T, rep figures.Report, key, row string, year int) int {
	t.Helper()
	for _, p := range rep.Tables {
		if p.Key != key {
			continue
		}
		for c, y := range p.Years {
			if y != year {
				continue
			}
			if row == "" {
				return p.Totals[c].Value
			}
			for r, name := range p.Rows {
				if name == row {
					return p.Cells[r][c].Value
				}
			}
		}
	}
	t.Fatalf("no %s/%s for %d", key, row, year)
	return 0
}

// The CCF's volume seed at its own scale gives 2023's published figures:
// 2,793 requests received (1,101 access, 1,021 deletion or correction
// alone, the rest combined with access or revision), over 90% admissible,
// about 70% of access and 85% of deletion decisions within the limits, a
// few hundred measures granted, and a handful of published decisions.
func TestYearsSeedFollowsTheCCFsVolumesFor2023(t *testing.T) {
	if raceEnabled {
		t.Skip("a bulk insert of 13,000 requests: make test runs it without the race detector")
	}
	store, _ := dbtest.Open(t)
	ctx := context.Background()
	start := time.Now()
	rep, err := Seed(ctx, store, Options{Years: true, RandSeed: 2023})
	require.NoError(t, err)
	t.Logf("seeded %d requests, %d decisions, %d notices in %s", rep.Requests, rep.Decisions, rep.Notices, time.Since(start).Round(time.Millisecond))

	raw, err := store.Count(ctx, stats.Scope{Since: time.Date(FirstYear, 1, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	figs := figures.Build(raw, store.Clock.Now(), 1)
	within := func(name string, got, lo, hi int) {
		t.Helper()
		assert.True(t, got >= lo && got <= hi, "%s: %d not in [%d, %d]", name, got, lo, hi)
	}
	within("received", cell(t, figs, figures.TableReceived, "", 2023), 2700, 2900)
	within("access", cell(t, figs, figures.TableReceived, figures.RowAccess, 2023), 1050, 1150)
	within("deletion or correction", cell(t, figs, figures.TableReceived, figures.RowDeletionOnly, 2023), 970, 1070)
	within("combined", cell(t, figs, figures.TableReceived, figures.RowDeletionWithAccess, 2023), 90, 140)
	within("revision", cell(t, figs, figures.TableReceived, figures.RowRevision, 2023), 520, 600)
	within("admissible %", cell(t, figs, figures.TableAdmissible, figures.RowAdmissible, 2023), 91, 96)
	within("access within limits %", cell(t, figs, figures.TableTimeLimits, figures.RowAccess, 2023), 65, 75)
	within("deletion within limits %", cell(t, figs, figures.TableTimeLimits, figures.RowDeletion, 2023), 80, 90)
	within("measures granted", cell(t, figs, figures.TableMeasuresDecided, domain.MeasureGranted, 2023), 150, 450)

	var published, years, own int
	require.NoError(t, store.Reader().QueryRow(`SELECT COUNT(*), COUNT(DISTINCT year), COALESCE(SUM(approved_by = author_id), 0)
		FROM published_decisions WHERE state = 'published'`).Scan(&published, &years, &own))
	assert.Equal(t, published, rep.Published)
	assert.GreaterOrEqual(t, years, 5, "a handful every year")
	assert.LessOrEqual(t, published, PublishedPerYear*6)
	assert.Zero(t, own, "approved by someone other than the author")
	page, err := store.Publications.Public(ctx, publishFilter())
	require.NoError(t, err)
	assert.Equal(t, published, page.Total, "the public list shows them")
}

func publishFilter() publish.Filter { return publish.Filter{Page: 1} }
