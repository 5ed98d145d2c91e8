package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestPercentileIsNearestRank(t *testing.T) {
	var lat []time.Duration
	for i := 100; i >= 1; i-- {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	assert.Equal(t, 50*time.Millisecond, percentile(lat, 0.50))
	assert.Equal(t, 99*time.Millisecond, percentile(lat, 0.99))
	assert.Equal(t, 100*time.Millisecond, percentile(lat, 1))
	assert.Equal(t, time.Millisecond, percentile(lat, 0))
	assert.Equal(t, 7*time.Millisecond, percentile([]time.Duration{7 * time.Millisecond}, 0.99))
	assert.Zero(t, percentile(nil, 0.99))
}

func TestRateCountsOnlySuccesses(t *testing.T) {
	r := result{requests: 110, errors: 10, elapsed: 2 * time.Second}
	assert.InDelta(t, 50, r.rate(), 1e-9)
	assert.Zero(t, result{}.rate())
}

func TestTableShowsShareOfBareAndVerdict(t *testing.T) {
	page := result{name: "/login", requests: 70, elapsed: time.Second,
		latencies: []time.Duration{2 * time.Millisecond, 4 * time.Millisecond}}
	var out bytes.Buffer
	writeTable(&out, []row{{res: page, bare: 100, goal: ">= 70%", pass: true}})
	assert.Contains(t, out.String(), "| /login | 70 | 70% | 2.0 ms | 4.0 ms | 0/70 | >= 70% | PASS |")
	out.Reset()
	writeFigures(&out, []figure{{name: "idle RSS", value: mib(41 << 20), goal: "< 40 MiB"}})
	assert.Contains(t, out.String(), "| idle RSS | 41.0 MiB | < 40 MiB | MISS |")
	assert.Equal(t, "1×0 2×303 1×503", countStatuses([]int{303, 503, 0, 303}))
}
