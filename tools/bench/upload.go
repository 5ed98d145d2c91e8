package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// uploadFigures are what the big upload measured.
type uploadFigures struct {
	bytes     int64
	took      time.Duration
	ddTook    time.Duration
	rssBefore int64
	peakRSS   int64
}

// zeroPDF is a PDF-looking stream of n bytes: a header, zeros, a trailer.
func zeroPDF(n int64) io.Reader {
	head, tail := "%PDF-1.4\n", "\n%%EOF\n"
	body := io.LimitReader(zeros{}, n-int64(len(head)+len(tail)))
	return io.MultiReader(strings.NewReader(head), body, strings.NewReader(tail))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// bigUpload streams an n-byte file to a fresh draft of b, sampling the
// server's resident set meanwhile, then writes the same size with dd and
// fsync into the data folder, the disk's own speed in the same run.
func bigUpload(ctx context.Context, b *browser, pid int, data string, n int64) (uploadFigures, error) {
	var f uploadFigures
	draft, err := b.startDraft(ctx)
	if err != nil {
		return f, err
	}
	f.bytes = n
	f.rssBefore, _, _ = memory(pid)
	f.peakRSS, _, err = peakRSS(ctx, pid, func() error {
		t0 := time.Now()
		p, err := b.upload(ctx, draft+"/documents", draft+"/documents",
			[][2]string{{"doc_type", "supporting"}, {"description", "bench upload"}}, "big.pdf", zeroPDF(n))
		f.took = time.Since(t0)
		if err == nil && p.status != http.StatusSeeOther {
			err = fmt.Errorf("upload: status %d: %.300s", p.status, p.body)
		}
		return err
	})
	if err != nil {
		return f, err
	}
	f.ddTook, err = ddWrite(ctx, data, n)
	return f, err
}

// ddWrite times `dd if=/dev/zero bs=1M conv=fsync` of n bytes in dir.
func ddWrite(ctx context.Context, dir string, n int64) (time.Duration, error) {
	out := filepath.Join(dir, "dd-bench.bin")
	defer os.Remove(out)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "dd", "if=/dev/zero", "of="+out, "bs=1M", fmt.Sprintf("count=%d", n>>20), "conv=fsync")
	t0 := time.Now()
	if msg, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("dd: %w: %s", err, msg)
	}
	return time.Since(t0), nil
}

// mbps is a throughput in MB/s.
func mbps(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / 1e6 / d.Seconds()
}
