package consult_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/consult"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

func TestAConsultationIsRecordedRemindedAndAnsweredWithItsAuditTrail(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := context.Background()
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@ccf.example")
	filer := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	r := dbtest.FileRequest(t, store, filer, domain.KindAccess, `{}`)
	blobs, err := blob.NewStore(filepath.Join(t.TempDir(), "evidence"), bytes.Repeat([]byte{9}, 32))
	require.NoError(t, err)

	_, err = store.Consultations.Add(ctx, filer, r.ID, rules.NewInput{Recipient: rules.SourceNCB, Question: "Q", SentOn: "2026-03-02"}, 0)
	assert.Equal(t, domain.EForbidden, domain.ErrorCode(err), "only staff")

	today := rules.Today(clock.Now())
	id, err := store.Consultations.Add(ctx, staff, r.ID, rules.NewInput{Recipient: rules.SourceNCB,
		Question: "Is the diffusion still needed?", SentOn: today}, 20)
	require.NoError(t, err)
	clock.Advance(5 * 24 * time.Hour)
	require.NoError(t, store.Consultations.Remind(ctx, staff, r.ID, id, rules.Today(clock.Now())))
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(store.Consultations.Remind(ctx, staff, r.ID+1, id, rules.Today(clock.Now()))),
		"a consultation of another case is not found")

	staged, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF("reply")), "reply.pdf", 1<<20)
	require.NoError(t, err)
	require.NoError(t, store.Consultations.Reply(ctx, staff, r.ID, id, rules.ReplyInput{ReceivedOn: rules.Today(clock.Now()),
		Summary: "The NCB keeps the data.", Restriction: "Do not disclose the case number."}, &consult.File{Name: "reply.pdf", Blob: staged}, blobs))

	list, err := store.Consultations.List(ctx, r.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	c := list[0]
	assert.Equal(t, "TR", c.Country)
	assert.Equal(t, "2026-03-22", c.ReplyDue)
	assert.Equal(t, []string{"2026-03-07"}, c.Reminders)
	assert.Equal(t, rules.Replied, c.State(clock.Now()))
	require.NotNil(t, c.Document)
	keys, err := store.BlobKeys(ctx)
	require.NoError(t, err)
	assert.True(t, keys[c.Document.StorageKey], "the reply's file is known, never taken for an orphan")

	d, err := store.Consultations.Document(ctx, staff, r.ID, id)
	require.NoError(t, err)
	assert.Equal(t, "application/pdf", d.ContentType)

	trail, err := store.AuditTrail(ctx, r.ID)
	require.NoError(t, err)
	var actions []string
	for _, e := range trail {
		actions = append(actions, string(e.Action))
		assert.NotContains(t, e.Detail, "diffusion", "the audit detail holds ids and codes only")
	}
	assert.Equal(t, "consultation_add consultation_reminder consultation_reply consultation_download", strings.Join(actions, " "))
}

func TestNoReplyIsRefusedBeforeTheDueDateAndRecordedAfter(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := context.Background()
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@ccf.example")
	r := dbtest.FileRequest(t, store, dbtest.User(t, store, domain.RolePetitioner, "amal@example.org"), domain.KindDeletion, `{}`)
	id, err := store.Consultations.Add(ctx, staff, r.ID, rules.NewInput{Recipient: rules.GeneralSecretariat,
		Question: "Q", SentOn: rules.Today(clock.Now()), ReplyDue: "2026-03-10"}, 0)
	require.NoError(t, err)
	err = store.Consultations.MarkNoReply(ctx, staff, r.ID, id)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
	require.NoError(t, store.Consultations.SetDueDate(ctx, staff, r.ID, id, "2026-03-05"))
	clock.Set(time.Date(2026, 3, 6, 8, 0, 0, 0, time.UTC))
	require.NoError(t, store.Consultations.MarkNoReply(ctx, staff, r.ID, id))
	list, err := store.Consultations.List(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, rules.NoReply, list[0].State(clock.Now()))
	assert.Equal(t, "2026-03-06", list[0].NoReplyOn)
}
