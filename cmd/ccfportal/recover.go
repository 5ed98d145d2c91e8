package main

import (
	"context"
	"log/slog"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
)

// recoverEvidence leaves nothing of a crash behind in the evidence store:
// every temp file goes (no upload is in progress while the data folder is
// locked), and every stored file no committed row refers to -- published
// before a commit that never happened, or left by a removal cut short -- is
// moved aside into the quarantine folder and counted in the log, never
// deleted. The files are listed before the rows are read, so a file whose
// row commits meanwhile is still found to have one.
func recoverEvidence(ctx context.Context, store *db.DB, blobs *blob.Store, logger *slog.Logger) error {
	n, err := blobs.ClearTemp()
	if err != nil {
		return err
	}
	if n > 0 {
		logger.Info("removed unfinished uploads", slog.Int("count", n))
	}
	keys, err := blobs.Keys()
	if err != nil {
		return err
	}
	known, err := store.BlobKeys(ctx)
	if err != nil {
		return err
	}
	moved := 0
	for _, k := range keys {
		if known[k] {
			continue
		}
		if err := blobs.Quarantine(k); err != nil {
			return err
		}
		moved++
	}
	if moved > 0 {
		logger.Warn("evidence files without a record moved to quarantine", slog.Int("count", moved),
			slog.String("folder", blobs.QuarantineDir()))
	}
	return nil
}
