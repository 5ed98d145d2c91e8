package queue

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

// AuditSearch is a staff member's search of the queue by name or
// reference.
const AuditSearch domain.AuditAction = "queue_search"

// searchAuditRunes bounds the search text kept in the audit log: enough
// for any name or reference, not a place to store pasted documents.
const searchAuditRunes = 200

// SearchQueue is Queue for the staff member f.Me, with any search by name
// or reference first written to the audit log: who looked for whom is what
// an insider browsing the files for a state leaves behind. A search that
// cannot be recorded is not run.
func (db Store) SearchQueue(ctx context.Context, f desk.Filter, now time.Time) (desk.Page, error) {
	if term := strings.TrimSpace(f.Search); term != "" {
		if r := []rune(term); len(r) > searchAuditRunes {
			term = string(r[:searchAuditRunes])
		}
		err := db.Write(ctx, func(tx *sql.Tx) error {
			return audit.Append(ctx, tx, db.Clock.Now(), f.Me, AuditSearch, 0, "q="+term)
		})
		if err != nil {
			return desk.Page{}, err
		}
	}
	return db.Queue(ctx, f, now)
}
