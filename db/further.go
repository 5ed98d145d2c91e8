package db

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxFurtherTextRunes limits a written further submission.
const MaxFurtherTextRunes = 20000

// FurtherSubmission is what an applicant adds to a pending request: a
// written submission, a document, or both. The original filing is never
// changed; the addition is dated on the timeline.
type FurtherSubmission struct {
	Text     string
	Document *NewDocument // nil when only text is sent
}

// ValidateFurther checks a further submission before it is stored.
func ValidateFurther(f FurtherSubmission, hasFile bool, chosen []Ground) FieldErrors {
	var errs FieldErrors
	text := strings.TrimSpace(f.Text)
	if text == "" && !hasFile {
		errs.Add("text", "further.empty")
	}
	if utf8.RuneCountInString(text) > MaxFurtherTextRunes {
		errs.Add("text", "answer.too_long", MaxFurtherTextRunes)
	}
	if hasFile && f.Document != nil {
		d := *f.Document
		if d.Description == "" {
			d.Description = "-" // a further submission's text describes the file
		}
		errs = append(errs, ValidateEvidence(d, chosen)...)
	}
	return errs
}

// AddFurtherSubmission records a further submission on a pending request of
// the filer's, with its document if any, and the timeline entry, in one
// transaction. The file is durable before the commit and removed if the
// commit fails.
func (db *DB) AddFurtherSubmission(ctx context.Context, r Request, actor User, f FurtherSubmission,
	blob *StagedBlob, blobs *BlobStore) error {
	if blob != nil {
		if err := blobs.Publish(blob); err != nil {
			blobs.Discard(blob)
			return Internal(err)
		}
	}
	now := db.Clock.Now()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := requestFor(ctx, tx, r.ID, actor)
		if err != nil {
			return err
		}
		if !cur.Status.IsOpen() {
			return Errorf(EConflict, "further.not_pending")
		}
		data := map[string]string{"text": strings.TrimSpace(strings.ReplaceAll(f.Text, "\r\n", "\n"))}
		if blob != nil {
			id, err := insertDocumentRow(ctx, tx, documentRecord(r, actor, *f.Document, blob, now, true), *f.Document)
			if err != nil {
				return err
			}
			data["document_id"] = strconv.FormatInt(id, 10)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET updated_at = ? WHERE id = ?`, now.Unix(), r.ID); err != nil {
			return Internal(err)
		}
		return addEvent(ctx, tx, r.ID, EventFurtherSubmitted, actor.ID, false, data, now)
	})
	if err != nil && blob != nil {
		blobs.Discard(blob)
	}
	return err
}
