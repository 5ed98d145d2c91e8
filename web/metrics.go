package web

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/queue"
)

// metrics are the portal's Prometheus metrics, in a registry of the server's
// own (not the global one), so that several servers in one test process
// never share counters. Labels are route patterns, methods and statuses
// only: never a URL with an id in it, never anything a person typed.
type metrics struct {
	registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	uploads     *prometheus.CounterVec
	uploadBytes prometheus.Counter
}

// latencyBuckets reach from a cached page to a long upload over a poor link.
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 900}

func newMetrics(store *db.DB, dataDir string, log *slog.Logger) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ccf_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "ccf_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method and route pattern.",
			Buckets: latencyBuckets,
		}, []string{"method", "route"}),
		uploads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ccf_uploads_total",
			Help: "Multipart form posts (uploads), by result: accepted (answered with a redirect) or refused.",
		}, []string{"result"}),
		uploadBytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ccf_upload_bytes_total",
			Help: "Bytes of multipart form bodies received.",
		}),
	}
	m.registry.MustRegister(m.requests, m.duration, m.uploads, m.uploadBytes,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		newStoreCollector(store, dataDir, log),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "ccf_db_write_commits_total",
			Help: "Write transactions committed; writes waiting together share one commit.",
		}, func() float64 { n, _ := store.WriteCommits(); return float64(n) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "ccf_db_writes_total",
			Help: "Writes committed; over ccf_db_write_commits_total, the mean number of writes per commit.",
		}, func() float64 { _, n := store.WriteCommits(); return float64(n) }))
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// knownMethods bounds the method label: anything else counts as "other".
var knownMethods = map[string]bool{http.MethodGet: true, http.MethodHead: true, http.MethodPost: true,
	http.MethodPut: true, http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true}

// observe counts every request by its route pattern once its status is
// final. It runs outside the request logger, which has already turned an
// error into its page by the time this reads the status.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		body, _ := c.Request().Body.(*rateBody)
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		method := c.Request().Method
		if !knownMethods[method] {
			method = "other"
		}
		route := c.Path()
		if route == "" || c.Response().Status == http.StatusNotFound && route == "/*" {
			route = "unmatched"
		}
		status := c.Response().Status
		s.metrics.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
		s.metrics.duration.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
		if method == http.MethodPost && s.streamingRoutes[routeKey(method, route)] && isMultipart(c.Request()) {
			result := "refused"
			if status == http.StatusSeeOther {
				result = "accepted"
			}
			s.metrics.uploads.WithLabelValues(result).Inc()
			if body != nil {
				s.metrics.uploadBytes.Add(float64(body.bytesRead()))
			}
		}
		return nil
	}
}

// storeCollector computes the store's gauges when Prometheus scrapes. The
// queries run against the read pool with a time limit, and their result is
// kept for a few seconds, so however often the portal is scraped the store
// sees at most one round of counting per interval.
type storeCollector struct {
	store   *db.DB
	dataDir string
	log     *slog.Logger

	open, overdue, dbBytes, freeBytes, up *prometheus.Desc

	mu      sync.Mutex
	at      time.Time
	counts  queue.Counts
	countOK bool
}

const (
	storeCacheFor   = 10 * time.Second
	storeQueryLimit = 2 * time.Second
)

func newStoreCollector(store *db.DB, dataDir string, log *slog.Logger) *storeCollector {
	return &storeCollector{store: store, dataDir: dataDir, log: log,
		open:      prometheus.NewDesc("ccf_cases_open", "Pending cases, by status.", []string{"status"}, nil),
		overdue:   prometheus.NewDesc("ccf_cases_overdue", "Pending cases whose decision is past its due date, by kind.", []string{"kind"}, nil),
		dbBytes:   prometheus.NewDesc("ccf_database_bytes", "Size of the database files, by file (db, wal).", []string{"file"}, nil),
		freeBytes: prometheus.NewDesc("ccf_data_free_bytes", "Free space for the data folder, in bytes, as available to the portal.", nil, nil),
		up:        prometheus.NewDesc("ccf_store_up", "1 if the case counts could be read at the last scrape, 0 if not.", nil, nil),
	}
}

// Describe sends the descriptions of every gauge.
func (sc *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{sc.open, sc.overdue, sc.dbBytes, sc.freeBytes, sc.up} {
		ch <- d
	}
}

// Collect reads the gauges: case counts (cached briefly), file sizes and
// free space (one stat call each).
func (sc *storeCollector) Collect(ch chan<- prometheus.Metric) {
	counts, ok := sc.caseCounts()
	up := 0.0
	if ok {
		up = 1
		for _, st := range queue.OpenStatuses {
			ch <- prometheus.MustNewConstMetric(sc.open, prometheus.GaugeValue, float64(counts.Open[st]), string(st))
		}
		for _, k := range []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindCorrection,
			domain.KindRevision, domain.KindProvisional} {
			ch <- prometheus.MustNewConstMetric(sc.overdue, prometheus.GaugeValue, float64(counts.Overdue[k]), string(k))
		}
	}
	ch <- prometheus.MustNewConstMetric(sc.up, prometheus.GaugeValue, up)
	path := sc.store.Path()
	for file, p := range map[string]string{"db": path, "wal": path + "-wal"} {
		var size int64
		if info, err := os.Stat(p); err == nil {
			size = info.Size()
		}
		ch <- prometheus.MustNewConstMetric(sc.dbBytes, prometheus.GaugeValue, float64(size), file)
	}
	if free, err := freeDisk(sc.dataDir); err == nil {
		ch <- prometheus.MustNewConstMetric(sc.freeBytes, prometheus.GaugeValue, float64(free))
	}
}

func (sc *storeCollector) caseCounts() (queue.Counts, bool) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if !sc.at.IsZero() && time.Since(sc.at) < storeCacheFor {
		return sc.counts, sc.countOK
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeQueryLimit)
	defer cancel()
	counts, err := sc.store.CaseCounts(ctx, sc.store.Clock.Now())
	if err != nil {
		sc.log.Error("metrics: count cases", slog.String("error", err.Error()))
	}
	sc.at, sc.counts, sc.countOK = time.Now(), counts, err == nil
	return counts, err == nil
}
