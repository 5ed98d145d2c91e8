-- Requests to the CCF, the people they concern, their documents and the
-- timeline of everything that happens to them. Times are Unix seconds (UTC);
-- calendar dates (birth, expiry) are ISO 'YYYY-MM-DD' text.

-- The person concerned. Counsel have many; a petitioner has one (themself).
CREATE TABLE applicants (
    id          INTEGER PRIMARY KEY,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    is_self     INTEGER NOT NULL DEFAULT 0,
    full_name   TEXT    NOT NULL DEFAULT '',
    birth_date  TEXT    NOT NULL DEFAULT '',
    details     TEXT    NOT NULL DEFAULT '{}', -- latest identity and contact answers, JSON
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE INDEX applicants_created_by ON applicants (created_by);

CREATE TABLE requests (
    id                INTEGER PRIMARY KEY,
    reference         TEXT    UNIQUE,            -- CCF-YYYY-NNNNNN, set at submission
    kind              TEXT    NOT NULL CHECK (kind IN ('access', 'deletion', 'correction', 'revision', 'provisional_measures')),
    also_access       INTEGER NOT NULL DEFAULT 0, -- a deletion/correction filing that also asks for access
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'admissible', 'inadmissible',
                                'under_review', 'awaiting_applicant', 'decided', 'closed', 'withdrawn')),
    filer_id          INTEGER NOT NULL REFERENCES users (id),
    applicant_id      INTEGER REFERENCES applicants (id),
    parent_id         INTEGER REFERENCES requests (id), -- the case this one follows up, revises or is urgent for
    language          TEXT    NOT NULL DEFAULT '',
    applicant_name    TEXT    NOT NULL DEFAULT '',  -- copied from the answers for lists and search
    source_country    TEXT    NOT NULL DEFAULT '',
    answers           TEXT    NOT NULL DEFAULT '{}', -- the filing's answers, JSON; frozen at submission
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    submitted_at      INTEGER,
    admissible_at     INTEGER,
    due_at            INTEGER,
    decided_at        INTEGER
);

CREATE INDEX requests_filer ON requests (filer_id, updated_at);
CREATE INDEX requests_status ON requests (status, due_at);
CREATE INDEX requests_parent ON requests (parent_id);

CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES requests (id),
    uploaded_by    INTEGER NOT NULL REFERENCES users (id),
    doc_type       TEXT    NOT NULL,
    original_name  TEXT    NOT NULL,   -- sanitised, for display only
    content_type   TEXT    NOT NULL,   -- decided by sniffing the content
    size           INTEGER NOT NULL,
    sha256         TEXT    NOT NULL,
    storage_key    TEXT    NOT NULL UNIQUE,
    confidential   INTEGER NOT NULL DEFAULT 0,
    description    TEXT    NOT NULL DEFAULT '',
    after_filing   INTEGER NOT NULL DEFAULT 0, -- added after submission, as a further submission
    created_at     INTEGER NOT NULL
);

CREATE INDEX documents_request ON documents (request_id, created_at);

-- The timeline. Internal entries are for staff only.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    kind        TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    internal    INTEGER NOT NULL DEFAULT 0,
    data        TEXT    NOT NULL DEFAULT '{}',
    at          INTEGER NOT NULL
);

CREATE INDEX events_request ON events (request_id, at, id);
