package views

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/views/i18n"
)

// TestEveryKeyOfTheHelpPagesIsInTheCatalogue checks the keys the pages
// build from prefixes and numbers, which the scan of literal keys in
// views/i18n cannot see; the catalogue tests then hold every language to
// the English one.
func TestEveryKeyOfTheHelpPagesIsInTheCatalogue(t *testing.T) {
	en := i18n.Get(i18n.DefaultTag)
	for _, a := range append(HelpArticles, AboutArticles...) {
		for _, k := range a.Keys() {
			assert.True(t, en.Has(k), "%s: %s", a.Path, k)
		}
	}
	for _, k := range numbered("guide.contact.writing", 3) {
		assert.True(t, en.Has(k), k)
	}
}

func TestPostalLinesSplitOnBarsAndNewLines(t *testing.T) {
	assert.Equal(t, []string{"CCF", "1 Example Street", "Lyon"}, PostalLines(" CCF | 1 Example Street\n\nLyon |"))
	assert.Empty(t, PostalLines("  "))
}
