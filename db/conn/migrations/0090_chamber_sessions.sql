-- Sessions of the Requests Chamber, numbered within their year ("2026/3"),
-- and their agendas: the cases put before the Chamber at a session. A case
-- is on at most one agenda at a time; taking it off frees it for another.
CREATE TABLE chamber_sessions (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL,
    number     INTEGER NOT NULL CHECK (number > 0),
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL CHECK (ends_on >= starts_on),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    UNIQUE (year, number)
);

CREATE TABLE session_agenda (
    session_id INTEGER NOT NULL REFERENCES chamber_sessions (id),
    request_id INTEGER NOT NULL UNIQUE REFERENCES requests (id),
    added_by   INTEGER NOT NULL REFERENCES users (id),
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (session_id, request_id)
);
