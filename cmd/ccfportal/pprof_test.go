package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The profiler shows the program's insides, so only a loopback address is
// accepted for it.
func TestPprofListensOnLoopbackOnly(t *testing.T) {
	for _, ok := range []string{"127.0.0.1:6060", "[::1]:6060", "127.0.0.1:0"} {
		assert.NoError(t, checkLoopback(ok), ok)
	}
	for _, bad := range []string{":6060", "0.0.0.0:6060", "192.168.1.5:6060", "localhost:6060", "127.0.0.1", "example.org:80"} {
		assert.Error(t, checkLoopback(bad), bad)
	}
	o := opsFlags{logFormat: "text", shutdownTimeout: 1, pprofAddr: "0.0.0.0:6060"}
	assert.Error(t, o.check())
	o.pprofAddr = ""
	assert.NoError(t, o.check())
}
