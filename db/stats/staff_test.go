package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
)

// openCase is a pending request on the desk.
type openCase struct {
	kind     domain.Kind
	country  string
	ageDays  int
	assignee int64
	overdue  bool
}

func (f *fixture) open(c openCase) {
	now := f.store.Clock.Now()
	var assignee, due any
	if c.assignee != 0 {
		assignee = c.assignee
	}
	if c.overdue {
		due = now.AddDate(0, 0, -1).Unix()
	} else {
		due = now.AddDate(0, 1, 0).Unix()
	}
	f.exec(`INSERT INTO requests (kind, status, filer_id, source_country, answers, created_at, updated_at, submitted_at, due_at, assignee_id)
		VALUES (?, 'under_review', ?, ?, '{}', 0, 0, ?, ?, ?)`, c.kind, f.filer.ID, c.country, now.AddDate(0, 0, -c.ageDays).Unix(), due, assignee)
}

func TestStaffFiguresCountWorkloadAndAgesByHand(t *testing.T) {
	f := newFixture(t)
	other := dbtest.User(t, f.store, domain.RoleStaff, "b@ccf.example")
	// As of 2 March 2026.
	for _, c := range []openCase{
		{domain.KindAccess, "TR", 10, f.staff.ID, true},     // under a month
		{domain.KindAccess, "FR", 60, f.staff.ID, false},    // 1 to 4 months
		{domain.KindDeletion, "TR", 150, f.staff.ID, false}, // 4 to 9 months
		{domain.KindCorrection, "TR", 300, other.ID, false}, // 9 to 12 months
		{domain.KindRevision, "TR", 800, 0, true},           // over a year
		{domain.KindProvisional, "TR", 2, 0, false},         // under a month
	} {
		f.open(c)
	}
	f.file(filing{domain.KindAccess, domain.StatusDecided, false, "TR", day(2026, 1, 5), time.Time{}}) // not open
	now := f.store.Clock.Now()

	rep, err := f.store.StaffFigures(context.Background(), figures.StaffFilter{Year: 2026}, now)
	require.NoError(t, err)
	assert.Equal(t, []figures.Load{
		{StaffID: f.staff.ID, Name: f.staff.Name, Open: 3, Overdue: 1},
		{Open: 2, Overdue: 1},
		{StaffID: other.ID, Name: other.Name, Open: 1},
	}, rep.Workload)
	assert.Equal(t, [][]int{{1, 1, 0, 0, 0}, {0, 0, 1, 1, 0}, {0, 0, 0, 0, 1}, {1, 0, 0, 0, 0}}, rep.Ages.Counts)
	assert.Equal(t, []int{2, 1, 1, 1, 1}, rep.Ages.Totals)
	assert.Equal(t, []int{2026}, rep.Report.Years)
	received := rep.Report.Tables[0]
	// Access filed in 2026: 10 and 60 days ago (1 January), and the decided
	// one of 5 January; the provisional request is not counted there.
	assert.Equal(t, 3, received.Cells[0][0].Value)
	assert.Equal(t, figures.Shown, received.Cells[0][0].Hidden, "staff see every figure")

	rep, err = f.store.StaffFigures(context.Background(), figures.StaffFilter{Year: 2026, Kind: domain.KindDeletion, Country: "TR"}, now)
	require.NoError(t, err)
	assert.Equal(t, []figures.Load{{StaffID: other.ID, Name: other.Name, Open: 1}, {StaffID: f.staff.ID, Name: f.staff.Name, Open: 1}}, rep.Workload,
		"deletion takes correction with it; equal loads by name")
	assert.Equal(t, []int{0, 0, 1, 1, 0}, rep.Ages.Totals)
}

func TestStaffExportIsAudited(t *testing.T) {
	f := newFixture(t)
	filter := figures.StaffFilter{Year: 2025, Kind: domain.KindAccess, Country: "TR"}
	_, err := f.store.ExportStaffFigures(context.Background(), f.staff, filter, f.store.Clock.Now())
	require.NoError(t, err)
	var actor int64
	var action, detail string
	require.NoError(t, dbtest.Raw(t, f.store).QueryRow(`SELECT actor_id, action, detail FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&actor, &action, &detail))
	assert.Equal(t, f.staff.ID, actor)
	assert.Equal(t, string(figures.AuditExport), action)
	assert.Equal(t, "year=2025 kind=access country=TR session=0", detail)
}

func TestStaffFiguresKeepTheCasesDecidedAtOneSession(t *testing.T) {
	f := newFixture(t)
	first := f.exec(`INSERT INTO chamber_sessions (year, number, starts_on, ends_on, created_by, created_at)
		VALUES (2026, 1, '2026-02-02', '2026-02-04', ?, 0)`, f.staff.ID)
	second := f.exec(`INSERT INTO chamber_sessions (year, number, starts_on, ends_on, created_by, created_at)
		VALUES (2026, 2, '2026-05-04', '2026-05-06', ?, 0)`, f.staff.ID)
	adopt := func(request, session int64) {
		f.exec(`INSERT INTO chamber_decisions (request_id, outcome, reasons, drafted_by, drafted_at, session_id, adopted_by, adopted_at)
			VALUES (?, 'compliant', 'r', ?, 0, ?, ?, 0)`, request, f.staff.ID, session, f.staff.ID)
	}
	// Two access requests and one deletion request of 2026 adopted at the
	// first session, one access request at the second, one not yet before
	// the Chamber.
	for _, c := range []struct {
		kind    domain.Kind
		session int64
	}{{domain.KindAccess, first}, {domain.KindAccess, first}, {domain.KindDeletion, first}, {domain.KindAccess, second}, {domain.KindAccess, 0}} {
		id := f.file(filing{c.kind, domain.StatusDecided, false, "TR", day(2026, 1, 5), day(2026, 1, 20)})
		if c.session != 0 {
			adopt(id, c.session)
		}
	}
	ctx, now := context.Background(), f.store.Clock.Now()
	received := func(session int64) []int {
		rep, err := f.store.StaffFigures(ctx, figures.StaffFilter{Year: 2026, Session: session}, now)
		require.NoError(t, err)
		var out []int
		for _, row := range rep.Report.Tables[0].Cells {
			out = append(out, row[0].Value)
		}
		return out
	}
	all, one, two := received(0), received(first), received(second)
	assert.Equal(t, 4, all[0], "every access request of 2026")
	assert.Equal(t, 2, one[0], "access requests decided at session 2026/1")
	assert.Equal(t, 1, one[1], "and its deletion request")
	assert.Equal(t, 1, two[0])

	rep, err := f.store.StaffFigures(ctx, figures.StaffFilter{Year: 2026}, now)
	require.NoError(t, err)
	assert.Equal(t, []figures.SessionChoice{{ID: second, Label: "2026/2"}, {ID: first, Label: "2026/1"}}, rep.Sessions, "latest first")
}
