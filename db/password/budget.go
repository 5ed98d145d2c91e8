package password

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// DefaultMemoryBudget is the memory, in KiB, that all the argon2id hashes
// running at once may take together: 256 MiB, four hashes of DefaultParams.
// Without a bound every parallel sign-in takes its own 64 MiB, and a burst of
// them exhausts the server.
const DefaultMemoryBudget = 256 * 1024

// MaxHashWait is how long a hash waits for room in the budget before the
// request is answered busy (503, come back shortly).
var MaxHashWait = 2 * time.Second

// ErrBusy reports that the budget stayed full for MaxHashWait: the
// password was not checked.
var ErrBusy = domain.Errorf(domain.EUnavailable, "error.busy")

var budget = struct {
	sync.RWMutex
	size int64
	sem  *semaphore.Weighted
}{size: DefaultMemoryBudget, sem: semaphore.NewWeighted(DefaultMemoryBudget)}

// SetMemoryBudget sets the memory budget in KiB (zero or less restores the
// default). Call it at start-up, before any hashing.
func SetMemoryBudget(kib int64) {
	if kib <= 0 {
		kib = DefaultMemoryBudget
	}
	budget.Lock()
	defer budget.Unlock()
	budget.size, budget.sem = kib, semaphore.NewWeighted(kib)
}

// reserve waits, up to MaxHashWait or the end of ctx, for memory KiB of the
// budget, and returns the function that gives it back. A hash larger than
// the whole budget takes all of it, so it runs alone rather than never.
func reserve(ctx context.Context, memory uint32) (func(), error) {
	budget.RLock()
	sem, n := budget.sem, min(int64(memory), budget.size)
	budget.RUnlock()
	ctx, cancel := context.WithTimeout(ctx, MaxHashWait)
	defer cancel()
	if err := sem.Acquire(ctx, n); err != nil {
		return nil, ErrBusy
	}
	return func() { sem.Release(n) }, nil
}
