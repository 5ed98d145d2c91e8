// Package queue is the staff desk's queue of cases: filters, sorting,
// search and keyset paging over the requests table, with urgent
// provisional measures always on top.
package queue

import "github.com/ccf-portal/ccfportal/db/conn"

// Store reads the staff queue.
type Store struct {
	*conn.Conn
	// AdmissibilityMonths is how long after receipt admissibility is due
	// (practice); 0 takes the default.
	AdmissibilityMonths int
}
