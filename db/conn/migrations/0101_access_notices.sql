-- A notification may be about an applicant's record rather than one
-- request: that access to it was given to, or withdrawn from, the account.
ALTER TABLE notifications ADD COLUMN applicant_id INTEGER REFERENCES applicants (id) ON DELETE CASCADE;
