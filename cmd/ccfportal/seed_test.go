package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/db/seed"
	"github.com/ccf-portal/ccfportal/web"
)

func TestSeedFillsAStoreWithDownloadableDemoCases(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	var out bytes.Buffer
	require.NoError(t, run(ctx, []string{"seed", "-data", data, "-n", "40", "-documents", "5"}, nil, &out, io.Discard))
	assert.Contains(t, out.String(), "Added 40 fictional requests")
	assert.Contains(t, out.String(), "@seed.invalid")

	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	real, err := store.RealFilings(ctx)
	require.NoError(t, err)
	assert.Zero(t, real)
	secrets, err := web.LoadOrCreateSecrets(keysFile(data))
	require.NoError(t, err)
	blobs, err := blob.NewStore(filepath.Join(data, "evidence"), secrets.EncryptionKey)
	require.NoError(t, err)
	var key string
	conn := openFile(t, data)
	require.NoError(t, conn.QueryRow(`SELECT storage_key FROM documents LIMIT 1`).Scan(&key))
	f, err := blobs.Open(key)
	require.NoError(t, err)
	body, err := io.ReadAll(f)
	f.Close()
	require.NoError(t, err)
	assert.Contains(t, string(body), "%PDF-1.4", "seeded documents decrypt with the store's own key")
	store.Close()
}

func TestSeedRefusesRealFilingsUnlessForcedAndBadFlags(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	assert.ErrorContains(t, run(ctx, []string{"seed", "-data", data, "-scale", "0"}, nil, io.Discard, io.Discard), "usage")

	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	u, err := store.CreateUser(ctx, domain.NewUser{Email: "amal@example.org", Name: "Amal", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	store.Close()
	_, err = openFile(t, data).Exec(`INSERT INTO requests (reference, kind, status, filer_id, created_at, updated_at)
		VALUES ('CCF-2026-000001', 'access', 'submitted', ?, 0, 0)`, u.ID)
	require.NoError(t, err)

	err = run(ctx, []string{"seed", "-data", data, "-n", "5"}, nil, io.Discard, io.Discard)
	assert.ErrorIs(t, err, seed.ErrRealFilings)
	var out bytes.Buffer
	require.NoError(t, run(ctx, []string{"seed", "-data", data, "-n", "5", "--force", "-documents", "0"}, nil, &out, io.Discard))
	assert.Contains(t, out.String(), "Added 5 fictional requests")
}

func openFile(t *testing.T, data string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(data, "ccf.db")+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

// The yearly volumes at a small scale: every year since 2021 has filings
// and a few published decisions, and two runs make the same store.
func TestSeedYearsAtASmallScaleIsRepeatable(t *testing.T) {
	ctx := context.Background()
	counts := func(flags ...string) (int, int, int) {
		data := t.TempDir()
		var out bytes.Buffer
		args := append([]string{"seed", "-data", data, "-scale", "0.02", "-documents", "0"}, flags...)
		require.NoError(t, run(ctx, args, nil, &out, io.Discard))
		assert.Contains(t, out.String(), "published decisions")
		var years, requests, published int
		require.NoError(t, openFile(t, data).QueryRow(`SELECT COUNT(DISTINCT strftime('%Y', submitted_at, 'unixepoch')), COUNT(*),
			(SELECT COUNT(*) FROM published_decisions WHERE state = 'published') FROM requests`).Scan(&years, &requests, &published))
		return years, requests, published
	}
	years, requests, published := counts("-years")
	assert.GreaterOrEqual(t, years, 6, "2021 to this year")
	assert.Positive(t, published)
	y2, r2, p2 := counts() // what plain "ccfportal seed" makes
	assert.Equal(t, []int{years, requests, published}, []int{y2, r2, p2})
	assert.ErrorContains(t, run(ctx, []string{"seed", "-data", t.TempDir(), "-years", "-n", "3"}, nil, io.Discard, io.Discard), "usage",
		"one or the other")
}
