package chamber

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/chamber"
)

// sessionColumns are the columns scanSession reads, from chamber_sessions s.
const sessionColumns = `s.id, s.year, s.number, s.starts_on, s.ends_on,
	(SELECT COUNT(*) FROM session_agenda a WHERE a.session_id = s.id)`

func scanSession(row conn.Scanner) (rules.Session, error) {
	var s rules.Session
	err := row.Scan(&s.ID, &s.Year, &s.Number, &s.StartsOn, &s.EndsOn, &s.Cases)
	return s, err
}

// Sessions lists every session in the order the list shows them.
func (s Store) Sessions(ctx context.Context) ([]rules.Session, error) {
	rows, err := s.Reader().QueryContext(ctx, `SELECT `+sessionColumns+` FROM chamber_sessions s ORDER BY s.starts_on, s.id`)
	list, err := conn.Rows("list sessions", rows, err, scanSession)
	rules.SortForList(list, s.Clock.Now())
	return list, err
}

// session reads one session; an unknown one is not found.
func session(ctx context.Context, q conn.Queryer, id int64) (rules.Session, error) {
	sess, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM chamber_sessions s WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sess, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return sess, conn.Failed(fmt.Sprintf("load session %d", id), err)
}

// stageOf is the SQL of a case's decision stage, for request r.
const stageOf = `COALESCE((SELECT CASE WHEN d.sent_applicant_on != '' THEN 'sent_to_applicant'
	WHEN d.implemented_on != '' THEN 'implemented' WHEN d.sent_gs_on != '' THEN 'sent_to_gs'
	WHEN d.adopted_at IS NOT NULL THEN 'adopted' ELSE 'drafted' END FROM chamber_decisions d WHERE d.request_id = r.id), '')`

// Agenda reads session id with the cases on its agenda, in one read
// transaction of two statements however long the agenda is.
func (s Store) Agenda(ctx context.Context, id int64) (rules.Agenda, error) {
	var out rules.Agenda
	err := s.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out.Session, err = session(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT r.id, COALESCE(r.reference, ''), r.kind, r.also_access, r.status,
			COALESCE(r.source_country, ''), r.applicant_name,
			COALESCE((SELECT group_concat(g.ground, ' ') FROM request_grounds g WHERE g.request_id = r.id), ''),
			(SELECT COUNT(*) FROM consultations c WHERE c.request_id = r.id AND c.replied_on = '' AND c.no_reply_on = ''),
			`+stageOf+`
			FROM session_agenda a JOIN requests r ON r.id = a.request_id
			WHERE a.session_id = ? ORDER BY a.added_at, r.id`, id)
		out.Items, err = conn.Rows(fmt.Sprintf("list agenda of session %d", id), rows, err, scanItem)
		return err
	})
	return out, err
}

func scanItem(row conn.Scanner) (rules.AgendaItem, error) {
	var it rules.AgendaItem
	var grounds string
	err := row.Scan(&it.RequestID, &it.Reference, &it.Kind, &it.AlsoAccess, &it.Status, &it.SourceCountry,
		&it.ApplicantName, &grounds, &it.OpenConsultations, &it.Stage)
	for _, g := range strings.Fields(grounds) {
		it.Grounds = append(it.Grounds, domain.GroundCode(g))
	}
	return it, err
}

// SessionOf is the session whose agenda holds the case, if any.
func (s Store) SessionOf(ctx context.Context, requestID int64) (*rules.Session, error) {
	sess, err := scanSession(s.Reader().QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM chamber_sessions s
		JOIN session_agenda g ON g.session_id = s.id WHERE g.request_id = ?`, requestID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load session of request %d", requestID), err)
	}
	return &sess, nil
}
