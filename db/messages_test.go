package db

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

func TestClarificationWaitsForTheApplicantAndResumes(t *testing.T) {
	f := newStaffFixture(t)
	blobs, err := blob.NewStore(filepath.Join(t.TempDir(), "ev"), bytes.Repeat([]byte{5}, 32))
	require.NoError(t, err)
	r := fileTestRequest(t, f.store, f.amal, domain.KindAccess, `{}`)

	err = f.store.RequestClarification(f.ctx, f.staff, r.ID, domain.ClarificationInput{Body: "Send the passport", ReplyBy: "2026-03-01"})
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "the reply-by date must be ahead")
	in := domain.ClarificationInput{Body: "Send a legible passport copy.", ReplyBy: "2026-04-01"}
	require.NoError(t, f.store.RequestClarification(f.ctx, f.staff, r.ID, in))
	assert.Equal(t, domain.StatusAwaitingApplicant, f.reload(t, r).Status)
	err = f.store.RequestClarification(f.ctx, f.staff, r.ID, in)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err), "already waiting")

	other := makeUser(t, f.store, domain.RolePetitioner, "other@example.org")
	err = f.store.ReplyToClarification(f.ctx, r, other, "hijack", nil, blobs)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err), "only the filer answers")
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(f.store.ReplyToClarification(f.ctx, r, f.amal, " ", nil, blobs)))

	staged, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF("passport")), "passport.pdf", 1<<20)
	require.NoError(t, err)
	require.NoError(t, f.store.ReplyToClarification(f.ctx, r, f.amal, "Here it is.", []ReplyFile{{Name: "passport.pdf", Blob: staged}}, blobs))
	assert.Equal(t, domain.StatusSubmitted, f.reload(t, r).Status, "asked before admissibility: back to the admissibility check")

	msgs, err := f.store.Messages(f.ctx, r.ID)
	require.NoError(t, err)
	require.Len(t, msgs, 2)
	assert.Equal(t, domain.MessageReply, msgs[1].Kind)
	require.Len(t, msgs[1].Documents, 1)
	assert.True(t, msgs[1].Documents[0].AfterFiling)
	assert.Equal(t, domain.DocClarificationReply, msgs[1].Documents[0].Type)

	late, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF("late")), "late.pdf", 1<<20)
	require.NoError(t, err)
	err = f.store.ReplyToClarification(f.ctx, r, f.amal, "Again", []ReplyFile{{Name: "late.pdf", Blob: late}}, blobs)
	assert.Equal(t, "clarify.not_waiting", domain.ErrorMessage(err))
	_, openErr := blobs.Open(late.Key)
	assert.Error(t, openErr, "a refused reply leaves no file behind")

	admitted := f.admissible(t, domain.KindAccess, `{}`)
	require.NoError(t, f.store.RequestClarification(f.ctx, f.staff, admitted.ID, in))
	require.NoError(t, f.store.ResumeExamination(f.ctx, f.staff, admitted.ID))
	assert.Equal(t, domain.StatusUnderReview, f.reload(t, admitted).Status, "asked during the examination: back to it")
	assert.Equal(t, "clarify.not_waiting", domain.ErrorMessage(f.store.ResumeExamination(f.ctx, f.staff, admitted.ID)))
}

func TestInternalNotesNeverReachTheApplicantTimeline(t *testing.T) {
	f := newStaffFixture(t)
	r := fileTestRequest(t, f.store, f.amal, domain.KindDeletion, `{}`)
	require.NoError(t, f.store.AddNote(f.ctx, f.staff, r.ID, domain.NoteConsultSourceNCB, "NCB says the warrant was withdrawn"))
	require.NoError(t, f.store.AddNote(f.ctx, f.staff, r.ID, domain.NoteInternal, "Looks political"))
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(f.store.AddNote(f.ctx, f.staff, r.ID, "gossip", "x")))
	notes, err := f.store.Notes(f.ctx, r.ID)
	require.NoError(t, err)
	assert.Len(t, notes, 2)
	public, err := f.store.Timeline(f.ctx, r.ID, false)
	require.NoError(t, err)
	for _, e := range public {
		assert.NotEqual(t, domain.EventConsultation, e.Kind)
	}
	all, err := f.store.Timeline(f.ctx, r.ID, true)
	require.NoError(t, err)
	assert.Equal(t, domain.EventConsultation, all[len(all)-1].Kind)
}
