package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// result is what one load run measured.
type result struct {
	name      string
	requests  int
	errors    int
	elapsed   time.Duration
	latencies []time.Duration // of the successful requests, any order
	firstErr  string
}

// rate is successful requests per second.
func (r result) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests-r.errors) / r.elapsed.Seconds()
}

// percentile is the p-th (0..1) latency by the nearest-rank method, or 0
// when nothing succeeded. It sorts the slice in place.
func percentile(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	rank := int(p*float64(len(lat))+0.999999) - 1
	rank = max(0, min(rank, len(lat)-1))
	return lat[rank]
}

// row is one line of the table: a page against the bare yardstick.
type row struct {
	res  result
	bare float64 // bare Echo's req/s in the same run; 0 for the yardstick
	goal string  // e.g. ">= 70%"; empty when the row has none
	pass bool
}

// share is the row's rate as a fraction of bare Echo's.
func (r row) share() float64 {
	if r.bare <= 0 {
		return 1
	}
	return r.res.rate() / r.bare
}

// writeTable prints the rows as a Markdown table.
func writeTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| page | req/s | share of bare | p50 | p99 | errors | goal | |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---|---|")
	for _, r := range rows {
		verdict := ""
		if r.goal != "" {
			verdict = passMiss(r.pass)
		}
		fmt.Fprintf(w, "| %s | %.0f | %.0f%% | %s | %s | %d/%d | %s | %s |\n", r.res.name, r.res.rate(), 100*r.share(),
			ms(percentile(r.res.latencies, 0.50)), ms(percentile(r.res.latencies, 0.99)), r.res.errors, r.res.requests,
			r.goal, verdict)
	}
}

// figure is one measured figure next to its goal.
type figure struct {
	name, value, goal string
	pass              bool
}

// writeFigures prints the figures as a Markdown table.
func writeFigures(w io.Writer, figs []figure) {
	fmt.Fprintln(w, "| figure | value | goal | |")
	fmt.Fprintln(w, "|---|---:|---|---|")
	for _, f := range figs {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", f.name, f.value, f.goal, passMiss(f.pass))
	}
}

func passMiss(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}

// ms prints a duration in milliseconds with one decimal below 100 ms.
func ms(d time.Duration) string {
	f := float64(d) / float64(time.Millisecond)
	if f < 100 {
		return fmt.Sprintf("%.1f ms", f)
	}
	return fmt.Sprintf("%.0f ms", f)
}

// mib prints a byte count in MiB.
func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
