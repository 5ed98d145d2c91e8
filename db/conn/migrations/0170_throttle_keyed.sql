-- The sign-in throttle's keys are now keyed hashes (db/keys). The rows
-- kept under plain hashes of e-mails and addresses are dropped: they no
-- longer count for anything, and a plain hash of an address can be undone.
DELETE FROM login_throttle;
