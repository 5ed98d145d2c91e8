-- Cases the CCF received by e-mail or post and imported into the portal:
-- how each came and on what day (its submission date for time limits and
-- statistics), and who imported it.
CREATE TABLE paper_cases (
    request_id  INTEGER PRIMARY KEY REFERENCES requests (id),
    channel     TEXT    NOT NULL CHECK (channel IN ('email', 'post', 'other')),
    received_on TEXT    NOT NULL, -- YYYY-MM-DD
    imported_by INTEGER NOT NULL REFERENCES users (id),
    imported_at INTEGER NOT NULL
);

-- Single-use invitations to follow an imported case in the portal, for the
-- applicant or for counsel. Only a keyed hash of the code is kept.
CREATE TABLE case_invitations (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    invitee     TEXT    NOT NULL CHECK (invitee IN ('applicant', 'counsel')),
    code_hash   TEXT    NOT NULL UNIQUE,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_by  INTEGER REFERENCES users (id),
    revoked_at  INTEGER,
    redeemed_by INTEGER REFERENCES users (id),
    redeemed_at INTEGER
);

CREATE INDEX case_invitations_request ON case_invitations (request_id, created_at);

-- Failed attempts at redeeming a code, per account and per client (a hash
-- of its address), so that guesses are throttled.
CREATE TABLE invitation_failures (
    key       TEXT    PRIMARY KEY,
    failures  INTEGER NOT NULL,
    last_at   INTEGER NOT NULL
);
