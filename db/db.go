// Package db is the store: hand-written SQL over SQLite for filings,
// documents, applicants and the staff's work on cases. The DB type gathers
// the store's rooms (db/conn and each db/<room> beside it, listed in
// ARCHITECTURE.md) so that callers hold one store.
package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/certificate"
	"github.com/ccf-portal/ccfportal/db/chamber"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/consult"
	"github.com/ccf-portal/ccfportal/db/deadlines"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/helpdesk"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/db/notices"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/paper"
	"github.com/ccf-portal/ccfportal/db/publish"
	"github.com/ccf-portal/ccfportal/db/queue"
	"github.com/ccf-portal/ccfportal/db/receipt"
	"github.com/ccf-portal/ccfportal/db/recovery"
	"github.com/ccf-portal/ccfportal/db/retention"
	"github.com/ccf-portal/ccfportal/db/staffadmin"
	"github.com/ccf-portal/ccfportal/db/staffnotice"
	"github.com/ccf-portal/ccfportal/db/stats"
	"github.com/ccf-portal/ccfportal/db/twofa"
)

// DB is the whole store. Its rooms share one connection.
type DB struct {
	*conn.Conn
	accounts.Accounts
	audit.Log
	outbox.Outbox
	inbox.Inbox
	queue.Store
	recovery.Recovery
	stats.Figures
	twofa.Factors
	helpdesk.Desk
	receipt.Files
	staffnotice.Staff
	notices.Book
	// Consultations are the CCF's consultations on cases, internal to it.
	Consultations consult.Store
	// Publications are the anonymised excerpts of decisions, public once approved.
	Publications publish.Store
	// StaffAdmin is the administrators' work on staff accounts.
	StaffAdmin staffadmin.Admin
	// Chamber is the Requests Chamber's sessions and their agendas.
	Chamber chamber.Store
	// Drafts deletes the drafts never sent, after a warning.
	Drafts retention.Drafts
	// Deadlines are the corrections, extensions and requests for more time.
	Deadlines deadlines.Store
	// Paper is the cases received by e-mail or post, and their invitations.
	Paper paper.Store
	// Certificates are the applications for "to whom it may concern" certificates.
	Certificates certificate.Store
}

// Open opens (creating if needed) the database file at path, applies the
// embedded migrations and returns the store.
func Open(ctx context.Context, path string, clock domain.Clock) (*DB, error) {
	c, err := conn.Open(ctx, path, clock)
	if err != nil {
		return nil, err
	}
	return &DB{Conn: c, Accounts: accounts.Accounts{Conn: c}, Log: audit.Log{Conn: c}, Outbox: outbox.Outbox{Conn: c}, Inbox: inbox.Inbox{Conn: c},
		Store: queue.Store{Conn: c}, Recovery: recovery.Recovery{Conn: c},
		Figures: stats.Figures{Conn: c}, Factors: twofa.Factors{Conn: c}, Desk: helpdesk.Desk{Conn: c},
		Files: receipt.Files{Conn: c, Access: cases.AccessCond}, Consultations: consult.Store{Conn: c},
		Publications: publish.Store{Conn: c}, Staff: staffnotice.Staff{Conn: c}, Book: notices.Book{Conn: c}, StaffAdmin: staffadmin.Admin{Conn: c},
		Chamber: chamber.Store{Conn: c}, Drafts: retention.Drafts{Conn: c}, Deadlines: deadlines.Store{Conn: c},
		Paper: paper.Store{Conn: c}, Certificates: certificate.Store{Conn: c}}, nil
}

// SetAdmissibilityMonths sets how long after receipt admissibility is due
// (practice), for the queue and the case page; 0 keeps the default.
func (db *DB) SetAdmissibilityMonths(n int) {
	if db == nil { // a server built without a store, in tests
		return
	}
	db.Deadlines.AdmissibilityMonths, db.Store.AdmissibilityMonths = n, n
}
