package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/web"
)

// loadExistingSecrets reads a secrets file that must already exist. The
// maintenance commands never create one: new keys beside existing
// evidence would make it unreadable for the portal started next.
func loadExistingSecrets(path string) (web.Secrets, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return web.Secrets{}, fmt.Errorf("secrets file %s not found: pass -secrets with the file that holds this store's keys", path)
	} else if err != nil {
		return web.Secrets{}, err
	}
	return web.LoadOrCreateSecrets(path)
}

// loadServeSecrets reads the secrets file, creating it only for a store
// that holds no evidence yet. A missing file beside evidence files or
// document rows means the keys were lost, not that this is a first start:
// new keys would make every stored file unreadable, so serve refuses.
func loadServeSecrets(ctx context.Context, sf storeFlags, store *db.DB) (web.Secrets, error) {
	path := sf.secretsPath()
	if _, err := os.Stat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return web.LoadOrCreateSecrets(path)
	}
	held, err := evidenceHeld(ctx, sf, store)
	if err != nil {
		return web.Secrets{}, err
	}
	if held != "" {
		return web.Secrets{}, fmt.Errorf("secrets file %s not found, but %s: "+
			"restore the secrets file from the backup (or pass -secrets with its location). "+
			"The portal will not create new keys, which would make every stored file unreadable", path, held)
	}
	return web.LoadOrCreateSecrets(path)
}

// evidenceHeld says what the store already holds that the keys encrypt,
// or "" for a store with no evidence.
func evidenceHeld(ctx context.Context, sf storeFlags, store *db.DB) (string, error) {
	files := 0
	err := filepath.WalkDir(sf.evidenceDir(), func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files++
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("look for evidence: %w", err)
	}
	if files > 0 {
		return fmt.Sprintf("the evidence folder %s holds %d file(s)", sf.evidenceDir(), files), nil
	}
	var rows int64
	if err := store.Reader().QueryRowContext(ctx,
		`SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM applicant_documents)`).Scan(&rows); err != nil {
		return "", fmt.Errorf("count documents: %w", err)
	}
	if rows > 0 {
		return fmt.Sprintf("the database records %d document(s)", rows), nil
	}
	return "", nil
}
