package e2e

import (
	"context"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// statisticsJourney: a visitor who has not signed in finds the statistics
// from the footer, reads the figures in the tables beside the charts --
// small ones hidden -- and reads them again in Arabic.
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
}
