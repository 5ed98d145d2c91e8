-- A case's time limits beyond the dates on the request: corrections of the
-- admissibility date, extensions of the 4- or 9-month limit (each kept, the
-- request's due_at holding the current date), and the applicant's requests
-- for more time to answer a clarification with the CCF's answer. Days are
-- ISO calendar days (YYYY-MM-DD); instants are Unix seconds.
CREATE TABLE admissibility_corrections (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    from_at     INTEGER NOT NULL,
    to_at       INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX admissibility_corrections_request ON admissibility_corrections (request_id, id);

CREATE TABLE time_limit_extensions (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    from_at     INTEGER NOT NULL,
    to_at       INTEGER NOT NULL,
    reason      TEXT    NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX time_limit_extensions_request ON time_limit_extensions (request_id, id);

CREATE TABLE more_time_requests (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    message_id   INTEGER NOT NULL REFERENCES messages (id),
    reason       TEXT    NOT NULL,
    proposed     TEXT    NOT NULL,
    asked_by     INTEGER NOT NULL REFERENCES users (id),
    asked_at     INTEGER NOT NULL,
    answer       TEXT    NOT NULL DEFAULT '' CHECK (answer IN ('', 'granted', 'refused')),
    granted      TEXT    NOT NULL DEFAULT '',
    message      TEXT    NOT NULL DEFAULT '',
    answered_by  INTEGER REFERENCES users (id),
    answered_at  INTEGER
);
CREATE INDEX more_time_requests_request ON more_time_requests (request_id, id);
-- One pending request per clarification; the queue flags cases that have one.
CREATE UNIQUE INDEX more_time_requests_pending ON more_time_requests (message_id) WHERE answer = '';
CREATE INDEX more_time_requests_open ON more_time_requests (request_id) WHERE answer = '';
