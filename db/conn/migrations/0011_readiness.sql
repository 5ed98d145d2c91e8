-- One row that the readiness check rewrites, so that "the database is
-- writable" is checked with a real, durable write and never assumed.
CREATE TABLE readiness (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at INTEGER NOT NULL
);
