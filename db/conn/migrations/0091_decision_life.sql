-- A decision's life before it reaches the applicant: the secretariat's
-- draft, its adoption by the Requests Chamber at a session, its sending to
-- the General Secretariat, the implementation the General Secretariat
-- reports, and its sending to the applicant. Only then is the decision
-- written to decisions, the table every applicant page reads, so nothing
-- of it shows before.
CREATE TABLE chamber_decisions (
    request_id        INTEGER PRIMARY KEY REFERENCES requests (id),
    outcome           TEXT    NOT NULL,
    reasons           TEXT    NOT NULL,
    disclosure        TEXT    NOT NULL DEFAULT '',
    drafted_by        INTEGER NOT NULL REFERENCES users (id),
    drafted_at        INTEGER NOT NULL,
    session_id        INTEGER REFERENCES chamber_sessions (id),
    adopted_by        INTEGER REFERENCES users (id),
    adopted_at        INTEGER,
    sent_gs_on        TEXT    NOT NULL DEFAULT '',
    implemented_on    TEXT    NOT NULL DEFAULT '',
    implementation    TEXT    NOT NULL DEFAULT '',
    sent_applicant_on TEXT    NOT NULL DEFAULT ''
);
