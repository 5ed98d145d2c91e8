package conn

// Generation is a number that changes after every write transaction the
// store commits through Write (or BulkWrite), or tries to. A reader may
// keep what it computed from the tables those transactions change for as
// long as Generation is unchanged, provided it read Generation before it
// started reading: a commit it might have missed then moves the number on.
// Statements run on Writer() directly (sessions, sign-in times, password
// hashes, applicants) do not move it, so nothing cached on it may depend
// on those tables.
func (db *Conn) Generation() uint64 { return db.group.ended.Load() }
