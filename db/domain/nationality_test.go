package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestANationalityMustBeAStatesWhileAnIssuerMayBeATerritory(t *testing.T) {
	check := func(name, value string) FieldErrors {
		var errs FieldErrors
		for _, s := range commonSections {
			for _, f := range s.Fields {
				if f.Name == name {
					f.Check(Answers{name: value}, time.Time{}, &errs)
					return errs
				}
			}
		}
		t.Fatalf("no field %s", name)
		return nil
	}
	assert.Empty(t, check("nationality", "SY"))
	assert.NotEmpty(t, check("nationality", "AQ"), "Antarctica is not a nationality")
	assert.NotEmpty(t, check("nationality_2", "HK"), "Hong Kong's residents are Chinese nationals")
	assert.Empty(t, check("id_issuer", "HK"), "Hong Kong issues identity documents")
}
