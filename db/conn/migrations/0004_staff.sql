-- The staff desk: assignment, admissibility, clarification messages,
-- internal notes and consultations, provisional measures, decisions,
-- deletion notices and the append-only, hash-chained audit log; plus the
-- indexes and the name index that keep the queue fast at scale.

ALTER TABLE requests ADD COLUMN assignee_id INTEGER REFERENCES users (id);
CREATE INDEX requests_assignee ON requests (assignee_id, status);
CREATE INDEX requests_source ON requests (source_country);
CREATE INDEX requests_event ON requests (event_at);
CREATE INDEX requests_queue_submitted ON requests (submitted_at, id);
-- Sorting by due date puts requests without one (not yet admissible) last;
-- the queue's ORDER BY repeats this exact expression so the index serves it.
CREATE INDEX requests_queue_due ON requests (COALESCE(due_at, 4611686018427387904), id);
CREATE INDEX requests_queue_name ON requests (applicant_name, id);
CREATE INDEX requests_queue_reference ON requests (reference, id);
CREATE INDEX requests_applicant ON requests (applicant_id);
-- The desk mostly looks at pending requests: partial indexes over them, one
-- per sort order, let a page be read in order and stop after 50 rows. Their
-- WHERE clauses must stay identical to openCond and urgentCond in
-- db/queue.go, or the planner cannot use them.
CREATE INDEX requests_open_due ON requests (COALESCE(due_at, 4611686018427387904), id)
    WHERE status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant');
CREATE INDEX requests_open_submitted ON requests (submitted_at, id)
    WHERE status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant');
CREATE INDEX requests_open_reference ON requests (reference, id)
    WHERE status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant');
CREATE INDEX requests_open_name ON requests (applicant_name, id)
    WHERE status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant');
CREATE INDEX requests_urgent_queue ON requests (COALESCE(event_at, 4611686018427387904), id)
    WHERE (kind = 'provisional_measures' OR event_at IS NOT NULL)
    AND status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant');

-- Word-prefix search on applicant names (diacritics ignored), kept in step
-- with requests by triggers.
CREATE VIRTUAL TABLE requests_names USING fts5 (
    applicant_name, content = 'requests', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO requests_names (requests_names) VALUES ('rebuild');
CREATE TRIGGER requests_names_insert AFTER INSERT ON requests BEGIN
    INSERT INTO requests_names (rowid, applicant_name) VALUES (new.id, new.applicant_name);
END;
CREATE TRIGGER requests_names_delete AFTER DELETE ON requests BEGIN
    INSERT INTO requests_names (requests_names, rowid, applicant_name) VALUES ('delete', old.id, old.applicant_name);
END;
CREATE TRIGGER requests_names_update AFTER UPDATE OF applicant_name ON requests BEGIN
    INSERT INTO requests_names (requests_names, rowid, applicant_name) VALUES ('delete', old.id, old.applicant_name);
    INSERT INTO requests_names (rowid, applicant_name) VALUES (new.id, new.applicant_name);
END;

-- The admissibility assessment: one per request, final.
CREATE TABLE admissibility (
    request_id  INTEGER PRIMARY KEY REFERENCES requests (id),
    outcome     TEXT    NOT NULL CHECK (outcome IN ('admissible', 'inadmissible')),
    checks      TEXT    NOT NULL DEFAULT '[]', -- JSON list of the requirements found met
    reasons     TEXT    NOT NULL DEFAULT '[]', -- JSON list of inadmissibility reason codes
    note        TEXT    NOT NULL DEFAULT '',   -- free text, shown to the applicant
    decided_by  INTEGER NOT NULL REFERENCES users (id),
    decided_at  INTEGER NOT NULL
);

-- Clarification: staff questions and the applicant's replies. Both sides
-- see them; internal matters go in internal_notes.
CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    author_id    INTEGER NOT NULL REFERENCES users (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('clarification', 'reply')),
    body         TEXT    NOT NULL,
    reply_by     TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD, for a clarification
    prev_status  TEXT    NOT NULL DEFAULT '', -- where the case resumes after the reply
    in_reply_to  INTEGER REFERENCES messages (id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX messages_request ON messages (request_id, id);

CREATE TABLE message_documents (
    message_id  INTEGER NOT NULL REFERENCES messages (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    PRIMARY KEY (message_id, document_id)
);

-- Staff only: notes, and consultations of the source NCB or the General
-- Secretariat. Never shown to applicants.
CREATE TABLE internal_notes (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    author_id   INTEGER NOT NULL REFERENCES users (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('note', 'consult_source_ncb', 'consult_general_secretariat')),
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX internal_notes_request ON internal_notes (request_id, id);

-- Provisional measures granted or refused on a pending request; a granted
-- measure may be lifted later.
CREATE TABLE measures (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES requests (id),
    outcome        TEXT    NOT NULL CHECK (outcome IN ('granted', 'refused')),
    measures       TEXT    NOT NULL DEFAULT '[]', -- JSON list: block, remove_public, priority
    effective_from TEXT    NOT NULL DEFAULT '',   -- YYYY-MM-DD
    reasons        TEXT    NOT NULL,
    decided_by     INTEGER NOT NULL REFERENCES users (id),
    decided_at     INTEGER NOT NULL,
    lifted_by      INTEGER REFERENCES users (id),
    lifted_at      INTEGER,
    lift_reasons   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX measures_request ON measures (request_id, id);

-- One decision per request: UNIQUE backs up the status machine.
CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL UNIQUE REFERENCES requests (id),
    reference    TEXT    NOT NULL UNIQUE,
    outcome      TEXT    NOT NULL,
    reasons      TEXT    NOT NULL,
    disclosure   TEXT    NOT NULL DEFAULT '', -- access, data held: what may be disclosed
    document_id  INTEGER REFERENCES documents (id),
    decided_by   INTEGER NOT NULL REFERENCES users (id),
    decided_at   INTEGER NOT NULL
);

-- The notice telling every NCB that received the data to update its
-- national database, and each recipient's acknowledgement.
CREATE TABLE deletion_notices (
    id             INTEGER PRIMARY KEY,
    decision_id    INTEGER NOT NULL REFERENCES decisions (id),
    request_id     INTEGER NOT NULL REFERENCES requests (id),
    data_item_id   INTEGER REFERENCES data_items (id),
    item_key       TEXT    NOT NULL,  -- 'item:<id>' or 'request': one notice per data item
    data_kind      TEXT    NOT NULL,
    data_source    TEXT    NOT NULL DEFAULT '',
    data_refs      TEXT    NOT NULL DEFAULT '',
    action         TEXT    NOT NULL CHECK (action IN ('delete', 'correct')),
    scope          TEXT    NOT NULL CHECK (scope IN ('all_members', 'chosen')),
    effective_on   TEXT    NOT NULL,  -- YYYY-MM-DD
    issued_by      INTEGER NOT NULL REFERENCES users (id),
    issued_at      INTEGER NOT NULL,
    UNIQUE (decision_id, item_key)
);
CREATE INDEX deletion_notices_request ON deletion_notices (request_id, id);

CREATE TABLE notice_recipients (
    notice_id        INTEGER NOT NULL REFERENCES deletion_notices (id),
    country          TEXT    NOT NULL,
    acknowledged_at  INTEGER,
    acknowledged_by  INTEGER REFERENCES users (id),
    PRIMARY KEY (notice_id, country)
);

-- Every staff action that reads or changes a case. Append-only (the
-- triggers refuse any change) and hash-chained: each row's hash covers the
-- previous row's hash and its own fields, so `ccfportal audit verify` finds
-- any row altered or removed behind the triggers' back. detail holds ids and
-- codes only, never personal data.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    request_id  INTEGER NOT NULL DEFAULT 0,
    detail      TEXT    NOT NULL DEFAULT '',
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_log_request ON audit_log (request_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
