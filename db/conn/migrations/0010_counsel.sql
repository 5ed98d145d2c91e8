-- The counsel workspace: applicant records shared with colleagues or with
-- counsel a petitioner appoints, and documents kept on the applicant record
-- (identity documents, power of attorney) for reuse in later filings.

CREATE TABLE applicant_access (
    applicant_id INTEGER NOT NULL REFERENCES applicants (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    granted_by   INTEGER NOT NULL REFERENCES users (id),
    granted_at   INTEGER NOT NULL,
    revoked_by   INTEGER REFERENCES users (id),
    revoked_at   INTEGER,
    PRIMARY KEY (applicant_id, user_id)
);

CREATE INDEX applicant_access_user ON applicant_access (user_id, revoked_at);

CREATE TABLE applicant_documents (
    id             INTEGER PRIMARY KEY,
    applicant_id   INTEGER NOT NULL REFERENCES applicants (id),
    uploaded_by    INTEGER NOT NULL REFERENCES users (id),
    doc_type       TEXT    NOT NULL,
    original_name  TEXT    NOT NULL,
    content_type   TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT    NOT NULL,
    storage_key    TEXT    NOT NULL UNIQUE,
    signed_on      TEXT    NOT NULL DEFAULT '', -- a power of attorney's date
    removed_at     INTEGER,
    created_at     INTEGER NOT NULL
);

CREATE INDEX applicant_documents_applicant ON applicant_documents (applicant_id, created_at);

-- Who did what to an applicant record: created, edited, shared, withdrawn.
CREATE TABLE applicant_events (
    id           INTEGER PRIMARY KEY,
    applicant_id INTEGER NOT NULL REFERENCES applicants (id),
    actor_id     INTEGER NOT NULL REFERENCES users (id),
    kind         TEXT    NOT NULL,
    subject_id   INTEGER REFERENCES users (id),
    at           INTEGER NOT NULL
);

CREATE INDEX applicant_events_applicant ON applicant_events (applicant_id, at);
CREATE INDEX requests_applicant_status ON requests (applicant_id, status);
