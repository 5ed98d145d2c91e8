package web_test

import (
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Each ground's page says what the CCF looks at under it, as the CCF
// applies it, in every language, and promises no outcome: the
// predominance test, a trial in absentia judged by the defence and a
// retrial, asylum seekers as well as refugees (their status checked with
// the country that protects them), and a final judgment on the same facts.
func TestGroundTextsSayWhatTheCCFLooksAtAndPromiseNothing(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	codes := []string{"political", "human_rights", "refugee", "ne_bis_in_idem"}
	c.Submit(req+"/grounds", req+"/grounds", url.Values{"grounds": codes})
	pages := func() string {
		var all string
		for _, g := range codes {
			page := c.Get(req + "/grounds/" + g)
			require.Equal(t, http.StatusOK, page.Status, g)
			all += html.UnescapeString(page.Body)
		}
		return all
	}
	for lang, phrases := range map[string][]string{
		"en": {"asks whether that character predominates", "A political context alone is not enough",
			"whether you can still obtain a retrial", "or an asylum seeker whose claim is being examined",
			"usually checks your status with the country that protects you", "an earlier final judgment",
			"they must be the same facts"},
		"fr": {"recherche si ce caractère prédomine", "un demandeur d’asile", "obtenir un nouveau procès", "un jugement définitif antérieur"},
		"es": {"examina si ese carácter predomina", "un solicitante de asilo", "obtener un nuevo juicio", "una sentencia firme anterior"},
		"ar": {"يغلب على عناصر القانون الجنائي العام", "طالب لجوء", "إعادة المحاكمة", "حكم نهائي سابق"},
	} {
		c.Header.Set("Accept-Language", lang)
		text := pages()
		for _, p := range phrases {
			assert.Contains(t, text, p, lang)
		}
	}
	c.Header.Set("Accept-Language", "en")
	text := pages() + html.UnescapeString(c.Get(req+"/grounds").Body)
	for _, promise := range []string{"INTERPOL should not help", "will be deleted", "will delete", "guaranteed"} {
		assert.NotContains(t, text, promise)
	}
}
