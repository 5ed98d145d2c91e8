package queue_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

type queueCase struct {
	ref, name, country string
	kind               domain.Kind
	status             domain.Status
	submitted, due     int // days from now (negative: past); due 0 = none
	eventHours         int // hours until the urgent event; 0 = none
	assigned           bool
}

func insertQueueCases(t *testing.T, store *db.DB, filer, staff domain.User, cases []queueCase) map[string]int64 {
	t.Helper()
	now := store.Clock.Now()
	ids := map[string]int64{}
	at := func(days int) any {
		if days == 0 {
			return nil
		}
		return now.AddDate(0, 0, days).Unix()
	}
	for _, c := range cases {
		var event, assignee any
		if c.eventHours != 0 {
			event = now.Add(time.Duration(c.eventHours) * time.Hour).Unix()
		}
		if c.assigned {
			assignee = staff.ID
		}
		res, err := store.Writer().Exec(`INSERT INTO requests (reference, kind, status, filer_id, applicant_name, source_country,
			answers, created_at, updated_at, submitted_at, due_at, event_at, assignee_id) VALUES (?, ?, ?, ?, ?, ?, '{}', 0, 0, ?, ?, ?, ?)`,
			c.ref, c.kind, c.status, filer.ID, c.name, c.country, now.AddDate(0, 0, c.submitted).Unix(), at(c.due), event, assignee)
		require.NoError(t, err)
		ids[c.ref], _ = res.LastInsertId()
	}
	return ids
}

var queueCases = []queueCase{
	{"CCF-2026-000001", "Amal Haddad", "TR", domain.KindAccess, domain.StatusUnderReview, -100, 20, 0, true},
	{"CCF-2026-000002", "Émile Zola", "FR", domain.KindDeletion, domain.StatusUnderReview, -300, -5, 0, false},
	{"CCF-2026-000003", "Bilal Osman", "TR", domain.KindDeletion, domain.StatusSubmitted, -2, 0, 0, false},
	{"CCF-2026-000004", "Carla Ruiz", "VE", domain.KindProvisional, domain.StatusSubmitted, -1, 0, 30, false},
	{"CCF-2026-000005", "Dmitri Volkov", "RU", domain.KindProvisional, domain.StatusUnderReview, -1, 0, 6, true},
	{"CCF-2025-000006", "Amal Haddad", "TR", domain.KindAccess, domain.StatusDecided, -400, -250, 0, true},
	{"CCF-2026-000007", "Zeynep Kaya", "TR", domain.KindAccess, domain.StatusAwaitingApplicant, -50, 60, 0, false},
	{"CCF-2026-000008", "Yusuf Ali", "EG", domain.KindRevision, domain.StatusInadmissible, -40, 0, 0, false},
}

func TestQueueFiltersSortsAndPages(t *testing.T) {
	store, clock := dbtest.Open(t)
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@example.org")
	filer := dbtest.User(t, store, domain.RoleCounsel, "lawyer@example.org")
	ids := insertQueueCases(t, store, filer, staff, queueCases)
	draft, err := store.Writer().Exec(`INSERT INTO requests (kind, status, filer_id, applicant_name, answers, created_at, updated_at)
		VALUES ('access', 'draft', ?, 'Draft Person', '{}', 0, 0)`, filer.ID)
	require.NoError(t, err)
	draftID, _ := draft.LastInsertId()
	now := clock.Now()
	refs := func(f desk.Filter) (urgent, rows []string) {
		t.Helper()
		f.Me = staff.ID
		p, err := store.Queue(context.Background(), f, now)
		require.NoError(t, err)
		for _, r := range p.Urgent {
			urgent = append(urgent, r.Reference)
			assert.NotEqual(t, draftID, r.ID)
		}
		for _, r := range p.Rows {
			rows = append(rows, r.Reference)
			assert.NotEqual(t, draftID, r.ID, "drafts are never in the queue")
		}
		assert.Equal(t, len(urgent)+len(rows), p.Total)
		return urgent, rows
	}

	urgent, rows := refs(desk.Filter{})
	assert.Equal(t, []string{"CCF-2026-000005", "CCF-2026-000004"}, urgent, "urgent on top, soonest event first")
	assert.Equal(t, []string{"CCF-2026-000002", "CCF-2026-000001", "CCF-2026-000007", "CCF-2026-000003"}, rows,
		"pending only by default, by due date, none last")

	_, rows = refs(desk.Filter{Status: desk.StatusFilterAll, Sort: desk.SortReference})
	assert.Equal(t, []string{"CCF-2025-000006", "CCF-2026-000001", "CCF-2026-000002", "CCF-2026-000003", "CCF-2026-000007", "CCF-2026-000008"}, rows)
	_, asc := refs(desk.Filter{Status: desk.StatusFilterAll, Sort: desk.SortName})
	_, desc := refs(desk.Filter{Status: desk.StatusFilterAll, Sort: desk.SortName, Desc: true})
	assert.Equal(t, "CCF-2026-000001", asc[0], "Amal first")
	assert.Len(t, desc, len(asc))
	assert.Equal(t, asc[len(asc)-1], desc[0])
	_, rows = refs(desk.Filter{Sort: desk.SortSubmitted})
	assert.Equal(t, []string{"CCF-2026-000002", "CCF-2026-000001", "CCF-2026-000007", "CCF-2026-000003"}, rows)

	u, rows := refs(desk.Filter{Kind: domain.KindDeletion})
	assert.Empty(t, u)
	assert.Equal(t, []string{"CCF-2026-000002", "CCF-2026-000003"}, rows)
	_, rows = refs(desk.Filter{Status: string(domain.StatusInadmissible)})
	assert.Equal(t, []string{"CCF-2026-000008"}, rows)
	u, rows = refs(desk.Filter{UrgentOnly: true})
	assert.Len(t, u, 2)
	assert.Empty(t, rows)
	_, rows = refs(desk.Filter{Overdue: true})
	assert.Equal(t, []string{"CCF-2026-000002"}, rows, "the decided case is not overdue")
	_, rows = refs(desk.Filter{DueWithinDays: 30})
	assert.Equal(t, []string{"CCF-2026-000001"}, rows)
	_, rows = refs(desk.Filter{Country: "TR"})
	assert.Equal(t, []string{"CCF-2026-000001", "CCF-2026-000007", "CCF-2026-000003"}, rows)
	u, rows = refs(desk.Filter{Assigned: desk.AssignedToMe})
	assert.Equal(t, []string{"CCF-2026-000005"}, u)
	assert.Equal(t, []string{"CCF-2026-000001"}, rows)
	_, rows = refs(desk.Filter{Assigned: desk.Unassigned, Kind: domain.KindAccess})
	assert.Equal(t, []string{"CCF-2026-000007"}, rows, "filters combine")

	_, rows = refs(desk.Filter{Search: "ccf-2026-00000", Status: desk.StatusFilterAll, Sort: desk.SortReference})
	assert.Len(t, rows, 5, "reference prefix, any case")
	_, rows = refs(desk.Filter{Search: "2025-0000", Status: desk.StatusFilterAll})
	assert.Equal(t, []string{"CCF-2025-000006"}, rows)
	_, rows = refs(desk.Filter{Search: "amal hadd", Status: desk.StatusFilterAll, Sort: desk.SortReference})
	assert.Equal(t, []string{"CCF-2025-000006", "CCF-2026-000001"}, rows, "word prefixes of the name")
	_, rows = refs(desk.Filter{Search: "emile", Status: desk.StatusFilterAll})
	assert.Equal(t, []string{"CCF-2026-000002"}, rows, "accents ignored")
	_, rows = refs(desk.Filter{Search: `zol"*(`, Status: desk.StatusFilterAll})
	assert.Equal(t, []string{"CCF-2026-000002"}, rows, "query syntax is not interpreted")

	assert.Contains(t, ids, "CCF-2026-000001")
}

func TestQueueKeysetPagingBothWays(t *testing.T) {
	store, clock := dbtest.Open(t)
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@example.org")
	filer := dbtest.User(t, store, domain.RoleCounsel, "lawyer@example.org")
	var cases []queueCase
	for i := range 7 {
		cases = append(cases, queueCase{ref: "CCF-2026-00010" + string(rune('0'+i)), name: "P", kind: domain.KindAccess,
			status: domain.StatusUnderReview, submitted: -10, due: 10 + i})
	}
	insertQueueCases(t, store, filer, staff, cases)
	ctx := context.Background()
	f := desk.Filter{Limit: 3}
	p1, err := store.Queue(ctx, f, clock.Now())
	require.NoError(t, err)
	assert.Len(t, p1.Rows, 3)
	assert.False(t, p1.HasPrev)
	assert.True(t, p1.HasNext)
	f.After = p1.NextAfter
	p2, err := store.Queue(ctx, f, clock.Now())
	require.NoError(t, err)
	assert.Equal(t, "CCF-2026-000103", p2.Rows[0].Reference)
	assert.True(t, p2.HasPrev)
	f.After = p2.NextAfter
	p3, err := store.Queue(ctx, f, clock.Now())
	require.NoError(t, err)
	assert.Len(t, p3.Rows, 1)
	assert.False(t, p3.HasNext)
	back := desk.Filter{Limit: 3, Before: p3.PrevBefore}
	p2again, err := store.Queue(ctx, back, clock.Now())
	require.NoError(t, err)
	assert.Equal(t, p2.Rows, p2again.Rows)
	back.Before = p2again.PrevBefore
	p1again, err := store.Queue(ctx, back, clock.Now())
	require.NoError(t, err)
	assert.Equal(t, p1.Rows, p1again.Rows)
	assert.False(t, p1again.HasPrev)
}
