package web

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInFlightIsIdleOnlyWhenEverythingEnded(t *testing.T) {
	var f inFlight
	assert.True(t, closed(f.idle()), "nothing started")
	f.begin()
	f.begin()
	idle := f.idle()
	assert.False(t, closed(idle))
	f.end()
	assert.False(t, closed(idle))
	f.begin() // a request read just before the deadline starts while someone waits
	f.end()
	assert.False(t, closed(idle))
	f.end()
	assert.True(t, closed(idle))
	assert.True(t, closed(f.idle()))
}

func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
