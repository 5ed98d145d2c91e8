package db

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"
)

// GroundCode names a ground for deletion or correction (DOMAIN.md).
type GroundCode string

// GroundInfo describes a ground: its rule, and the document types that
// usually prove it. Its plain-language texts are in the catalog under
// "ground.<code>.title", ".what" and ".evidence".
type GroundInfo struct {
	Code     GroundCode
	Rule     string
	Evidence []DocType
}

// Grounds is the checklist, in the order the form offers it.
var Grounds = []GroundInfo{
	{"political", "Constitution Art. 3", []DocType{DocNGOReport, DocPressArticle, DocCourtDecision}},
	{"human_rights", "Constitution Art. 2", []DocType{DocCourtDecision, DocNGOReport}},
	{"refugee", "Refugee resolution (2017)", []DocType{DocAsylumDecision}},
	{"private_dispute", "RPD Art. 83(1)(a)(i)", []DocType{DocCorrespondence, DocCourtDecision}},
	{"family_matter", "RPD Art. 83(1)(a)(i)", []DocType{DocCourtDecision}},
	{"excluded_offence", "RPD Art. 83(1)(a)(i)", []DocType{DocArrestWarrant, DocOtherEvidence}},
	{"penalty_threshold", "RPD Art. 83(1)(a)(ii)", []DocType{DocCourtDecision, DocOtherEvidence}},
	{"no_international_interest", "RPD", []DocType{DocExtraditionJudgment, DocCorrespondence}},
	{"judicial_data", "RPD Art. 83(2)", []DocType{DocArrestWarrant, DocCourtDecision}},
	{"outdated", "RPD data quality", []DocType{DocCourtDecision}},
	{"ne_bis_in_idem", "", []DocType{DocCourtDecision}},
	{"extradition_refused", "CCF practice", []DocType{DocExtraditionJudgment}},
	{"wrong_identity", "RPD accuracy", []DocType{DocOtherEvidence}},
	{"improper_purpose", "CCF practice", []DocType{DocCorrespondence}},
	{"other", "", nil},
}

// GroundByCode finds a ground of the checklist.
func GroundByCode(code GroundCode) (GroundInfo, bool) {
	for _, g := range Grounds {
		if g.Code == code {
			return g, true
		}
	}
	return GroundInfo{}, false
}

// Ground is a ground argued in a request, with the applicant's explanation.
type Ground struct {
	Code        GroundCode
	Explanation string
}

// MaxExplanationRunes limits one ground's explanation.
const MaxExplanationRunes = 10000

// SetGrounds replaces a draft's chosen grounds, keeping the explanations of
// grounds that stay chosen.
func (db *DB) SetGrounds(ctx context.Context, r Request, codes []GroundCode) error {
	for _, c := range codes {
		if _, ok := GroundByCode(c); !ok {
			return Errorf(EInvalid, "grounds.unknown")
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
				return err
			}
		}
		q := `DELETE FROM request_grounds WHERE request_id = ?`
		if len(codes) > 0 {
			q += ` AND ground NOT IN (` + strings.Join(marks, ",") + `)`
		}
		if _, err := tx.ExecContext(ctx, q, keep...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM document_grounds WHERE ground NOT IN
			(SELECT ground FROM request_grounds WHERE request_id = ?)
			AND document_id IN (SELECT id FROM documents WHERE request_id = ?)`, r.ID, r.ID)
		return err
	})
}

// SetGroundExplanation saves the explanation of one chosen ground.
func (db *DB) SetGroundExplanation(ctx context.Context, r Request, code GroundCode, text string) error {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if utf8.RuneCountInString(text) > MaxExplanationRunes {
		return Errorf(EInvalid, "answer.too_long", MaxExplanationRunes)
	}
	return db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE request_grounds SET explanation = ? WHERE request_id = ? AND ground = ?`,
			text, r.ID, code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return Errorf(ENotFound, "error.not_found")
		}
		return nil
	})
}

// RequestGrounds lists a request's grounds in checklist order.
func (db *DB) RequestGrounds(ctx context.Context, requestID int64) ([]Ground, error) {
	return listGrounds(ctx, db.read, requestID)
}

func listGrounds(ctx context.Context, q queryer, requestID int64) ([]Ground, error) {
	rows, err := q.QueryContext(ctx, `SELECT ground, explanation FROM request_grounds WHERE request_id = ?`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	byCode := map[GroundCode]string{}
	for rows.Next() {
		var g Ground
		if err := rows.Scan(&g.Code, &g.Explanation); err != nil {
			return nil, Internal(err)
		}
		byCode[g.Code] = g.Explanation
	}
	var out []Ground
	for _, info := range Grounds {
		if text, ok := byCode[info.Code]; ok {
			out = append(out, Ground{Code: info.Code, Explanation: text})
		}
	}
	return out, rows.Err()
}

// inDraftTx runs fn in a transaction after checking, inside it, that the
// request is still a draft. Errors from fn that are not application
// errors become internal ones.
func (db *DB) inDraftTx(ctx context.Context, r Request, fn func(*sql.Tx) error) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var status Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM requests WHERE id = ?`, r.ID).Scan(&status); err != nil {
			return Internal(err)
		}
		if status != StatusDraft {
			return Errorf(EConflict, "request.read_only")
		}
		if err := fn(tx); err != nil {
			if ErrorCode(err) == EInternal {
				return Internal(err)
			}
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE requests SET updated_at = ? WHERE id = ?`, db.Clock.Now().Unix(), r.ID)
		return wrapInternal(err)
	})
}
