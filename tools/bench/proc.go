package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is a process the bench started and stops.
type server struct {
	cmd  *exec.Cmd
	base string
	logs bytes.Buffer
	mu   sync.Mutex
	done chan struct{}
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// start runs bin with args on a free 127.0.0.1 port (passed through the
// portArgs function) and waits, at most 60 s, for the first 200 on
// probePath; it returns the server and how long that took from exec.
func start(bin string, portArgs func(port int) []string, probePath string) (*server, time.Duration, error) {
	port, err := freePort()
	if err != nil {
		return nil, 0, err
	}
	s := &server{base: fmt.Sprintf("http://127.0.0.1:%d", port), done: make(chan struct{})}
	s.cmd = exec.Command(bin, portArgs(port)...)
	s.cmd.Stdout, s.cmd.Stderr = s, s
	client := &http.Client{Timeout: time.Second}
	t0 := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, 0, err
	}
	go func() { _ = s.cmd.Wait(); close(s.done) }()
	for deadline := t0.Add(60 * time.Second); time.Now().Before(deadline); {
		if resp, err := client.Get(s.base + probePath); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, time.Since(t0), nil
			}
		}
		select {
		case <-s.done:
			return nil, 0, fmt.Errorf("%s exited before serving:\n%s", bin, s.output())
		case <-time.After(time.Millisecond):
		}
	}
	s.stop()
	return nil, 0, fmt.Errorf("%s not serving after 60 s:\n%s", bin, s.output())
}

// Write keeps the process's output for error messages, bounded.
func (s *server) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.logs.Len() < 4<<20 {
		s.logs.Write(p)
	}
	return len(p), nil
}

func (s *server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

// errorLines are the lines the portal logged at level ERROR.
func (s *server) errorLines() []string {
	var out []string
	for _, l := range strings.Split(s.output(), "\n") {
		if strings.Contains(l, "level=ERROR") {
			out = append(out, l)
		}
	}
	return out
}

// stop sends SIGTERM and waits up to 20 s, then SIGKILL.
func (s *server) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// memory reads a process's resident set size and its high-water mark, in
// bytes, from /proc/PID/status.
func memory(pid int) (rss, hwm int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0, 0, err
		}
		if k == "VmRSS" {
			rss = kb << 10
		} else {
			hwm = kb << 10
		}
	}
	return rss, hwm, sc.Err()
}

// peakRSS samples pid's resident set every 5 ms while fn runs and returns
// the highest value seen (and the high-water mark at the end, the kernel's
// own count of the peak, which also sees between samples).
func peakRSS(ctx context.Context, pid int, fn func() error) (peak, hwm int64, err error) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			if rss, _, err := memory(pid); err == nil && rss > peak {
				peak = rss
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	err = fn()
	cancel()
	<-done
	_, hwm, _ = memory(pid)
	return peak, hwm, err
}
