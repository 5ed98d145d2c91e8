// Package accounts is the store's room for people's accounts: users and
// their password hashes, sign-in with its throttle, server-side sessions,
// and the one-time link that creates the first staff account.
package accounts

import "github.com/ccf-portal/ccfportal/db/conn"

// Accounts reads and writes accounts and sessions.
type Accounts struct{ *conn.Conn }
