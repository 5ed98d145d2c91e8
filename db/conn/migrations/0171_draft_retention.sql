-- When the filer of a draft never sent was last warned that it will be
-- deleted (see db/domain/retention): a draft is deleted only after a
-- warning given since its last change.
ALTER TABLE requests ADD COLUMN draft_warned_at INTEGER;
