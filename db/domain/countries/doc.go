// Package countries is the procedure's reference list of countries: every
// ISO 3166-1 code, which of them are INTERPOL's 196 member countries, and
// their names in the CCF's four working languages, sorted with each
// language's collation. It is part of the domain: pure data and rules, no
// I/O, and it imports nothing of the project.
package countries
