-- Questions that signed-in people ask the CCF's secretariat about using
-- the portal, outside any case, and the one answer each receives. Open
-- questions are listed oldest first for staff, so the open index leads
-- with the answer's time (NULL while open).
CREATE TABLE help_requests (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    topic       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    asked_at    INTEGER NOT NULL,
    answer      TEXT,
    answered_by INTEGER REFERENCES users (id),
    answered_at INTEGER
);
CREATE INDEX help_requests_user ON help_requests (user_id, id);
CREATE INDEX help_requests_open ON help_requests (answered_at, id);
