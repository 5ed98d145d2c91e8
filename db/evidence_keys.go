package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/conn"
)

// BlobKeys returns the storage key of every stored file a committed row
// refers to: documents of requests, documents kept on applicant records
// (removed ones included), documents of consultation replies and the
// certificates attached to applications.
func (db *DB) BlobKeys(ctx context.Context) (map[string]bool, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT storage_key FROM documents
		UNION SELECT storage_key FROM applicant_documents UNION SELECT storage_key FROM consultation_documents
		UNION SELECT storage_key FROM certificate_documents`)
	if err != nil {
		return nil, conn.Failed("list evidence keys", err)
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, conn.Failed("list evidence keys", err)
		}
		keys[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, conn.Failed("list evidence keys", err)
	}
	return keys, nil
}
