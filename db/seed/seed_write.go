package seed

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
	"github.com/ccf-portal/ccfportal/db/password"
)

// seedWriter writes generated cases with prepared statements inside one
// transaction, which keeps 100,000 requests to seconds.
type seedWriter struct {
	ctx     context.Context
	tx      *sql.Tx
	now     time.Time
	rng     *mrand.Rand
	run     string
	docs    map[string]*blob.Staged
	stmts   map[string]*sql.Stmt
	staff   []int64
	counsel []int64
	filers  []int64 // per person
	appl    []int64 // per person
	refs    map[int]int64
	report  Report
	// decisionDoc is the decision document of the case being written.
	decisionDoc int64
	publish     bool // publish a handful of decisions a year
}

var seedSQL = map[string]string{
	"user": `INSERT INTO users (email, name, organisation, role, password_hash, created_at, email_verified_at, staff_role)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, CASE WHEN ?4 = 'staff' THEN 'secretariat' ELSE '' END)
		ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING id`,
	"applicant": `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details, created_at, updated_at)
		VALUES (?, ?, ?, ?, '{}', ?, ?)`,
	"request": `INSERT INTO requests (reference, kind, status, filer_id, applicant_id, parent_id, language, applicant_name,
		source_country, answers, created_at, updated_at, submitted_at, admissible_at, due_at, decided_at, event_at, assignee_id,
		also_access) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"event": `INSERT INTO events (request_id, kind, actor_id, internal, data, at) VALUES (?, ?, ?, ?, ?, ?)`,
	"admissibility": `INSERT INTO admissibility (request_id, outcome, checks, reasons, note, decided_by, decided_at)
		VALUES (?, ?, ?, ?, '', ?, ?)`,
	"decision": `INSERT INTO decisions (request_id, reference, outcome, reasons, disclosure, document_id, decided_by, decided_at,
		detail, revised_outcome, access_outcome, access_disclosure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"message": `INSERT INTO messages (request_id, author_id, kind, body, reply_by, prev_status, in_reply_to, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	"measure": `INSERT INTO measures (request_id, outcome, measures, effective_from, reasons, decided_by, decided_at,
		lifted_by, lifted_at, lift_reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"item":   `INSERT INTO data_items (request_id, data_kind, source_country, refs, issued_on, position) VALUES (?, ?, ?, ?, ?, 0)`,
	"ground": `INSERT INTO request_grounds (request_id, ground, explanation) VALUES (?, ?, ?)`,
	"notice": `INSERT INTO deletion_notices (decision_id, request_id, data_item_id, item_key, data_kind, data_source, data_refs,
		action, scope, effective_on, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"recipient": `INSERT INTO notice_recipients (notice_id, country, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, ?)`,
	"document": `INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type, size, sha256,
		storage_key, after_filing, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"consultation": `INSERT INTO consultations (request_id, recipient, country, question, sent_on, reply_due, replied_on,
		summary, no_reply_on, created_by, created_at) VALUES (?, 'source_ncb', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"reminder": `INSERT INTO consultation_reminders (consultation_id, sent_on, created_by, created_at) VALUES (?, ?, ?, ?)`,
}

func init() {
	var codes []string
	for _, c := range countries.Members() {
		codes = append(codes, "('"+c.Code+"')")
	}
	seedSQL["all_members"] = `INSERT INTO notice_recipients (notice_id, country, acknowledged_at, acknowledged_by)
		SELECT ?, column1, ?, ? FROM (VALUES ` + strings.Join(codes, ", ") + `)`
}

func (w *seedWriter) exec(name string, args ...any) (int64, error) {
	res, err := w.stmts[name].ExecContext(w.ctx, args...)
	if err != nil {
		return 0, conn.Failed("seed "+name, err)
	}
	return res.LastInsertId()
}

func (w *seedWriter) write(tx *sql.Tx, cases []seedCase, persons []seedPerson, staff, counsel int) error {
	w.tx, w.stmts, w.refs = tx, map[string]*sql.Stmt{}, map[int]int64{}
	for name, q := range seedSQL {
		st, err := tx.PrepareContext(w.ctx, q)
		if err != nil {
			return conn.Failed("seed: prepare "+name, err)
		}
		defer st.Close()
		w.stmts[name] = st
	}
	if err := w.writeAccounts(persons, staff, counsel); err != nil {
		return err
	}
	if err := w.loadCounters(); err != nil {
		return err
	}
	for i := range cases {
		if err := w.writeCase(cases, i, persons[cases[i].person]); err != nil {
			return err
		}
	}
	if err := w.saveCounters(); err != nil {
		return err
	}
	if w.publish {
		if err := w.writePublications(cases); err != nil {
			return err
		}
	}
	return audit.Append(w.ctx, tx, w.now, w.staff[0], domain.AuditSeed, 0, "requests="+strconv.Itoa(len(cases)))
}

// writeAccounts makes the staff, counsel and self-filing applicants. None
// can sign in: they share the hash of a random password nobody knows.
func (w *seedWriter) writeAccounts(persons []seedPerson, staff, counsel int) error {
	secret := make([]byte, 32)
	rand.Read(secret)
	hash, err := password.Hash(hex.EncodeToString(secret), password.FastParams)
	if err != nil {
		return conn.Failed("seed: hash the shared password", err)
	}
	at := w.now.Unix()
	user := func(email, name, org string, role domain.Role) (int64, error) {
		var id int64
		err := w.stmts["user"].QueryRowContext(w.ctx, email+domain.SeedEmailDomain, name, org, role, hash, at).Scan(&id)
		return id, conn.Failed("seed user", err)
	}
	for i := range staff {
		id, err := user("staff"+strconv.Itoa(i+1), fmt.Sprintf("Fictional Staff Member %d", i+1), "CCF Secretariat (demo)", domain.RoleStaff)
		if err != nil {
			return err
		}
		w.staff = append(w.staff, id)
	}
	for i := range counsel {
		id, err := user("counsel"+strconv.Itoa(i+1), fictionalName(w.rng), "Fictional Chambers "+strconv.Itoa(i+1), domain.RoleCounsel)
		if err != nil {
			return err
		}
		w.counsel = append(w.counsel, id)
	}
	for i, p := range persons {
		filer := int64(0)
		if p.counsel >= 0 {
			filer = w.counsel[p.counsel]
		} else if filer, err = user("person-"+w.run+"-"+strconv.Itoa(i), p.name, "", domain.RolePetitioner); err != nil {
			return err
		}
		appl, err := w.exec("applicant", filer, p.counsel < 0, p.name, p.birth, at, at)
		if err != nil {
			return err
		}
		w.filers, w.appl = append(w.filers, filer), append(w.appl, appl)
	}
	return nil
}

// loadCounters continues each year's references after both the counter
// and the highest reference in use, so a seeded reference never collides.
func (w *seedWriter) loadCounters() error {
	rows, err := w.tx.QueryContext(w.ctx, `SELECT year, MAX(last) FROM (
		SELECT year, last FROM reference_counters
		UNION ALL SELECT CAST(substr(reference, 5, 4) AS INTEGER), CAST(substr(reference, 10) AS INTEGER)
		FROM requests WHERE reference LIKE 'CCF-____-%') GROUP BY year`)
	return conn.Each("seed: read reference counters", rows, err, func(row conn.Scanner) error {
		var y int
		var last int64
		if err := row.Scan(&y, &last); err != nil {
			return err
		}
		w.refs[y] = last
		return nil
	})
}

func (w *seedWriter) saveCounters() error {
	for y, last := range w.refs {
		if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO reference_counters (year, last) VALUES (?, ?)
			ON CONFLICT (year) DO UPDATE SET last = excluded.last`, y, last); err != nil {
			return conn.Failed(fmt.Sprintf("seed: save reference counter of %d", y), err)
		}
	}
	return nil
}

func (w *seedWriter) nextRef(t time.Time) string {
	w.refs[t.Year()]++
	return fmt.Sprintf("CCF-%04d-%06d", t.Year(), w.refs[t.Year()])
}

// seedAnswers are the answers a real filing of this person would hold.
func (w *seedWriter) seedAnswers(c seedCase, p seedPerson, i int) string {
	a := domain.Answers{"full_name": p.name, "birth_date": p.birth, "nationality": p.nationality, "id_type": "passport",
		"id_number": fmt.Sprintf("X%07d", w.rng.IntN(10_000_000)), "id_issuer": p.nationality, "id_expiry": "2031-01-01",
		"contact_email": "person-" + strconv.Itoa(i) + domain.SeedEmailDomain, "data_kind": c.dataKind, "source_country": c.source,
		"data_references": fmt.Sprintf("Fictional reference %s-%d/%05d", c.source, 2015+w.rng.IntN(10), w.rng.IntN(100000)),
		"learned_how":     seedPick(w.rng, []string{"border_stop", "arrest", "visa_or_bank", "told_by_authorities"}),
		"language":        p.language, "representation": "self"}
	if p.counsel >= 0 {
		a["representation"], a["relationship"], a["applicant_minor"] = "representative", "lawyer", "no"
	}
	if c.kind == domain.KindDeletion || c.kind == domain.KindCorrection {
		a["summary_text"] = "Fictional summary of arguments: the data were issued for a political purpose and the case " +
			"was closed in the source country."
	}
	body, _ := json.Marshal(a)
	return string(body)
}

func unixOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

func (w *seedWriter) event(id int64, kind domain.EventKind, actor int64, internal bool, arg string, at time.Time) error {
	data := "{}"
	if arg != "" {
		body, _ := json.Marshal(map[string]string{"arg": arg})
		data = string(body)
	}
	_, err := w.exec("event", id, kind, conn.NullID(actor), internal, data, at.Unix())
	return err
}

func joinCodes(list []string) string {
	body, _ := json.Marshal(domain.OrEmpty(list))
	return strings.TrimSpace(string(body))
}
