-- Applications for a "to whom it may concern" certificate, made by the
-- applicant's side after the data were deleted, and the secretariat's
-- answer: the certificate the General Secretariat issued, or a refusal
-- with a message. At most one application per case waits at a time.
CREATE TABLE certificate_applications (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    purpose     TEXT    NOT NULL DEFAULT '',
    applied_by  INTEGER NOT NULL REFERENCES users (id),
    applied_at  INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'issued', 'refused')),
    message     TEXT    NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES users (id),
    answered_at INTEGER
);

-- One pending application per case; the queue's filter reads this index.
CREATE UNIQUE INDEX certificate_applications_pending ON certificate_applications (request_id)
    WHERE state = 'pending';
CREATE INDEX certificate_applications_request ON certificate_applications (request_id, applied_at);

-- The certificate itself, stored encrypted like evidence, kept apart from
-- the request's documents so that no list of what was filed includes it.
CREATE TABLE certificate_documents (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL UNIQUE REFERENCES certificate_applications (id),
    request_id     INTEGER NOT NULL REFERENCES requests (id),
    uploaded_by    INTEGER NOT NULL REFERENCES users (id),
    original_name  TEXT    NOT NULL,
    content_type   TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT    NOT NULL,
    storage_key    TEXT    NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL
);
