package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// SetGrounds replaces a draft's chosen grounds, keeping the explanations of
// grounds that stay chosen.
func (db *DB) SetGrounds(ctx context.Context, r domain.Request, codes []domain.GroundCode) error {
	for _, c := range codes {
		if _, ok := domain.GroundByCode(c); !ok {
			return domain.Errorf(domain.EInvalid, "grounds.unknown")
		}
	}
	return db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		keep := make([]any, 0, len(codes)+1)
		keep = append(keep, r.ID)
		marks := make([]string, len(codes))
		for i, c := range codes {
			keep = append(keep, string(c))
			marks[i] = "?"
			if _, err := tx.ExecContext(ctx, `INSERT INTO request_grounds (request_id, ground) VALUES (?, ?)
				ON CONFLICT DO NOTHING`, r.ID, c); err != nil {
				return conn.Failed(fmt.Sprintf("choose ground %s on request %d", c, r.ID), err)
			}
		}
		q := `DELETE FROM request_grounds WHERE request_id = ?`
		if len(codes) > 0 {
			q += ` AND ground NOT IN (` + strings.Join(marks, ",") + `)`
		}
		if _, err := tx.ExecContext(ctx, q, keep...); err != nil {
			return conn.Failed(fmt.Sprintf("drop grounds of request %d", r.ID), err)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM document_grounds WHERE ground NOT IN
			(SELECT ground FROM request_grounds WHERE request_id = ?)
			AND document_id IN (SELECT id FROM documents WHERE request_id = ?)`, r.ID, r.ID)
		return conn.Failed(fmt.Sprintf("unlink dropped grounds of request %d", r.ID), err)
	})
}

// SetGroundExplanation saves the explanation of one chosen ground.
func (db *DB) SetGroundExplanation(ctx context.Context, r domain.Request, code domain.GroundCode, text string) error {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if utf8.RuneCountInString(text) > domain.MaxExplanationRunes {
		return domain.Errorf(domain.EInvalid, "answer.too_long", domain.MaxExplanationRunes)
	}
	return db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE request_grounds SET explanation = ? WHERE request_id = ? AND ground = ?`,
			text, r.ID, code)
		if err != nil {
			return conn.Failed(fmt.Sprintf("explain ground %s of request %d", code, r.ID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		return nil
	})
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
