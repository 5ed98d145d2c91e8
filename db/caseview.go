package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/deadlines"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// A case page is read in one read transaction (conn.ReadTx), so that it
// shows the case as it stood at one moment, with a fixed number of
// statements however long the case's history: child rows are read by
// request id, one statement per table, and grouped here. Every statement
// of a page goes through the conn.Queryer that viewTx hands out.

// statementCounter counts the statements of a page read; tests put one in
// the context (withStatementCounter) to see that the count stays fixed.
type statementCounter struct{ n int }

type statementCounterKey struct{}

// withStatementCounter makes the page reads under ctx count their
// statements into c.
func withStatementCounter(ctx context.Context, c *statementCounter) context.Context {
	return context.WithValue(ctx, statementCounterKey{}, c)
}

// countingQueryer counts the statements it passes on.
type countingQueryer struct {
	q conn.Queryer
	c *statementCounter
}

func (q countingQueryer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q.c.n++
	return q.q.QueryContext(ctx, query, args...)
}

func (q countingQueryer) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	q.c.n++
	return q.q.QueryRowContext(ctx, query, args...)
}

// viewTx runs fn in one read transaction, handing it the Queryer all of a
// page's statements go through.
func (db *DB) viewTx(ctx context.Context, fn func(q conn.Queryer) error) error {
	return db.ReadTx(ctx, func(tx *sql.Tx) error {
		var q conn.Queryer = tx
		if c, ok := ctx.Value(statementCounterKey{}).(*statementCounter); ok {
			q = countingQueryer{q: tx, c: c}
		}
		return fn(q)
	})
}

// viewRows runs one query through q and scans each of its rows with scan.
func viewRows[T any](ctx context.Context, q conn.Queryer, what string, scan func(conn.Scanner) (T, error),
	query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	return conn.Rows(what, rows, err, scan)
}

// readTimeline reads a request's events in order, the internal ones only
// if includeInternal.
func readTimeline(ctx context.Context, q conn.Queryer, requestID int64, includeInternal bool) ([]domain.Event, error) {
	return viewRows(ctx, q, fmt.Sprintf("list timeline of request %d", requestID), func(rows conn.Scanner) (domain.Event, error) {
		e := domain.Event{RequestID: requestID}
		var data string
		var at int64
		if err := rows.Scan(&e.ID, &e.Kind, &e.ActorID, &e.ActorName, &e.ActorRole, &e.Internal, &data, &at); err != nil {
			return e, err
		}
		if err := json.Unmarshal([]byte(data), &e.Data); err != nil {
			return e, conn.Failed(fmt.Sprintf("event %d data", e.ID), err)
		}
		e.At = conn.UnixTime(at)
		return e, nil
	}, `SELECT e.id, e.kind, COALESCE(e.actor_id, 0), COALESCE(u.name, ''), COALESCE(u.role, ''), e.internal, e.data, e.at
		FROM events e LEFT JOIN users u ON u.id = e.actor_id
		WHERE e.request_id = ? AND (e.internal = 0 OR ?) ORDER BY e.at, e.id`, requestID, includeInternal)
}

// readOutcome reads what has come of request r: its admissibility, the
// clarification thread with the files of every reply, the measures, the
// decision and whether it was carried out -- six statements whatever the
// length of the thread. docs are the request's documents, which hold the
// decision's document.
func readOutcome(ctx context.Context, q conn.Queryer, r domain.Request, docs []domain.Document) (domain.CaseOutcome, error) {
	var out domain.CaseOutcome
	var err error
	if out.Admissibility, err = readAdmissibility(ctx, q, r.ID); err != nil {
		return out, err
	}
	if out.Messages, err = readThread(ctx, q, r.ID); err != nil {
		return out, err
	}
	if out.Measures, err = readMeasures(ctx, q, r.ID); err != nil {
		return out, err
	}
	if out.Decision, err = readDecision(ctx, q, r.ID, docs); err != nil {
		return out, err
	}
	var notices, carried int64
	err = q.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM deletion_notices WHERE request_id = ?),
		(SELECT COALESCE(MAX(at), 0) FROM events WHERE request_id = ? AND kind = ?)`, r.ID, r.ID, domain.EventDecisionCarriedOut).
		Scan(&notices, &carried)
	if err != nil {
		return out, conn.Failed(fmt.Sprintf("read carrying out of request %d", r.ID), err)
	}
	out.NoticeIssued, out.CarriedOutAt = notices > 0, conn.UnixTime(carried)
	out.TimeLimits, err = deadlines.Read(ctx, q, r)
	return out, err
}

func readAdmissibility(ctx context.Context, q conn.Queryer, requestID int64) (*domain.Admissibility, error) {
	a := domain.Admissibility{RequestID: requestID}
	var checks, reasons string
	var at int64
	err := q.QueryRowContext(ctx, `SELECT outcome, checks, reasons, note, decided_by, decided_at FROM admissibility
		WHERE request_id = ?`, requestID).Scan(&a.Outcome, &checks, &reasons, &a.Note, &a.DecidedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load admissibility of request %d", requestID), err)
	}
	if err := json.Unmarshal([]byte(checks), &a.Checks); err != nil {
		return nil, conn.Failed(fmt.Sprintf("admissibility of request %d checks", requestID), err)
	}
	if err := json.Unmarshal([]byte(reasons), &a.Reasons); err != nil {
		return nil, conn.Failed(fmt.Sprintf("admissibility of request %d reasons", requestID), err)
	}
	a.DecidedAt = conn.UnixTime(at)
	return &a, nil
}

// readThread reads the clarification thread and then, in one statement,
// the files of all its replies.
func readThread(ctx context.Context, q conn.Queryer, requestID int64) ([]domain.Message, error) {
	msgs, err := viewRows(ctx, q, fmt.Sprintf("list clarification thread of request %d", requestID), func(rows conn.Scanner) (domain.Message, error) {
		m := domain.Message{RequestID: requestID}
		var at int64
		err := rows.Scan(&m.ID, &m.AuthorID, &m.AuthorName, &m.Kind, &m.Body, &m.ReplyBy, &m.InReplyTo, &at)
		m.CreatedAt = conn.UnixTime(at)
		return m, err
	}, `SELECT m.id, m.author_id, COALESCE(u.name, ''), m.kind, m.body, m.reply_by, COALESCE(m.in_reply_to, 0), m.created_at
		FROM messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.request_id = ? ORDER BY m.id`, requestID)
	if err != nil {
		return nil, err
	}
	type replyDoc struct {
		messageID int64
		doc       domain.Document
	}
	docs, err := viewRows(ctx, q, fmt.Sprintf("list reply documents of request %d", requestID), func(rows conn.Scanner) (replyDoc, error) {
		var d replyDoc
		var err error
		d.doc, err = cases.ScanDocument(prefixedScan{rows, &d.messageID})
		return d, err
	}, `SELECT message_id, `+cases.DocumentColumns+` FROM documents JOIN message_documents ON document_id = id
		WHERE message_id IN (SELECT id FROM messages WHERE request_id = ? AND kind = ?) ORDER BY message_id, id`,
		requestID, domain.MessageReply)
	if err != nil {
		return nil, err
	}
	byMessage := make(map[int64][]domain.Document, len(msgs))
	for _, d := range docs {
		byMessage[d.messageID] = append(byMessage[d.messageID], d.doc)
	}
	for i := range msgs {
		msgs[i].Documents = byMessage[msgs[i].ID]
	}
	return msgs, nil
}

// prefixedScan scans a row whose first column is read into first and the
// rest by the scanner it is handed to.
type prefixedScan struct {
	rows  conn.Scanner
	first any
}

func (p prefixedScan) Scan(dest ...any) error { return p.rows.Scan(append([]any{p.first}, dest...)...) }

func readMeasures(ctx context.Context, q conn.Queryer, requestID int64) ([]domain.Measure, error) {
	return viewRows(ctx, q, fmt.Sprintf("list measures of request %d", requestID), func(rows conn.Scanner) (domain.Measure, error) {
		m := domain.Measure{RequestID: requestID}
		var list string
		var at, lifted int64
		if err := rows.Scan(&m.ID, &m.Outcome, &list, &m.EffectiveFrom, &m.Reasons, &m.DecidedBy, &at, &lifted, &m.LiftReasons); err != nil {
			return m, err
		}
		if err := json.Unmarshal([]byte(list), &m.Measures); err != nil {
			return m, conn.Failed(fmt.Sprintf("measure %d measures", m.ID), err)
		}
		m.DecidedAt, m.LiftedAt = conn.UnixTime(at), conn.UnixTime(lifted)
		return m, nil
	}, `SELECT id, outcome, measures, effective_from, reasons, decided_by, decided_at, COALESCE(lifted_at, 0), lift_reasons
		FROM measures WHERE request_id = ? ORDER BY id`, requestID)
}

// readDecision reads the decision on a request, or nil; its document is
// one of the request's documents docs.
func readDecision(ctx context.Context, q conn.Queryer, requestID int64, docs []domain.Document) (*domain.Decision, error) {
	d := domain.Decision{RequestID: requestID}
	var docID, at int64
	err := q.QueryRowContext(ctx, `SELECT `+decisionColumns+` FROM decisions WHERE request_id = ?`, requestID).
		Scan(decisionFields(&d, &docID, &at)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load decision of request %d", requestID), err)
	}
	d.DecidedAt, d.Action = conn.UnixTime(at), outcome.ActionOf(d)
	if docID != 0 {
		i := documentIndex(docs, docID)
		if i < 0 {
			return nil, domain.Errorf(domain.ENotFound, "error.not_found")
		}
		doc := docs[i]
		d.Document = &doc
	}
	return &d, nil
}

func documentIndex(docs []domain.Document, id int64) int {
	for i := range docs {
		if docs[i].ID == id {
			return i
		}
	}
	return -1
}
