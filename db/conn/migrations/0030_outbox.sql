-- The outbox: every e-mail the portal sends is first a row here, written in
-- the same transaction as the event that causes it, so no committed event
-- loses its message and no rolled-back one sends one. A sender claims a
-- due row for a while (lease_until) before it talks to the mail server and
-- marks it sent in a transaction of its own once the server accepted it;
-- the body is emptied then, since it may carry a single-use link. Times are
-- Unix seconds in UTC.

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until     INTEGER,
    sent_at         INTEGER,
    given_up_at     INTEGER
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
