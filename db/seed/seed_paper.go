package seed

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/paper"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/filetype"
	"github.com/ccf-portal/ccfportal/db/paper"
)

// seedPaper imports two fictional cases received outside the portal, as
// the secretariat would: one by post whose applicant has a pending
// invitation, and one by e-mail already followed by its applicant, a
// seeded petitioner who redeemed the code. The codes are made with a key
// of the seed's own, so neither can be redeemed on the portal: staff
// create a new invitation to try one. A seed without documents (no blob
// store, or none asked for) has nothing to import. Their letters are
// counted in rep.
func seedPaper(ctx context.Context, store *db.DB, opts Options, rep *Report) error {
	blobs := opts.Blobs
	if blobs == nil || opts.MaxDocumentCases <= 0 {
		return nil
	}
	var staffID, petitionerID int64
	if err := store.Reader().QueryRowContext(ctx, `SELECT id FROM users WHERE role = ? AND staff_role IN ('', ?) ORDER BY id LIMIT 1`,
		domain.RoleStaff, string(staffrole.Secretariat)).Scan(&staffID); errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("seed paper: secretariat: %w", err)
	}
	// A tiny seed may have no petitioner to follow the second case.
	err := store.Reader().QueryRowContext(ctx, `SELECT id FROM users WHERE role = ? ORDER BY id DESC LIMIT 1`,
		domain.RolePetitioner).Scan(&petitionerID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("seed paper: petitioner: %w", err)
	}
	staff := domain.User{ID: staffID, Role: domain.RoleStaff, StaffRole: string(staffrole.Secretariat)}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	keys := paper.Keys{Key: key}
	now := store.Clock.Now().UTC()
	pending, err := seedImport(ctx, store, blobs, staff, rules.ChannelPost, now.AddDate(0, 0, -12), "Ilyas Fictif-Courrier", "fr")
	if err != nil {
		return err
	}
	if _, err := store.Paper.Invite(ctx, staff, pending, rules.ForApplicant, keys); err != nil {
		return fmt.Errorf("seed paper: invitation: %w", err)
	}
	rep.Documents++
	if petitionerID == 0 {
		return nil
	}
	followed, err := seedImport(ctx, store, blobs, staff, rules.ChannelEmail, now.AddDate(0, -2, 0), "Nour Example-Email", "ar")
	if err != nil {
		return err
	}
	rep.Documents++
	code, err := store.Paper.Invite(ctx, staff, followed, rules.ForApplicant, keys)
	if err != nil {
		return fmt.Errorf("seed paper: invitation: %w", err)
	}
	_, err = store.Paper.Redeem(ctx, domain.User{ID: petitionerID, Role: domain.RolePetitioner}, code, "seed", keys)
	if err != nil {
		return fmt.Errorf("seed paper: redeem: %w", err)
	}
	return nil
}

// seedImport imports one deletion request received on the given day, with
// its letter, under the next free reference of that year.
func seedImport(ctx context.Context, store *db.DB, blobs *blob.Store, staff domain.User, ch rules.Channel, received time.Time,
	name, lang string) (int64, error) {
	var next int64
	if err := store.Reader().QueryRowContext(ctx, `SELECT COALESCE(MAX(last), 0) + 1 FROM reference_counters WHERE year = ?`,
		received.Year()).Scan(&next); err != nil {
		return 0, fmt.Errorf("seed paper: reference: %w", err)
	}
	b, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF("Fictional letter received by "+string(ch))), "letter.pdf", 1<<20)
	if err != nil {
		return 0, fmt.Errorf("seed paper: letter: %w", err)
	}
	in := rules.Import{Channel: ch, ReceivedOn: received.Format(time.DateOnly), Reference: fmt.Sprintf("CCF-%04d-%06d", received.Year(), next),
		Kind: domain.KindDeletion, Applicant: domain.Answers{"full_name": name, "birth_date": "1979-06-14", "nationality": "MA", "language": lang}}
	id, err := store.Paper.Import(ctx, staff, in, []paper.File{{Name: "letter.pdf", Type: domain.DocCorrespondence, Blob: b}}, blobs)
	if err != nil {
		return 0, fmt.Errorf("seed paper: import: %w", err)
	}
	return id, nil
}
