package stats_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

// filing is one request as the statistics see it.
type filing struct {
	kind       domain.Kind
	status     domain.Status
	alsoAccess bool
	country    string
	submitted  time.Time // zero: a draft
	admissible time.Time
}

type fixture struct {
	t     testing.TB
	store *db.DB
	filer domain.User
	staff domain.User
	n     int
}

func newFixture(t testing.TB) *fixture {
	store, _ := dbtest.Open(t)
	return &fixture{t: t, store: store, filer: dbtest.User(t, store, domain.RoleCounsel, "lawyer@example.org"),
		staff: dbtest.User(t, store, domain.RoleStaff, "clerk@ccf.example")}
}

func unix(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

func (f *fixture) exec(q string, args ...any) int64 {
	res, err := f.store.Writer().Exec(q, args...)
	require.NoError(f.t, err)
	id, _ := res.LastInsertId()
	return id
}

func (f *fixture) file(r filing) int64 {
	f.n++
	return f.exec(`INSERT INTO requests (reference, kind, status, also_access, filer_id, applicant_name, source_country, answers,
		created_at, updated_at, submitted_at, admissible_at) VALUES (?, ?, ?, ?, ?, 'Amal Haddad', ?, '{}', 0, 0, ?, ?)`,
		fmt.Sprintf("CCF-2025-%06d", f.n), r.kind, r.status, r.alsoAccess, f.filer.ID, r.country, unix(r.submitted), unix(r.admissible))
}

func (f *fixture) assess(id int64, outcome string, at time.Time) {
	f.exec(`INSERT INTO admissibility (request_id, outcome, decided_by, decided_at) VALUES (?, ?, ?, ?)`, id, outcome, f.staff.ID, at.Unix())
}

func (f *fixture) decide(id int64, outcome string, at time.Time) {
	f.exec(`INSERT INTO decisions (request_id, reference, outcome, reasons, decided_by, decided_at) VALUES (?, ?, ?, 'r', ?, ?)`,
		id, fmt.Sprintf("D-%d", id), outcome, f.staff.ID, at.Unix())
}

func (f *fixture) measure(id int64, outcome string, at time.Time) {
	f.exec(`INSERT INTO measures (request_id, outcome, reasons, decided_by, decided_at) VALUES (?, ?, 'r', ?, ?)`, id, outcome, f.staff.ID, at.Unix())
}

func TestPublicFiguresCountsTheStoreAsWorkedOutByHand(t *testing.T) {
	f := newFixture(t)
	jan, jun := day(2025, 1, 15), day(2025, 6, 1)
	f.file(filing{kind: domain.KindAccess, status: domain.StatusDraft, country: "FR"}) // a draft: not filed
	a1 := f.file(filing{domain.KindAccess, domain.StatusDecided, false, "FR", jan, day(2025, 2, 1)})
	a2 := f.file(filing{domain.KindAccess, domain.StatusInadmissible, false, "FR", jan, time.Time{}})
	d1 := f.file(filing{domain.KindDeletion, domain.StatusDecided, true, "TR", jan, day(2025, 2, 10)})
	d2 := f.file(filing{domain.KindCorrection, domain.StatusWithdrawn, false, "TR", jun, day(2025, 7, 1)})
	f.file(filing{domain.KindDeletion, domain.StatusSubmitted, false, "TR", day(2026, 1, 5), time.Time{}})
	pm := f.file(filing{domain.KindProvisional, domain.StatusDecided, false, "TR", jun, time.Time{}})
	f.file(filing{domain.KindAccess, domain.StatusSubmitted, false, "FR", day(2014, 1, 1), time.Time{}}) // before the window
	f.assess(a1, "admissible", day(2025, 2, 1))
	f.assess(a2, "inadmissible", day(2025, 2, 3))
	f.assess(d1, "admissible", day(2025, 2, 10))
	f.assess(d2, "admissible", day(2025, 7, 1))
	f.decide(a1, outcome.DataHeld, day(2025, 5, 1))
	f.decide(d1, outcome.NonCompliantDeletion, day(2026, 1, 20))
	f.decide(d2, outcome.Withdrawn, day(2025, 9, 1))
	f.exec(`UPDATE decisions SET access_outcome = ? WHERE request_id = ?`, outcome.DataHeldPart, d1) // its access part
	f.measure(pm, domain.MeasureGranted, day(2025, 6, 3))
	f.measure(d1, domain.MeasureRefused, day(2025, 3, 3))

	raw, err := f.store.PublicFigures(context.Background(), time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	filed := func(y int, k domain.Kind, also bool, c string, n int) figures.Filed {
		return figures.Filed{Year: y, Kind: k, AlsoAccess: also, Country: c, N: n}
	}
	decided := func(y int, k domain.Kind, o string) figures.Decided {
		return figures.Decided{Year: y, Kind: k, Outcome: o, N: 1}
	}
	assert.ElementsMatch(t, []figures.Filed{
		filed(2025, domain.KindAccess, false, "FR", 2), filed(2025, domain.KindDeletion, true, "TR", 1),
		filed(2025, domain.KindCorrection, false, "TR", 1), filed(2026, domain.KindDeletion, false, "TR", 1),
	}, raw.Filed)
	assert.ElementsMatch(t, []figures.Assessed{{Year: 2025, Admissible: true, N: 3}, {Year: 2025, N: 1}}, raw.Assessed)
	assert.ElementsMatch(t, []figures.Decided{decided(2025, domain.KindAccess, outcome.DataHeld),
		decided(2026, domain.KindDeletion, outcome.NonCompliantDeletion), decided(2026, domain.KindAccess, outcome.DataHeldPart),
		decided(2025, domain.KindCorrection, outcome.Withdrawn)}, raw.Decided, "the access part of a combined filing counts with access")
	assert.ElementsMatch(t, []figures.Timed{{Kind: domain.KindAccess, Admissible: day(2025, 2, 1), Decided: day(2025, 5, 1)},
		{Kind: domain.KindDeletion, Admissible: day(2025, 2, 10), Decided: day(2026, 1, 20)}}, raw.Timed, "withdrawals are no decision on the merits")
	assert.Equal(t, []figures.YearCount{{Year: 2025, N: 1}}, raw.Urgent)
	assert.ElementsMatch(t, []figures.YearCount{{Year: 2025, Outcome: domain.MeasureGranted, N: 1}, {Year: 2025, Outcome: domain.MeasureRefused, N: 1}}, raw.Measures)
}

func TestPublicFiguresOfAnEmptyStore(t *testing.T) {
	f := newFixture(t)
	raw, err := f.store.PublicFigures(context.Background(), time.Time{})
	require.NoError(t, err)
	assert.Empty(t, raw.Filed)
	assert.Empty(t, raw.Timed)
}
