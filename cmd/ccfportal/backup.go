package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/integrity"
)

// errBackupIncomplete makes `backup` exit non-zero when the store lacks
// files its rows name: the archive is written, but it cannot be whole.
var errBackupIncomplete = errors.New("the backup was written, but evidence named by the database is missing from the store: run ccfportal check")

// errEvidenceVanished means a file the snapshot names was removed after
// the snapshot was taken (a draft's document): the snapshot is taken again.
var errEvidenceVanished = errors.New("evidence removed while the backup was being made")

// backupAttempts bounds the retries: removals of draft documents are rare,
// and each snapshot takes well under a second, so ten attempts meet a
// steady stream of removals too.
const backupAttempts = 10

// backup runs `backup -out FILE`: a consistent copy of the store, taken
// while the portal serves. The database is snapshotted first; then every
// evidence file the snapshot names goes into the archive with it. Files
// are never changed once published, so copying them after the snapshot
// is safe; files published later belong to rows the snapshot does not
// hold and are not needed.
func backup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.register(fs)
	out := fs.String("out", "", "archive to write (required); it is written under a temporary name and renamed when complete")
	compress := fs.Bool("gzip", false, "compress the archive with gzip (the default when -out ends in .gz or .tgz)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("usage: ccfportal backup -out FILE [-gzip] [-data DIR]")
	}
	*compress = *compress || strings.HasSuffix(*out, ".gz") || strings.HasSuffix(*out, ".tgz")
	start := time.Now()
	var m manifest
	var err error
	for range backupAttempts {
		if m, err = writeBackup(ctx, sf, *out, *compress); !errors.Is(err, errEvidenceVanished) {
			break
		}
	}
	if err != nil {
		return err
	}
	info, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backup written to %s: the database (schema %s) and %d evidence files, %s, in %s.\n",
		*out, m.SchemaVersion, m.evidenceFiles(), byteSize(info.Size()), time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "It holds no keys. Keep a copy of the secrets file (%s) apart from it: without its encryption key the evidence cannot be read.\n",
		sf.secretsPath())
	for _, p := range m.Missing {
		fmt.Fprintf(stdout, "MISSING from the store, not in the backup: %s\n", p)
	}
	if len(m.Missing) > 0 {
		return errBackupIncomplete
	}
	return nil
}

// writeBackup makes one attempt: snapshot, then the files it names.
func writeBackup(ctx context.Context, sf storeFlags, out string, compress bool) (manifest, error) {
	live, err := conn.OpenExisting(ctx, sf.dbPath())
	if err != nil {
		return manifest{}, err
	}
	defer live.Close()
	work, err := os.MkdirTemp(filepath.Dir(out), ".ccfportal-backup-*")
	if err != nil {
		return manifest{}, err
	}
	defer os.RemoveAll(work)
	snapPath := filepath.Join(work, dbEntryName)
	at := time.Now().UTC()
	if err := live.SnapshotTo(ctx, snapPath); err != nil {
		return manifest{}, err
	}
	m, refs, err := describeSnapshot(ctx, snapPath, at)
	if err != nil {
		return manifest{}, err
	}
	a, err := createArchive(out, compress, at)
	if err != nil {
		return manifest{}, err
	}
	if err := a.addFile(dbEntryName, snapPath); err != nil {
		a.abort()
		return manifest{}, err
	}
	if m.Missing, err = addEvidence(ctx, a, live, sf.evidenceDir(), refs); err != nil {
		a.abort()
		return manifest{}, err
	}
	if err := a.commit(m); err != nil {
		a.abort()
		return manifest{}, err
	}
	m.Files = a.files
	return m, nil
}

// describeSnapshot reads what the manifest needs from the snapshot, and the
// evidence its rows name.
func describeSnapshot(ctx context.Context, path string, at time.Time) (manifest, []integrity.Ref, error) {
	snap, err := conn.OpenSnapshot(path)
	if err != nil {
		return manifest{}, nil, err
	}
	defer snap.Close()
	m := manifest{Format: backupFormat, CreatedAt: at}
	if m.SchemaVersion, err = conn.SchemaVersion(ctx, snap); err != nil {
		return manifest{}, nil, err
	}
	if m.Rows, err = integrity.RowCounts(ctx, snap); err != nil {
		return manifest{}, nil, err
	}
	refs, err := integrity.Refs(ctx, snap)
	return m, refs, err
}

// addEvidence copies each file refs name into the archive, once each. A
// file that is gone though the live database still names it is missing
// from the store, and listed; one gone because its row was deleted after
// the snapshot makes the attempt start again.
func addEvidence(ctx context.Context, a *archiveWriter, live *conn.Conn, dir string, refs []integrity.Ref) ([]string, error) {
	var missing []string
	done := map[string]bool{}
	for _, ref := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rel, err := blob.RelPath(ref.Key)
		if err != nil {
			missing = append(missing, fmt.Sprintf("%s: storage key %q", ref, ref.Key))
			continue
		}
		if done[rel] {
			continue
		}
		done[rel] = true
		err = a.addFile(evidencePrefix+rel, filepath.Join(dir, filepath.FromSlash(rel)))
		if !errors.Is(err, fs.ErrNotExist) {
			if err != nil {
				return nil, err
			}
			continue
		}
		named, err := integrity.Named(ctx, live.Reader(), ref.Key)
		if err != nil {
			return nil, err
		}
		if !named {
			return nil, errEvidenceVanished
		}
		missing = append(missing, fmt.Sprintf("%s: evidence/%s", ref, rel))
	}
	return missing, nil
}

// byteSize writes n bytes for people: 512 B, 3.4 MB.
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
