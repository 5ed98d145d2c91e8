package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// RealFilings counts the requests whose filer is not a seeded account.
func (db *DB) RealFilings(ctx context.Context) (int, error) {
	var n int
	err := db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM requests r JOIN users u ON u.id = r.filer_id
		WHERE u.email NOT LIKE ?`, "%"+domain.SeedEmailDomain).Scan(&n)
	return n, conn.Failed("count real filings", err)
}
