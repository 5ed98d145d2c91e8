// Package audit is the append-only, hash-chained record of every staff
// read and change of a case: entries are appended inside the transaction
// of the action they record, and the chain can be verified end to end.
package audit

import "github.com/ccf-portal/ccfportal/db/conn"

// Log reads and verifies the audit chain.
type Log struct{ *conn.Conn }
