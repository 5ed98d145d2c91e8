package chamber

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/chamber"
	"github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// File is a staged upload: the decision's document.
type File struct {
	Name string
	Blob *blob.Staged
}

// Draft writes or rewrites the secretariat's draft of the decision, until
// the Chamber adopts it. Nothing of it is shown to the applicant.
func (s Store) Draft(ctx context.Context, staff domain.User, requestID int64, in domain.DecisionInput) error {
	return s.step(ctx, staff, requestID, staffrole.Decide, rules.AuditDraft, func(tx *sql.Tx, r domain.Request, d *rules.Decision, now time.Time) (string, error) {
		situation, err := situationOf(ctx, tx, r)
		if err != nil {
			return "", err
		}
		in = outcome.Normalise(situation, in)
		if errs := outcome.Validate(situation, in); errs.Any() {
			return "", errs.Err()
		}
		if err := rules.CanDraft(r, d); err != nil {
			return "", domain.DecisionConflict(err, r.Status)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO chamber_decisions (request_id, outcome, reasons, disclosure, detail, revised_outcome,
			access_outcome, access_disclosure, drafted_by, drafted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (request_id) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons,
			disclosure = excluded.disclosure, detail = excluded.detail, revised_outcome = excluded.revised_outcome,
			access_outcome = excluded.access_outcome, access_disclosure = excluded.access_disclosure,
			drafted_by = excluded.drafted_by, drafted_at = excluded.drafted_at`, r.ID, in.Outcome, in.Reasons, in.Disclosure,
			in.Detail, in.Revised, in.AccessOutcome, in.AccessDisclosure, staff.ID, now.Unix())
		if in.AccessOutcome != "" {
			return "outcome=" + in.Outcome + " access=" + in.AccessOutcome, conn.Failed(fmt.Sprintf("draft decision on request %d", r.ID), err)
		}
		return "outcome=" + in.Outcome, conn.Failed(fmt.Sprintf("draft decision on request %d", r.ID), err)
	})
}

// Adopt records the Chamber's adoption of the draft at the session whose
// agenda holds the case. The decision is final from then on; the
// applicant still sees nothing of it until it is sent.
func (s Store) Adopt(ctx context.Context, staff domain.User, requestID int64) error {
	return s.step(ctx, staff, requestID, staffrole.Adopt, rules.AuditAdopt, func(tx *sql.Tx, r domain.Request, d *rules.Decision, now time.Time) (string, error) {
		var sessionID int64
		err := tx.QueryRowContext(ctx, `SELECT session_id FROM session_agenda WHERE request_id = ?`, r.ID).Scan(&sessionID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", conn.Failed(fmt.Sprintf("read agenda of request %d", r.ID), err)
		}
		if err := rules.CanAdopt(r, d, sessionID); err != nil {
			return "", domain.DecisionConflict(err, r.Status)
		}
		_, err = tx.ExecContext(ctx, `UPDATE chamber_decisions SET session_id = ?, adopted_by = ?, adopted_at = ? WHERE request_id = ?`,
			sessionID, staff.ID, now.Unix(), r.ID)
		return "session=" + strconv.FormatInt(sessionID, 10) + " outcome=" + d.Input.Outcome,
			conn.Failed(fmt.Sprintf("adopt decision on request %d", r.ID), err)
	})
}

// SentToGS records the day the adopted decision went to the General
// Secretariat for implementation.
func (s Store) SentToGS(ctx context.Context, staff domain.User, requestID int64, on string) error {
	return s.step(ctx, staff, requestID, staffrole.Implement, rules.AuditSentToGS, func(tx *sql.Tx, r domain.Request, d *rules.Decision, now time.Time) (string, error) {
		if errs := rules.ValidateStep(d, rules.StageSentToGS, on, "", now); errs.Any() {
			return "", errs.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE chamber_decisions SET sent_gs_on = ? WHERE request_id = ?`, on, r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("send decision on request %d to the GS", r.ID), err)
		}
		d.SentToGSOn = on
		return "on=" + on, closeIfDone(ctx, tx, r, *d, staff, now)
	})
}

// Implemented records what the General Secretariat reports it did, and
// when; the case closes if the decision has already been sent to the
// applicant.
func (s Store) Implemented(ctx context.Context, staff domain.User, requestID int64, on, what string) error {
	return s.step(ctx, staff, requestID, staffrole.Implement, rules.AuditImplemented, func(tx *sql.Tx, r domain.Request, d *rules.Decision, now time.Time) (string, error) {
		if errs := rules.ValidateStep(d, rules.StageImplemented, on, what, now); errs.Any() {
			return "", errs.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE chamber_decisions SET implemented_on = ?, implementation = ? WHERE request_id = ?`,
			on, strings.TrimSpace(what), r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("record implementation on request %d", r.ID), err)
		}
		d.ImplementedOn = on
		return "on=" + on, closeIfDone(ctx, tx, r, *d, staff, now)
	})
}

// SendToApplicant records that the decision was sent to the applicant
// (and the source): only now is it written where the applicant's pages
// read it, with its document, and the applicant told there is news. The
// case closes unless the data are still to change.
func (s Store) SendToApplicant(ctx context.Context, staff domain.User, requestID int64, on string, doc *File, blobs *blob.Store,
	hooks ...inbox.Hook) error {
	if doc != nil {
		if err := blobs.Publish(doc.Blob); err != nil {
			blobs.Discard(doc.Blob)
			return conn.Failed(fmt.Sprintf("publish decision document of request %d", requestID), err)
		}
	}
	err := s.step(ctx, staff, requestID, staffrole.Implement, rules.AuditSentToApplicant, func(tx *sql.Tx, r domain.Request, d *rules.Decision, now time.Time) (string, error) {
		if errs := rules.ValidateStep(d, rules.StageSentToApplicant, on, "", now); errs.Any() {
			return "", errs.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE chamber_decisions SET sent_applicant_on = ? WHERE request_id = ?`, on, r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("send decision on request %d", r.ID), err)
		}
		d.SentToApplicant = on
		r, docID, err := publish(ctx, tx, r, *d, doc, now)
		if err != nil {
			return "", err
		}
		if err := inbox.Run(ctx, tx, r, now, hooks); err != nil {
			return "", err
		}
		return "on=" + on + " doc=" + strconv.FormatInt(docID, 10), closeIfDone(ctx, tx, r, *d, staff, now)
	})
	if err != nil && doc != nil {
		blobs.Discard(doc.Blob)
	}
	return err
}

// publish writes the decision where the applicant's pages read it: the
// decision row (dated and signed by its adoption), its document, the
// request's status and the timeline entry the applicant sees. It returns
// the request as it now stands.
func publish(ctx context.Context, tx *sql.Tx, r domain.Request, d rules.Decision, doc *File, now time.Time) (domain.Request, int64, error) {
	to, kind, arg := outcome.Ending(d.Input.Outcome)
	if err := cases.SetStatus(ctx, tx, r, to, now); err != nil {
		return r, 0, domain.DecisionConflict(err, r.Status)
	}
	r.Status = to
	var adopter int64
	if err := tx.QueryRowContext(ctx, `SELECT adopted_by FROM chamber_decisions WHERE request_id = ?`, r.ID).Scan(&adopter); err != nil {
		return r, 0, conn.Failed(fmt.Sprintf("read adoption on request %d", r.ID), err)
	}
	var docID int64
	if doc != nil {
		var err error
		if docID, err = cases.InsertDocument(ctx, tx, r.ID, adopter, domain.DocDecision, doc.Name, doc.Blob, now); err != nil {
			return r, 0, err
		}
	}
	in := d.Input
	_, err := tx.ExecContext(ctx, `INSERT INTO decisions (request_id, reference, outcome, reasons, disclosure, detail,
		revised_outcome, access_outcome, access_disclosure, document_id, decided_by, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Reference+"/D", in.Outcome, in.Reasons, in.Disclosure, in.Detail,
		in.Revised, in.AccessOutcome, in.AccessDisclosure, conn.NullID(docID), adopter, d.AdoptedAt.Unix())
	if err != nil {
		return r, 0, conn.Failed(fmt.Sprintf("record decision on request %d", r.ID), err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE requests SET decided_at = ? WHERE id = ?`, now.Unix(), r.ID); err != nil {
		return r, 0, conn.Failed(fmt.Sprintf("date decision on request %d", r.ID), err)
	}
	err = cases.AddEvent(ctx, tx, r.ID, kind, adopter, false, map[string]string{"arg": arg}, now)
	return r, docID, err
}

// closeIfDone closes the case once the decision has been sent to the
// applicant and, where it changes the data, implemented.
func closeIfDone(ctx context.Context, tx *sql.Tx, r domain.Request, d rules.Decision, staff domain.User, now time.Time) error {
	if !rules.Closes(d) || r.Status == domain.StatusClosed {
		return nil
	}
	if err := cases.SetStatus(ctx, tx, r, domain.StatusClosed, now); err != nil {
		return err
	}
	if !d.ChangesData() {
		return nil
	}
	return cases.AddEvent(ctx, tx, r.ID, domain.EventDecisionCarriedOut, staff.ID, false, nil, now)
}

// step runs a step of a decision's life on a filed case, guarded by the
// step of the staff role, with the decision so far read in the
// transaction (nil before the draft).
func (s Store) step(ctx context.Context, staff domain.User, requestID int64, step staffrole.Step, action domain.AuditAction,
	fn func(tx *sql.Tx, r domain.Request, d *rules.Decision, now time.Time) (string, error)) error {
	if err := staffrole.Require(staff, step); err != nil {
		return err
	}
	return cases.StaffTx(ctx, s.Conn, staff, requestID, action, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		d, err := decisionOf(ctx, tx, r.ID)
		if err != nil {
			return "", err
		}
		if d != nil && d.Earlier {
			if err := startLife(ctx, tx, r.ID); err != nil {
				return "", err
			}
		}
		return fn(tx, r, d, now)
	})
}

// DecisionOf reads the decision on its way for staff, or nil before the
// draft.
func (s Store) DecisionOf(ctx context.Context, requestID int64) (*rules.Decision, error) {
	return decisionOf(ctx, s.Reader(), requestID)
}

func decisionOf(ctx context.Context, q conn.Queryer, requestID int64) (*rules.Decision, error) {
	d := rules.Decision{RequestID: requestID}
	var drafted, adopted int64
	err := q.QueryRowContext(ctx, `SELECT d.outcome, d.reasons, d.disclosure, d.detail, d.revised_outcome, d.access_outcome,
		d.access_disclosure, COALESCE(u.name, ''), d.drafted_at,
		COALESCE(d.session_id, 0), COALESCE(s.year || '/' || s.number, ''), COALESCE(a.name, ''), COALESCE(d.adopted_at, 0),
		d.sent_gs_on, d.implemented_on, d.implementation, d.sent_applicant_on
		FROM chamber_decisions d LEFT JOIN users u ON u.id = d.drafted_by LEFT JOIN users a ON a.id = d.adopted_by
		LEFT JOIN chamber_sessions s ON s.id = d.session_id WHERE d.request_id = ?`, requestID).Scan(&d.Input.Outcome,
		&d.Input.Reasons, &d.Input.Disclosure, &d.Input.Detail, &d.Input.Revised, &d.Input.AccessOutcome,
		&d.Input.AccessDisclosure, &d.DraftedBy, &drafted, &d.SessionID, &d.Session, &d.AdoptedBy, &adopted,
		&d.SentToGSOn, &d.ImplementedOn, &d.Implementation, &d.SentToApplicant)
	if errors.Is(err, sql.ErrNoRows) {
		return earlierDecision(ctx, q, requestID)
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load decision draft of request %d", requestID), err)
	}
	d.DraftedAt, d.AdoptedAt = conn.UnixTime(drafted), conn.UnixTime(adopted)
	return &d, nil
}

// situationOf reads what the outcomes offered on r depend on: whether a
// consultation of the source ended without a reply.
func situationOf(ctx context.Context, tx *sql.Tx, r domain.Request) (outcome.Situation, error) {
	s := outcome.Situation{Kind: r.Kind, AlsoAccess: r.AlsoAccess}
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM consultations WHERE request_id = ? AND recipient = ?
		AND no_reply_on != '')`, r.ID, consult.SourceNCB).Scan(&s.SourceNoReply)
	return s, conn.Failed(fmt.Sprintf("read consultations of request %d", r.ID), err)
}
