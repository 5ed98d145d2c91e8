package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEveryDocumentTypeIsInTheOneList(t *testing.T) {
	seen := map[DocType]bool{}
	for _, dt := range DocTypes {
		assert.False(t, seen[dt], "%s listed twice", dt)
		seen[dt] = true
	}
	subsets := [][]DocType{FilingDocTypes, EvidenceDocTypes, RecordDocTypes}
	for _, g := range Grounds {
		subsets = append(subsets, g.Evidence)
	}
	for _, subset := range subsets {
		for _, dt := range subset {
			assert.True(t, seen[dt], "%s is not in DocTypes", dt)
		}
	}
}
