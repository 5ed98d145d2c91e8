package seed

import (
	"strconv"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/publish"
)

// seedExcerpts are fictional anonymised excerpts: they name no one.
var seedExcerpts = []string{
	"The applicant argued that the proceedings followed public criticism of the government. The Commission found that the political element predominated and that the data were not compliant with Article 3 of the Constitution.",
	"The source did not reply to the Commission's consultation within the time set, nor after a reminder. Without the information needed to assess the data, the Commission found them not compliant.",
	"The applicant was recognised as a refugee by the host country, which confirmed the status to the Commission. The protection concerned the country that sent the data; the data were found not compliant.",
	"The facts described were a commercial dispute between business partners, already before the civil courts. The Commission found that they did not amount to ordinary-law crime and ordered the deletion of the data.",
	"The source provided the arrest warrant and a summary of the facts, which were specific and matched the charges. The Commission found the data compliant with the rules.",
}

// sessionLabel labels a year's published decisions until sessions are
// recorded.
func sessionLabel(year, n int) string {
	return strconv.Itoa(year) + " session " + strconv.Itoa(1+n%4)
}

// writePublications publishes a handful of each year's decisions on
// deletion and correction requests, written by the seeded Chamber member
// and approved by another staff member.
func (w *seedWriter) writePublications(cases []seedCase) error {
	author, approver := w.staff[1], w.staff[0]
	if _, err := w.tx.ExecContext(w.ctx, `UPDATE users SET staff_role = 'chamber' WHERE id = ?`, author); err != nil {
		return conn.Failed("seed: chamber member", err)
	}
	perYear := map[int]int{}
	for i := len(cases) - 1; i >= 0; i-- {
		c := cases[i]
		y := c.decided.Year()
		if c.status != domain.StatusDecided && c.status != domain.StatusClosed || perYear[y] >= PublishedPerYear ||
			(c.kind != domain.KindDeletion && c.kind != domain.KindCorrection) {
			continue
		}
		n := perYear[y]
		perYear[y]++
		in := publish.Input{Session: sessionLabel(y, n), Excerpt: seedExcerpts[(y+n)%len(seedExcerpts)]}
		_, err := w.tx.ExecContext(w.ctx, `INSERT INTO published_decisions (request_id, year, session, kind, grounds, outcome,
			excerpt, search_text, state, author_id, updated_at, approved_by, approved_at)
			VALUES (?1, ?2, ?3, ?4, COALESCE((SELECT ' ' || group_concat(ground, ' ') || ' ' FROM request_grounds WHERE request_id = ?1), ''),
			?5, ?6, ?7, 'published', ?8, ?9, ?10, ?9)`,
			c.id, y, in.Session, string(c.kind), c.outcome, in.Excerpt, publish.SearchText(in), author,
			seedBetween(w.rng, c.decided, c.decided.Add(30*seedDay), w.now).Unix(), approver)
		if err != nil {
			return conn.Failed("seed publication", err)
		}
		w.report.Published++
	}
	return nil
}
