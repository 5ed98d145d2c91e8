package password

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// withBudget sets the memory budget for one test.
func withBudget(t *testing.T, kib int64) {
	SetMemoryBudget(kib)
	t.Cleanup(func() { SetMemoryBudget(DefaultMemoryBudget) })
}

func TestAHashWaitsForRoomInTheBudgetAndThenIsBusy(t *testing.T) {
	withBudget(t, int64(FastParams.Memory))
	encoded, err := Hash("correct horse battery staple", FastParams)
	require.NoError(t, err)

	release, err := reserve(t.Context(), FastParams.Memory)
	require.NoError(t, err, "the test holds the only slot")
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err = HashContext(ctx, "correct horse battery staple", FastParams)
	assert.ErrorIs(t, err, ErrBusy, "a hash beyond the budget gives up when its request does")
	assert.Equal(t, domain.EUnavailable, domain.ErrorCode(err), "which is answered 503")
	_, err = VerifyContext(ctx, encoded, "correct horse battery staple")
	assert.ErrorIs(t, err, ErrBusy, "so does a check")

	release()
	ok, err := VerifyContext(t.Context(), encoded, "correct horse battery staple")
	require.NoError(t, err, "with the slot back the check runs")
	assert.True(t, ok)
}

func TestAHashLargerThanTheBudgetRunsAlone(t *testing.T) {
	withBudget(t, 512)
	_, err := Hash("correct horse battery staple", FastParams)
	assert.NoError(t, err)
}

// TestParallelSignInsStayWithinTheMemoryBudget checks 60 wrong passwords at
// once with the real parameters and the default budget, sampling the heap
// while they run: four hashes of 64 MiB at a time, not sixty.
func TestParallelSignInsStayWithinTheMemoryBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes 60 times with 64 MiB each")
	}
	withBudget(t, DefaultMemoryBudget)
	old := MaxHashWait
	MaxHashWait = time.Minute // every check runs, so the peak is of all of them
	t.Cleanup(func() { MaxHashWait = old })
	encoded := DummyHash(DefaultParams)
	runtime.GC()

	const n = 60
	start := make(chan struct{})
	done := make(chan struct{})
	var ready, finished sync.WaitGroup
	for range n {
		ready.Add(1)
		finished.Add(1)
		go func() {
			defer finished.Done()
			ready.Done()
			<-start
			ok, err := VerifyContext(context.Background(), encoded, "not the password at all")
			assert.NoError(t, err)
			assert.False(t, ok)
		}()
	}
	var peak uint64
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			default:
				runtime.Gosched()
			}
		}
	}()
	ready.Wait()
	close(start)
	finished.Wait()
	close(done)
	<-sampled
	t.Logf("peak heap in use: %d MiB", peak>>20)
	// The heap also holds the blocks of finished hashes until the collector
	// runs, up to the budget again with GOGC=100, and more while it lags
	// behind on a busy machine: 1 GiB is four hashes and their garbage;
	// sixty at once would be 3.75 GiB.
	assert.Less(t, peak, uint64(1<<30), "peak heap in use")
}
