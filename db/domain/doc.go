// Package domain is the procedure in plain Go: request kinds, statuses and
// the one function that checks a status change, grounds, document types,
// time limits and deadlines, admissibility and filing checks, the coded
// application errors and the clock. It does no I/O and imports nothing of
// the project, so every other package may depend on it.
package domain
