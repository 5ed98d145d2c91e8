package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServeLogsJSONAndServesMetricsOnTheirOwnAddress(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	var out, logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", data, "-log-format", "json",
			"-metrics-addr", "127.0.0.1:0"}, nil, &out, &logs)
	}()
	var base, metricsAddr string
	require.Eventually(t, func() bool {
		if m := runningAt.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
		for _, line := range strings.Split(logs.String(), "\n") {
			var rec map[string]any
			if json.Unmarshal([]byte(line), &rec) == nil && rec["msg"] == "metrics" {
				metricsAddr, _ = rec["addr"].(string)
			}
		}
		return base != "" && metricsAddr != ""
	}, 30*time.Second, 20*time.Millisecond)

	get := func(url string) (int, string) {
		resp, err := http.Get(url)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	status, _ := get(base + "/healthz")
	require.Equal(t, http.StatusOK, status)
	status, _ = get(base + "/metrics")
	assert.Equal(t, http.StatusNotFound, status, "metrics are not on the public address")
	status, body := get("http://" + metricsAddr + "/metrics")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `ccf_http_requests_total{method="GET",route="/healthz",status="200"} 1`)
	assert.Contains(t, body, `ccf_cases_open{status="submitted"} 0`)

	cancel()
	require.NoError(t, <-done)
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	lines := 0
	for sc.Scan() {
		var rec map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec), "every log line is JSON: %s", sc.Text())
		lines++
	}
	assert.Greater(t, lines, 2)
	assert.Contains(t, logs.String(), `"route":"/healthz"`)
	assert.Contains(t, logs.String(), `"max_conns":`)
}

func TestServeRefusesAnUnknownLogFormat(t *testing.T) {
	err := run(context.Background(), []string{"serve", "-data", t.TempDir(), "-log-format", "xml"}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "-log-format must be text or json")
}

func TestConnectionCapLeavesRoomForTheStore(t *testing.T) {
	assert.Equal(t, 1024-128, connectionCap(1024), "an eighth kept back")
	assert.Equal(t, 256-64, connectionCap(256), "at least 64 kept back")
	assert.Equal(t, 16, connectionCap(70), "a tiny limit still serves a few")
	assert.Equal(t, defaultMaxConns, connectionCap(0), "unknown limit")
	assert.Equal(t, 1<<20, connectionCap(1<<40))
	limit, err := raiseOpenFileLimit()
	require.NoError(t, err)
	assert.Greater(t, limit, uint64(0))
}
