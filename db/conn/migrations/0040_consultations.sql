-- Consultations: whom the CCF asked about a case, when, the reply or the
-- finding that none came by the due date. Internal to the CCF: nothing in
-- these tables is ever shown to the applicant. Dates are ISO calendar days
-- (YYYY-MM-DD), as staff record them; an empty replied_on and no_reply_on
-- mark an open consultation.
CREATE TABLE consultations (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    recipient    TEXT    NOT NULL,
    country      TEXT    NOT NULL DEFAULT '',
    entity       TEXT    NOT NULL DEFAULT '',
    question     TEXT    NOT NULL,
    sent_on      TEXT    NOT NULL,
    reply_due    TEXT    NOT NULL,
    replied_on   TEXT    NOT NULL DEFAULT '',
    summary      TEXT    NOT NULL DEFAULT '',
    restriction  TEXT    NOT NULL DEFAULT '',
    no_reply_on  TEXT    NOT NULL DEFAULT '',
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL
);

CREATE INDEX consultations_request ON consultations (request_id, sent_on);
-- The queue reads the open consultations of each case and filters on
-- overdue ones: this index holds only the open ones.
CREATE INDEX consultations_open ON consultations (request_id, reply_due)
    WHERE replied_on = '' AND no_reply_on = '';

CREATE TABLE consultation_reminders (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    sent_on         TEXT    NOT NULL,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    created_at      INTEGER NOT NULL
);

CREATE INDEX consultation_reminders_of ON consultation_reminders (consultation_id, sent_on);

-- The document attached to a reply, stored encrypted like evidence. It is
-- kept apart from the request's documents so that no list of the
-- applicant's can ever include it.
CREATE TABLE consultation_documents (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL UNIQUE REFERENCES consultations (id),
    request_id      INTEGER NOT NULL REFERENCES requests (id),
    uploaded_by     INTEGER NOT NULL REFERENCES users (id),
    original_name   TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT    NOT NULL,
    storage_key     TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL
);
