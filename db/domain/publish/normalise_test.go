package publish

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Two searches at once must each get their own text back: the
// normaliser's transformers keep state, and sharing one across
// goroutines mixed the inputs (the race detector fails this test then).
func TestNormaliseIsSafeFromManyGoroutines(t *testing.T) {
	inputs := map[string]string{"ḤADDĀD, Amal": "haddad amal", "حَسَـــن": "حسن", "Élodie Müller": "elodie muller"}
	var wg sync.WaitGroup
	for range 8 {
		for in, want := range inputs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 50 {
					assert.Equal(t, want, Normalise(in))
				}
			}()
		}
	}
	wg.Wait()
}
