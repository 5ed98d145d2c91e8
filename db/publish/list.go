package publish

import (
	"context"
	"database/sql"
	"strings"

	"github.com/ccf-portal/ccfportal/db/conn"
	rules "github.com/ccf-portal/ccfportal/db/domain/publish"
)

// columns are a publication's columns, read by scanPublication.
const columns = `p.id, p.request_id, COALESCE(r.reference, ''), p.year, p.session, p.kind, p.grounds, p.outcome, p.excerpt,
	p.state, p.author_id, COALESCE(u.name, ''), COALESCE(p.approved_by, 0), p.updated_at, COALESCE(p.approved_at, 0)`

const from = ` FROM published_decisions p JOIN requests r ON r.id = p.request_id LEFT JOIN users u ON u.id = p.author_id`

func scanPublication(row conn.Scanner) (rules.Publication, error) {
	var p rules.Publication
	var grounds string
	var updated, approved int64
	err := row.Scan(&p.ID, &p.RequestID, &p.Reference, &p.Year, &p.Session, &p.Kind, &grounds, &p.Outcome, &p.Excerpt,
		&p.State, &p.AuthorID, &p.AuthorName, &p.ApproverID, &updated, &approved)
	p.Grounds, p.UpdatedAt = parseGrounds(grounds), conn.UnixTime(updated)
	if approved != 0 {
		p.ApprovedAt = conn.UnixTime(approved)
	}
	return p, err
}

// StaffList lists every publication for staff: drafts waiting for
// approval first, then the public ones, then the withdrawn, newest first.
func (s Store) StaffList(ctx context.Context) ([]rules.Publication, error) {
	rows, err := s.Reader().QueryContext(ctx, `SELECT `+columns+from+`
		ORDER BY CASE p.state WHEN 'draft' THEN 0 WHEN 'published' THEN 1 ELSE 2 END, p.updated_at DESC, p.id DESC`)
	return conn.Rows("list publications", rows, err, scanPublication)
}

// where is the public filter's condition: published rows only, and each
// word of the search at the start of a word of the normalised text.
func where(f rules.Filter) (string, []any) {
	cond, args := `p.state = 'published'`, []any{}
	add := func(c string, a any) { cond, args = cond+` AND `+c, append(args, a) }
	if f.Year != 0 {
		add(`p.year = ?`, f.Year)
	}
	if f.Kind != "" {
		add(`p.kind = ?`, string(f.Kind))
	}
	if f.Ground != "" {
		add(`p.grounds LIKE ? ESCAPE '\'`, "% "+escapeLike(string(f.Ground))+" %")
	}
	if f.Outcome != "" {
		add(`p.outcome = ?`, f.Outcome)
	}
	for _, w := range f.Words() {
		add(`p.search_text LIKE ? ESCAPE '\'`, "% "+escapeLike(w)+"%")
	}
	return cond, args
}

// escapeLike makes s match itself in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Public is one page of the published decisions matching f, newest year
// first, with the years and outcomes the filter can offer; in one read
// transaction.
func (s Store) Public(ctx context.Context, f rules.Filter) (rules.Page, error) {
	page := rules.Page{Filter: f}
	cond, args := where(f)
	err := s.ReadTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM published_decisions p WHERE `+cond, args...).Scan(&page.Total); err != nil {
			return conn.Failed("count published decisions", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+columns+from+` WHERE `+cond+`
			ORDER BY p.year DESC, p.approved_at DESC, p.id DESC LIMIT ? OFFSET ?`, append(args, rules.PageSize, f.Offset())...)
		if page.Items, err = conn.Rows("list published decisions", rows, err, scanPublication); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT DISTINCT year FROM published_decisions WHERE state = 'published' ORDER BY year DESC`)
		if page.Years, err = conn.Rows("list years of published decisions", rows, err, scanOne[int]); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT DISTINCT outcome FROM published_decisions WHERE state = 'published' ORDER BY outcome`)
		page.Outcomes, err = conn.Rows("list outcomes of published decisions", rows, err, scanOne[string])
		return err
	})
	return page, err
}

func scanOne[T any](row conn.Scanner) (T, error) {
	var v T
	err := row.Scan(&v)
	return v, err
}
