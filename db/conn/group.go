package conn

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Writes are grouped: every write transaction is handed to one committer,
// which takes the writes waiting at that moment, runs each in a savepoint
// of one transaction and commits them together. A commit with
// synchronous=FULL costs a sync of the log whatever it holds, so under a
// burst (a Chamber session's decisions, a lawyer's batch of filings, many
// people saving at once) the cost is shared instead of paid once per
// write, and writers are served in the order they arrived: database/sql
// hands a free connection to a random waiter, which let one save wait
// behind hundreds. Nobody is answered before the commit that holds their
// write: a write that fails rolls back its own savepoint only; a commit
// that fails fails every write it held.

// maxGroup bounds the writes one commit holds, so that the last of them
// does not wait for hundreds before it.
const maxGroup = 64

// writeJob is one write waiting for the committer.
type writeJob struct {
	ctx   context.Context
	fn    func(*sql.Tx) error
	alone bool // run in a transaction of its own (bulk loads)
	done  chan error
	// state moves from queued to started when the committer takes the
	// write, or to abandoned when its caller stops waiting first; a write
	// abandoned is never run, a write started is always awaited.
	state atomic.Int32
}

const (
	jobQueued int32 = iota
	jobStarted
	jobAbandoned
)

// panicked carries a panic of a write's function back to its caller, who
// panics with it: the committer itself must keep running.
type panicked struct{ value any }

func (p panicked) Error() string { return fmt.Sprintf("write panicked: %v", p.value) }

// committer runs the grouped writes on the single write connection.
type committer struct {
	pool *Pool
	jobs chan *writeJob
	stop chan struct{}
	done sync.WaitGroup
	// mu makes closing wait for writes being handed over, so that none is
	// handed to a committer that has stopped and left unanswered.
	mu     sync.RWMutex
	closed bool
	// commits and writes count the transactions committed and the writes
	// they held, for the metrics.
	commits, writes atomic.Int64
	// ended counts the transactions ended, committed or not (Generation).
	ended atomic.Uint64
}

var errClosed = errors.New("store closed")

func startCommitter(pool *Pool) *committer {
	c := &committer{pool: pool, jobs: make(chan *writeJob, maxGroup), stop: make(chan struct{})}
	c.done.Add(1)
	go c.run()
	return c
}

// submit hands fn to the committer and waits for its outcome. If ctx ends
// while the write still waits its turn, it is abandoned and never runs;
// once the committer has started it, its outcome is awaited whatever ctx
// does, because it may be committed: the caller must never be told
// otherwise.
func (c *committer) submit(ctx context.Context, fn func(*sql.Tx) error, alone bool) error {
	j := &writeJob{ctx: ctx, fn: fn, alone: alone, done: make(chan error, 1)}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return Failed("begin write", errClosed)
	}
	select {
	case c.jobs <- j:
		c.mu.RUnlock()
	case <-ctx.Done():
		c.mu.RUnlock()
		return Failed("begin write", ctx.Err())
	}
	var err error
	select {
	case err = <-j.done:
	case <-ctx.Done():
		if j.state.CompareAndSwap(jobQueued, jobAbandoned) {
			return Failed("begin write", ctx.Err())
		}
		err = <-j.done
	}
	if p, ok := err.(panicked); ok {
		panic(p.value)
	}
	return err
}

// close stops the committer once the writes handed to it are done.
func (c *committer) close() {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	c.mu.Unlock()
	close(c.stop)
	c.done.Wait()
}

func (c *committer) run() {
	defer c.done.Done()
	for {
		select {
		case j := <-c.jobs:
			c.runGroup(c.gather(j))
		case <-c.stop:
			for {
				select {
				case j := <-c.jobs:
					c.runGroup(c.gather(j))
				default:
					return
				}
			}
		}
	}
}

// gather takes, after first, the writes already waiting, up to maxGroup;
// it never waits for more. A write that must run alone ends the group
// (or is its only member).
func (c *committer) gather(first *writeJob) []*writeJob {
	group := []*writeJob{first}
	if first.alone {
		return group
	}
	for len(group) < maxGroup {
		select {
		case j := <-c.jobs:
			if j.alone {
				c.runGroup(group)
				return []*writeJob{j}
			}
			group = append(group, j)
		default:
			return group
		}
	}
	return group
}

// runGroup runs a group in one transaction and tells each write its
// outcome once the commit is done.
func (c *committer) runGroup(group []*writeJob) {
	results := make([]error, len(group))
	tx, err := c.pool.BeginTx(context.Background(), nil)
	if err != nil {
		for i := range results {
			results[i] = Failed("begin write", err)
		}
		deliver(group, results)
		return
	}
	ok := c.runAll(tx, group, results)
	if !ok {
		tx.Rollback()
	} else if err := tx.Commit(); err != nil {
		failGroup(results, Failed("commit", err))
	} else {
		c.commits.Add(1)
		c.writes.Add(int64(len(group)))
	}
	c.ended.Add(1)
	// Statements first met in this group are prepared before anyone is
	// answered, while no transaction holds the connection.
	c.pool.prepareWanted(context.Background())
	deliver(group, results)
}

// WriteCommits reports how many write transactions the store committed
// and how many writes they held: the second over the first is the mean
// group size.
func (db *Conn) WriteCommits() (commits, writes int64) {
	return db.group.commits.Load(), db.group.writes.Load()
}

// runAll runs each write of the group in tx, filling results. A single
// write needs no savepoint: if it fails the whole transaction is rolled
// back. It returns false when the transaction must be rolled back.
func (c *committer) runAll(tx *sql.Tx, group []*writeJob, results []error) bool {
	if len(group) == 1 {
		results[0] = runWrite(tx, group[0])
		return results[0] == nil
	}
	anyDone := false
	for i, j := range group {
		if _, err := tx.Exec(`SAVEPOINT grouped`); err != nil {
			return failGroup(results, Failed("begin write", err))
		}
		results[i] = runWrite(tx, j)
		undo := `RELEASE grouped`
		if results[i] != nil {
			undo = `ROLLBACK TO grouped; RELEASE grouped`
		}
		if _, err := tx.Exec(undo); err != nil {
			// SQLite may end the whole transaction on some errors (a full
			// disk, an I/O error): nothing of the group is kept.
			return failGroup(results, Failed("write", err))
		}
		anyDone = anyDone || results[i] == nil
	}
	return anyDone
}

// failGroup gives err to every write of the group that has not failed on
// its own already, and asks for a rollback.
func failGroup(results []error, err error) bool {
	for i, r := range results {
		if r == nil {
			results[i] = err
		}
	}
	return false
}

// runWrite runs one write's function, unless its caller has gone, and
// translates an error that is not an application error yet, as Write
// always has.
func runWrite(tx *sql.Tx, j *writeJob) (err error) {
	if !j.state.CompareAndSwap(jobQueued, jobStarted) {
		return Failed("write", context.Canceled) // abandoned: nobody waits for it
	}
	if err := j.ctx.Err(); err != nil {
		return Failed("write", err)
	}
	defer func() {
		if v := recover(); v != nil {
			err = panicked{v}
		}
	}()
	if err := j.fn(tx); err != nil {
		var coded *domain.Error
		if !errors.As(err, &coded) {
			return Failed("write", err)
		}
		return err
	}
	return nil
}

func deliver(group []*writeJob, results []error) {
	for i, j := range group {
		j.done <- results[i]
	}
}
