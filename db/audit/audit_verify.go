package audit

import (
	"context"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// Report is the result of checking the audit chain.
type Report struct {
	Entries  int64  // entries checked
	LastHash string // hash of the last entry, to note down and compare later
	BrokenID int64  // the first entry that does not fit the chain; 0 if intact
	Problem  string // what is wrong with it, in plain English for the console
}

// OK reports whether the chain is intact.
func (r Report) OK() bool { return r.BrokenID == 0 }

// VerifyAudit walks the audit log in order and recomputes every link: each
// entry must carry the previous entry's hash, its ids must follow on without
// a gap, and its own hash must match its fields. It stops at the first
// broken link. Removing entries from the end cannot be seen from the chain
// alone; comparing LastHash with one noted earlier shows it.
func (db Log) VerifyAudit(ctx context.Context) (Report, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT id, at, actor_id, action, request_id, detail, prev_hash, hash
		FROM audit_log ORDER BY id`)
	rep := Report{LastHash: auditGenesisHashHex}
	var lastID int64
	// The chain is walked, not collected: it grows with every staff action.
	err = conn.Each("verify audit chain", rows, err, func(row conn.Scanner) error {
		var e domain.AuditEntry
		var at int64
		if err := row.Scan(&e.ID, &at, &e.ActorID, &e.Action, &e.RequestID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return err
		}
		if problem := checkLink(e, at, lastID, rep.LastHash); problem != "" {
			rep.BrokenID, rep.Problem = e.ID, problem
			return conn.ErrStop
		}
		rep.Entries++
		lastID, rep.LastHash = e.ID, e.Hash
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}

func checkLink(e domain.AuditEntry, at, lastID int64, prevHash string) string {
	switch {
	case e.ID != lastID+1:
		return fmt.Sprintf("entry %d follows entry %d: entries are missing", e.ID, lastID)
	case e.PrevHash != prevHash:
		return "its link to the previous entry does not match (the previous entry was altered or removed)"
	case e.Hash != auditHash(e.PrevHash, e.ID, at, e.ActorID, e.Action, e.RequestID, e.Detail):
		return "its content does not match its hash (the entry was altered)"
	}
	return ""
}
