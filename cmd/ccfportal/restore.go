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
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/integrity"
)

// restore runs `restore -in FILE -data NEWDIR`: it unpacks a backup into a
// folder that is empty or does not exist yet. Everything is unpacked into
// a staging folder inside it and checked against the manifest first; only
// a complete, untampered backup is moved into place, and a refused one
// leaves the folder as it was. The archive holds no keys: with -secrets,
// restore checks that the file's encryption key opens the evidence.
func restore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.register(fs)
	in := fs.String("in", "", "backup archive to restore (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" {
		return errors.New("usage: ccfportal restore -in FILE -data NEWDIR [-secrets FILE]")
	}
	// Load the keys before touching anything, so a wrong path fails early.
	var blobKey []byte
	if sf.secrets != "" {
		secrets, err := loadExistingSecrets(sf.secrets)
		if err != nil {
			return err
		}
		blobKey = secrets.EncryptionKey
	}
	created, err := prepareRestoreDir(sf.data)
	if err != nil {
		return err
	}
	m, damaged, err := restoreInto(ctx, *in, sf.data, blobKey)
	if err != nil {
		if created {
			os.Remove(sf.data)
		}
		return fmt.Errorf("restore refused, %s left as it was: %w", sf.data, err)
	}
	fmt.Fprintf(stdout, "Restored into %s the backup of %s: the database (schema %s, %d requests, %d documents) and %d evidence files, all matching the manifest.\n",
		sf.data, m.CreatedAt.Format(time.RFC3339), m.SchemaVersion, m.Rows["requests"], m.Rows["documents"]+m.Rows["applicant_documents"], m.evidenceFiles())
	for _, p := range m.Missing {
		fmt.Fprintf(stdout, "Was already missing when the backup was made: %s\n", p)
	}
	if blobKey == nil {
		fmt.Fprintf(stdout, "The backup holds no keys. Before starting the portal on %s, copy the secrets file of the store it came from to %s,\n"+
			"or start it with -secrets FILE: a portal started without that file makes new keys and can read none of the evidence.\n",
			sf.data, sf.defaultSecretsPath())
		return nil
	}
	for _, p := range damaged {
		fmt.Fprintf(stdout, "DAMAGED in the backup: %s\n", p)
	}
	if len(damaged) > 0 {
		return fmt.Errorf("restored, but %d evidence files do not open with the key in %s", len(damaged), sf.secrets)
	}
	fmt.Fprintf(stdout, "Every evidence file opens with the key in %s. Start the portal with -data %s -secrets %s.\n", sf.secrets, sf.data, sf.secrets)
	return nil
}

// prepareRestoreDir makes sure dir is an empty folder, creating it if it
// does not exist, and reports whether it did.
func prepareRestoreDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, os.MkdirAll(dir, 0o700)
	case err != nil:
		return false, err
	case len(entries) > 0:
		return false, fmt.Errorf("refusing to restore into %s: it is not empty (restore into a new folder, then swap folders)", dir)
	}
	return false, nil
}

// restoreInto unpacks, verifies and moves into place; on any error it
// removes everything it made.
func restoreInto(ctx context.Context, in, dir string, blobKey []byte) (manifest, []string, error) {
	f, err := os.Open(in)
	if err != nil {
		return manifest{}, nil, err
	}
	defer f.Close()
	stage, err := os.MkdirTemp(dir, ".restore-*")
	if err != nil {
		return manifest{}, nil, err
	}
	defer os.RemoveAll(stage)
	m, got, err := extractArchive(f, stage)
	if err != nil {
		return manifest{}, nil, err
	}
	if err := m.verifyAgainst(got); err != nil {
		return manifest{}, nil, fmt.Errorf("the archive does not match its manifest: %w", err)
	}
	if !conn.KnownMigration(m.SchemaVersion) {
		return manifest{}, nil, fmt.Errorf("the backup's schema %s is newer than this program knows: restore with the version that made it", m.SchemaVersion)
	}
	var damaged []string
	if blobKey != nil {
		if damaged, err = openEvidence(ctx, stage, blobKey); err != nil {
			return manifest{}, nil, err
		}
	}
	if err := syncDirs(stage); err != nil {
		return manifest{}, nil, err
	}
	if err := moveIntoPlace(stage, dir); err != nil {
		return manifest{}, nil, err
	}
	return m, damaged, nil
}

// openEvidence reads every evidence file the restored rows name with the
// key. If none opens, the key is the wrong one and the restore is refused;
// if only some fail, those were damaged in the store the backup was made
// of, and are listed.
func openEvidence(ctx context.Context, stage string, key []byte) ([]string, error) {
	snap, err := conn.OpenSnapshot(filepath.Join(stage, dbEntryName))
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	refs, err := integrity.Refs(ctx, snap)
	if err != nil {
		return nil, err
	}
	blobs, err := blob.NewStore(filepath.Join(stage, "evidence"), key)
	if err != nil {
		return nil, err
	}
	var damaged []string
	opened := 0
	for _, ref := range refs {
		size, sum, err := blobs.Digest(ref.Key)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // listed as missing by the backup itself
		case err != nil || size != ref.Size || sum != ref.SHA256:
			damaged = append(damaged, ref.String())
		default:
			opened++
		}
	}
	if opened == 0 && len(damaged) > 0 {
		return nil, errors.New("the encryption key in the secrets file opens none of the evidence: it is not this store's secrets file")
	}
	return damaged, nil
}

// moveIntoPlace moves the staged database and evidence folder into dir.
func moveIntoPlace(stage, dir string) error {
	for _, name := range []string{dbEntryName, "evidence"} {
		err := os.Rename(filepath.Join(stage, name), filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) && name == "evidence" {
			continue // a store without evidence yet
		}
		if err != nil {
			os.Remove(filepath.Join(dir, dbEntryName))
			return err
		}
	}
	return syncDir(dir)
}
