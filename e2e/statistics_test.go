package e2e

import (
	"context"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/publish"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// statisticsJourney: a visitor who has not signed in finds the statistics
// from the footer, reads the figures in the tables beside the charts --
// small ones hidden -- and reads them again in Arabic; then the published
// decisions, from the footer too, in Arabic and in English, searched.
func statisticsJourney(r *Run) {
	r.App.Register(domain.RoleCounsel, "Counsel lawyer@example.org", "lawyer@example.org")
	filer, err := r.App.DB.UserByEmail(context.Background(), "lawyer@example.org")
	if err != nil {
		r.t.Fatalf("find the filer: %v", err)
	}
	filed := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC).Unix()
	n := 0
	for _, batch := range []struct {
		count      int
		kind       domain.Kind
		alsoAccess bool
		country    string
	}{{12, domain.KindAccess, false, "FR"}, {9, domain.KindDeletion, false, "TR"}, {3, domain.KindDeletion, true, "VE"}, {6, domain.KindRevision, false, "TR"}} {
		for range batch.count {
			n++
			r.App.Exec(`INSERT INTO requests (reference, kind, status, also_access, filer_id, applicant_name, source_country, answers,
				created_at, updated_at, submitted_at) VALUES (?, ?, 'submitted', ?, ?, 'Amal Haddad', ?, '{}', 0, 0, ?)`,
				fmt.Sprintf("CCF-2025-%06d", n), batch.kind, batch.alsoAccess, filer.ID, batch.country, filed)
		}
	}
	visitor := r.NewPerson("visitor")
	visitor.Open("/")
	visitor.FollowLink("Statistics on requests and decisions")
	visitor.Sees("statistics", "Statistics on requests and decisions")
	table := "Requests received, by kind: figures by year"
	visitor.SeesRowWith(table, "Access requests", "12")
	visitor.SeesRowWith(table, "that also ask for access", "fewer than 5")
	visitor.SeesRowWith(table, "Applications for revision", "not shown")
	visitor.SeesRowWith("Requests received, by source region: figures by year", "Americas", "fewer than 5")
	visitor.ChooseLanguage("ar")
	visitor.Sees("statistics-ar", "إحصاءات الطلبات والقرارات")
	visitor.SeesRowWith("الطلبات الواردة، حسب النوع: الأرقام حسب السنة", "طلبات النفاذ إلى البيانات", "12")

	publishDecisions(r, filer.ID)
	visitor.FollowLink("القرارات المنشورة")
	visitor.Sees("decisions-ar", "القرارات المنشورة")
	visitor.ChooseLanguage("en")
	visitor.Sees("decisions", "Published decisions")
	visitor.SeesText("The facts were a commercial dispute")
	visitor.Fill("Words in the decision", "REFUGEE")
	visitor.PressButton("Show decisions")
	visitor.Sees("decisions-search", "Published decisions")
	visitor.SeesText("Decisions found: 1")
	visitor.SeesText("recognised as a refugee")
}

// publishDecisions stores two approved published decisions on decided
// requests: written by a Chamber member, approved by a secretariat one.
func publishDecisions(r *Run, filer int64) {
	var staff [2]int64
	for i, role := range []string{"chamber", "secretariat"} {
		u, err := r.App.DB.CreateUser(context.Background(), domain.NewUser{Email: role + "@ccf.example", Name: "Staff " + role,
			Role: domain.RoleStaff, Password: webtest.Password, StaffRole: role}, password.FastParams)
		if err != nil {
			r.t.Fatalf("create staff: %v", err)
		}
		staff[i] = u.ID
	}
	for i, d := range []struct{ grounds, outcome, excerpt string }{
		{" private_dispute ", "non_compliant_deletion", "The facts were a commercial dispute between partners, already before the civil courts."},
		{" refugee ", "non_compliant_deletion", "The applicant was recognised as a refugee by the host country."},
	} {
		r.App.Exec(`INSERT INTO requests (reference, kind, status, filer_id, answers, created_at, updated_at, submitted_at)
			VALUES (?, 'deletion', 'decided', ?, '{}', 0, 0, 1)`, fmt.Sprintf("CCF-2024-%06d", i+1), filer)
		r.App.Exec(`INSERT INTO published_decisions (request_id, year, session, kind, grounds, outcome, excerpt, search_text,
			state, author_id, updated_at, approved_by, approved_at)
			VALUES ((SELECT MAX(id) FROM requests), 2025, '2025 session 2', 'deletion', ?, ?, ?, ?, 'published', ?, 0, ?, 0)`,
			d.grounds, d.outcome, d.excerpt, publish.SearchText(publish.Input{Session: "2025 session 2", Excerpt: d.excerpt}), staff[0], staff[1])
	}
}
