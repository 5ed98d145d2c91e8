package domain

import (
	"slices"
	"strings"
)

// SectionToCheck is a section whose answers a new draft copied from an
// earlier filing or an applicant record: complete, but not yet seen and
// confirmed by the filer. An identity document copied from an earlier
// request may have expired since; nothing is filed on copied details the
// filer has not looked at.
const SectionToCheck SectionState = "to_check"

// copiedKey is the answer that lists the sections still to check.
const copiedKey = "copied_sections"

// copiedSections are the sections a new draft may start with details in.
var copiedSections = []string{SectionApplicant, SectionIDDocument, SectionContact}

// MarkCopied records, on a new draft's answers, the sections that start
// with details copied from elsewhere: each must be confirmed before the
// request can be submitted.
func MarkCopied(a Answers) {
	var keys []string
	for _, s := range commonSections {
		if !slices.Contains(copiedSections, s.Key) {
			continue
		}
		for _, f := range s.Fields {
			if strings.TrimSpace(a[f.Name]) != "" {
				keys = append(keys, s.Key)
				break
			}
		}
	}
	if len(keys) > 0 {
		a[copiedKey] = strings.Join(keys, ",")
	}
}

// Copied reports whether section key holds copied details not yet
// confirmed.
func Copied(a Answers, key string) bool {
	return a[copiedKey] != "" && slices.Contains(strings.Split(a[copiedKey], ","), key)
}

// ConfirmCopied records that the filer saved section key, which confirms
// its copied details; it reports whether there was anything to confirm.
func ConfirmCopied(a Answers, key string) bool {
	if !Copied(a, key) {
		return false
	}
	left := slices.DeleteFunc(strings.Split(a[copiedKey], ","), func(k string) bool { return k == key })
	if len(left) == 0 {
		delete(a, copiedKey)
	} else {
		a[copiedKey] = strings.Join(left, ",")
	}
	return true
}
