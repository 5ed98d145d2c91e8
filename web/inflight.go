package web

import "sync"

// inFlight counts what must end before the store may close: requests being
// handled and the server's background work. Unlike a WaitGroup it may
// start counting again while someone waits, as a request read just before
// a shutdown's deadline does.
type inFlight struct {
	mu   sync.Mutex
	n    int
	done chan struct{} // closed when n drops to zero; nil while nobody waits
}

func (f *inFlight) begin() {
	f.mu.Lock()
	f.n++
	f.mu.Unlock()
}

func (f *inFlight) end() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n--
	if f.n == 0 && f.done != nil {
		close(f.done)
		f.done = nil
	}
}

// idle is closed once nothing is in flight.
func (f *inFlight) idle() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		ch := make(chan struct{})
		close(ch)
		return ch
	}
	if f.done == nil {
		f.done = make(chan struct{})
	}
	return f.done
}
