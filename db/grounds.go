package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
)

// SetGrounds applies a checklist save to a draft's chosen grounds inside
// one write transaction (see domain.Filing.PlanGrounds): grounds the
// person ticked are added, grounds they unticked are removed with their
// explanation and evidence links, unless someone else changed them since
// the page was shown. Those are kept and returned.
func (db *DB) SetGrounds(ctx context.Context, r domain.Request, e edits.GroundsEdit) ([]domain.GroundCode, error) {
	for _, c := range e.Ticked {
		if _, ok := domain.GroundByCode(c); !ok {
			return nil, domain.Errorf(domain.EInvalid, "grounds.unknown")
		}
	}
	var kept []domain.GroundCode
	err := db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		f := domain.Filing{Request: r}
		var err error
		if f.Grounds, err = listGrounds(ctx, tx, r.ID); err != nil {
			return err
		}
		if f.DocGrounds, err = listDocumentGrounds(ctx, tx, r.ID); err != nil {
			return err
		}
		change := edits.PlanGrounds(f, e)
		kept = change.Kept
		for _, c := range change.Add {
			if _, err := tx.ExecContext(ctx, `INSERT INTO request_grounds (request_id, ground) VALUES (?, ?)
				ON CONFLICT DO NOTHING`, r.ID, c); err != nil {
				return conn.Failed(fmt.Sprintf("choose ground %s on request %d", c, r.ID), err)
			}
		}
		for _, c := range change.Remove {
			if _, err := tx.ExecContext(ctx, `DELETE FROM request_grounds WHERE request_id = ? AND ground = ?`,
				r.ID, c); err != nil {
				return conn.Failed(fmt.Sprintf("drop ground %s of request %d", c, r.ID), err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM document_grounds WHERE ground = ?
				AND document_id IN (SELECT id FROM documents WHERE request_id = ?)`, c, r.ID); err != nil {
				return conn.Failed(fmt.Sprintf("unlink dropped ground %s of request %d", c, r.ID), err)
			}
		}
		return nil
	})
	return kept, err
}

// SetGroundExplanation saves the explanation of one chosen ground, unless
// someone else saved a different one since the page showed the version
// base: then nothing is written and their explanation comes back as a
// conflict. Text posted back as it was shown is not a change.
func (db *DB) SetGroundExplanation(ctx context.Context, r domain.Request, code domain.GroundCode, text, base string) (
	*edits.FieldConflict, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if key := domain.TextFault(text, true); key != "" {
		return nil, domain.Errorf(domain.EInvalid, key)
	}
	if utf8.RuneCountInString(text) > domain.MaxExplanationRunes {
		return nil, domain.Errorf(domain.EInvalid, "answer.too_long", domain.MaxExplanationRunes)
	}
	var conflict *edits.FieldConflict
	err := db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		var saved string
		err := tx.QueryRowContext(ctx, `SELECT explanation FROM request_grounds WHERE request_id = ? AND ground = ?`,
			r.ID, code).Scan(&saved)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return conn.Failed(fmt.Sprintf("read ground %s of request %d", code, r.ID), err)
		}
		switch {
		case text == saved || edits.Version(text) == base:
			return nil
		case edits.Version(saved) != base:
			conflict = &edits.FieldConflict{Field: "explanation", Saved: saved}
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE request_grounds SET explanation = ? WHERE request_id = ? AND ground = ?`,
			text, r.ID, code)
		if err != nil {
			return conn.Failed(fmt.Sprintf("explain ground %s of request %d", code, r.ID), err)
		}
		return nil
	})
	return conflict, err
}

// RequestGrounds lists a request's grounds in checklist order.
func (db *DB) RequestGrounds(ctx context.Context, requestID int64) ([]domain.Ground, error) {
	return listGrounds(ctx, db.Reader(), requestID)
}

func listGrounds(ctx context.Context, q conn.Queryer, requestID int64) ([]domain.Ground, error) {
	rows, err := q.QueryContext(ctx, `SELECT ground, explanation FROM request_grounds WHERE request_id = ?`, requestID)
	chosen, err := conn.Rows(fmt.Sprintf("list grounds of request %d", requestID), rows, err, func(row conn.Scanner) (domain.Ground, error) {
		var g domain.Ground
		err := row.Scan(&g.Code, &g.Explanation)
		return g, err
	})
	if err != nil {
		return nil, err
	}
	byCode := map[domain.GroundCode]string{}
	for _, g := range chosen {
		byCode[g.Code] = g.Explanation
	}
	var out []domain.Ground
	for _, info := range domain.Grounds {
		if text, ok := byCode[info.Code]; ok {
			out = append(out, domain.Ground{Code: info.Code, Explanation: text})
		}
	}
	return out, nil
}

// inDraftTx runs fn in a transaction after checking, inside it, that the
// request is still a draft. Errors from fn go through conn.Failed, named
// after the draft, so that none leaves untranslated.
func (db *DB) inDraftTx(ctx context.Context, r domain.Request, fn func(*sql.Tx) error) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		var status domain.Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM requests WHERE id = ?`, r.ID).Scan(&status); err != nil {
			return conn.Failed(fmt.Sprintf("check status of request %d", r.ID), err)
		}
		if status != domain.StatusDraft {
			return domain.Errorf(domain.EConflict, "request.read_only")
		}
		if err := fn(tx); err != nil {
			return conn.Failed(fmt.Sprintf("change draft %d", r.ID), err)
		}
		_, err := tx.ExecContext(ctx, `UPDATE requests SET updated_at = ? WHERE id = ?`, db.Clock.Now().Unix(), r.ID)
		return conn.Failed(fmt.Sprintf("touch request %d", r.ID), err)
	})
}
