package seed

import (
	"math/rand/v2"
)

// Names are built from invented syllables, so they read like names in many
// languages yet belong to nobody.
var (
	seedGiven = []string{"Amira", "Bastien", "Carmela", "Dariush", "Elif", "Farouk", "Greta", "Hamid", "Ines",
		"Jovan", "Kalina", "Leandro", "Mariam", "Nikolai", "Oyelaran", "Paloma", "Qadir", "Rosalind", "Samir",
		"Tamsin", "Umberto", "Valeria", "Wendell", "Xiomara", "Yusuf", "Zeynep", "Anouk", "Bilal", "Corin", "Dalia"}
	seedFamilyStart = []string{"Val", "Mor", "Kes", "Dra", "Tal", "Ost", "Bre", "Quin", "Sel", "Har", "Lun", "Ferr",
		"Ab", "Zor", "Ith", "Nev", "Cal", "Run", "Ves", "Ol"}
	seedFamilyEnd = []string{"amund", "orath", "essky", "adine", "ovar", "ingham", "elqui", "arro", "ezian", "umbe",
		"iquet", "ansen", "oulis", "eddu", "avik", "onde", "aszar", "elmo"}
)

// fictionalName is "Given Family", with an invented family name.
func fictionalName(rng *rand.Rand) string {
	return seedGiven[rng.IntN(len(seedGiven))] + " " + seedFamilyStart[rng.IntN(len(seedFamilyStart))] +
		seedFamilyEnd[rng.IntN(len(seedFamilyEnd))]
}
