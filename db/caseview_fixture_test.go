package db

import (
	"bytes"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// busyCase files a deletion request with n data items (at most
// domain.MaxDataItems), finds it admissible and, through the store's own
// methods, puts n clarification rounds on it -- each answered with a file
// -- then decides it ordering deletion and issues a notice for every data
// item. With n = 0 it is a request that has only just been filed.
func busyCase(t *testing.T, f staffFixture, n int) domain.Request {
	t.Helper()
	r := fileTestRequest(t, f.store, f.amal, domain.KindDeletion, `{"data_kind":"wanted_diffusion","source_country":"TR"}`)
	if n == 0 {
		return r
	}
	require.LessOrEqual(t, n, domain.MaxDataItems)
	err := f.store.Write(f.ctx, func(tx *sql.Tx) error {
		for i := 1; i <= n; i++ {
			if _, err := tx.ExecContext(f.ctx, `INSERT INTO data_items (request_id, data_kind, source_country, refs, position)
				VALUES (?, 'wanted_diffusion', 'TR', ?, ?)`, r.ID, fmt.Sprintf("D-%d", i), i); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.NoError(t, f.store.DeclareAdmissibility(f.ctx, f.staff, r.ID, domain.AdmissibilityInput{Outcome: domain.OutcomeAdmissible, Note: "Identity document seen on paper.",
		Checks: domain.AdmissibilityChecks}))

	blobs, err := blob.NewStore(filepath.Join(t.TempDir(), "ev"), bytes.Repeat([]byte{5}, 32))
	require.NoError(t, err)
	for i := range n {
		require.NoError(t, f.store.RequestClarification(f.ctx, f.staff, r.ID,
			domain.ClarificationInput{Body: fmt.Sprintf("Question %d", i), ReplyBy: "2026-04-01"}))
		staged, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF(fmt.Sprintf("answer %d", i))), "answer.pdf", 1<<20)
		require.NoError(t, err)
		require.NoError(t, f.store.ReplyToClarification(f.ctx, f.reload(t, r), f.amal, fmt.Sprintf("Answer %d", i),
			[]ReplyFile{{Name: "answer.pdf", Blob: staged}}, blobs))
	}
	require.NoError(t, f.store.AddNote(f.ctx, f.staff, r.ID, domain.NoteInternal, "Looked at it."))
	require.NoError(t, f.store.RecordMeasure(f.ctx, f.staff, r.ID, domain.MeasureInput{Outcome: domain.MeasureRefused, Reasons: "Not urgent."}))
	require.NoError(t, f.store.RecordDecision(f.ctx, f.staff, r.ID,
		domain.DecisionInput{Outcome: outcome.NonCompliantDeletion, Reasons: "Reasons."}, nil, nil))
	targets, err := f.store.NoticeTargets(f.ctx, r)
	require.NoError(t, err)
	require.Len(t, targets, n)
	for _, target := range targets {
		_, err := f.store.IssueNotice(f.ctx, f.staff, r.ID, domain.NoticeInput{TargetKey: target.Key, EffectiveOn: "2026-04-01",
			Countries: []string{"FR", "DE"}})
		require.NoError(t, err)
	}
	return f.reload(t, r)
}
