package views

import (
	"github.com/ccf-portal/ccfportal/views/chart"

	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain/stats"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

func TestNiceTop(t *testing.T) {
	for v, want := range map[int]int{0: 4, 1: 4, 4: 4, 5: 8, 82: 100, 150: 200, 201: 400, 1900: 2000, 9: 20} {
		assert.Equal(t, want, chart.NiceTop(v), v)
	}
}

func TestBarChartMirrorsOnRightToLeftPages(t *testing.T) {
	p := stats.Suppress(stats.Table{Key: "t", Rows: []string{"access"}, Years: []int{2025}, Counts: [][]int{{10}}}, 5)
	rep := stats.Report{AsOf: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Threshold: 5, Years: p.Years}
	ltr := StatsBarChart(i18n.WithLocale(context.Background(), i18n.Get("en")), rep, p)
	rtl := StatsBarChart(i18n.WithLocale(context.Background(), i18n.Get("ar")), rep, p)
	assert.Equal(t, "ltr", ltr.Dir)
	assert.Equal(t, "rtl", rtl.Dir)
	assert.Equal(t, 0, ltr.Rects[0].X)
	assert.Equal(t, chartWidth, rtl.Rects[0].X+rtl.Rects[0].W, "the bar grows from the right")
	assert.Equal(t, ltr.Rects[0].W, rtl.Rects[0].W)
	for i := range ltr.Texts {
		assert.Equal(t, chartWidth-ltr.Texts[i].X, rtl.Texts[i].X, "every label mirrored")
		assert.Equal(t, ltr.Texts[i].Anchor, rtl.Texts[i].Anchor, "anchors are logical: the direction flips them")
	}
}
