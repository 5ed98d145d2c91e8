package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/keys"
)

// UseKeys gives the store the keys it derives from the portal's
// encryption key (db/keys), and seals what an earlier version stored in
// clear. Until it is called the store's keys are ephemeral: throttle keys
// mean nothing after the process ends, and no second-factor secret can be
// written or read. It returns how many secrets it sealed.
func (db *DB) UseKeys(ctx context.Context, master []byte) (int, error) {
	if err := db.LoadKeys(master); err != nil {
		return 0, err
	}
	return db.SealStoredSecrets(ctx)
}

// LoadKeys gives the store its keys and writes nothing: for the commands
// that only check.
func (db *DB) LoadKeys(master []byte) error {
	ring, err := keys.New(master)
	if err != nil {
		return err
	}
	db.Keys = ring
	return nil
}
