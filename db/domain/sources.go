package domain

import (
	"slices"
	"strings"
)

// Besides INTERPOL's member countries, international entities can ask
// INTERPOL to issue notices: the International Criminal Court, the
// International Residual Mechanism for Criminal Tribunals, and the United
// Nations Security Council's sanctions committees (the INTERPOL-UN Security
// Council special notices). A source is one of them, a member country, or
// unknown.
var InternationalSources = []string{"int:icc", "int:irmct", "int:unsc", "int:other"}

// IsInternationalSource reports whether v names an international entity
// as the source of data.
func IsInternationalSource(v string) bool { return slices.Contains(InternationalSources, v) }

// SourceKey is the message key naming an international source.
func SourceKey(v string) string { return "source.entity." + strings.TrimPrefix(v, "int:") }
