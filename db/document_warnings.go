package db

import "strings"

// Upload warnings are stored as one comma-separated column (codes never
// hold a comma): they are only ever read whole, with their document.

func joinWarnings(codes []string) string { return strings.Join(codes, ",") }

func splitWarnings(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
