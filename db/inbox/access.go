package inbox

import (
	"context"
	"database/sql"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// The kinds of notification about access to an applicant's record.
const (
	KindAccessGranted Kind = "access_granted" // the account was given access to a record
	KindAccessRevoked Kind = "access_revoked" // the account's access to a record was withdrawn
)

// AccessHook runs inside the transaction that gives or withdraws userID's
// access to applicant applicantID's record, so that the notice commits
// with the change.
type AccessHook func(ctx context.Context, tx *sql.Tx, applicantID, userID int64, now time.Time) error

// RunAccess runs hooks in order.
func RunAccess(ctx context.Context, tx *sql.Tx, applicantID, userID int64, now time.Time, hooks []AccessHook) error {
	for _, h := range hooks {
		if err := h(ctx, tx, applicantID, userID, now); err != nil {
			return err
		}
	}
	return nil
}

// AccessGranted tells the person given access: an inbox entry, and
// compose's e-mail if they chose to receive it.
func AccessGranted(compose func(domain.User) outbox.Message) AccessHook {
	return func(ctx context.Context, tx *sql.Tx, applicantID, userID int64, now time.Time) error {
		return notify(ctx, tx, entry{userID: userID, kind: KindAccessGranted, applicantID: applicantID}, now, compose)
	}
}

// AccessRevoked tells the person who lost access, in their inbox only:
// nothing they could act on is left to send them to.
func AccessRevoked() AccessHook {
	return func(ctx context.Context, tx *sql.Tx, applicantID, userID int64, now time.Time) error {
		return notify(ctx, tx, entry{userID: userID, kind: KindAccessRevoked, applicantID: applicantID}, now, nil)
	}
}
