package conn

import (
	"context"
	"database/sql"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// groupFixture is a store with a table of its own, and a way to hold the
// committer on a first write while others queue behind it, so that the
// ones queued meanwhile are committed as one group.
type groupFixture struct {
	t       *testing.T
	c       *Conn
	release chan struct{}
	held    chan struct{}
	wg      sync.WaitGroup
}

func newGroupFixture(t *testing.T) *groupFixture {
	c := openTestConn(t)
	require.NoError(t, c.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`CREATE TABLE grouped_test (n INTEGER PRIMARY KEY, parent INTEGER REFERENCES grouped_test (n))`)
		return err
	}))
	return &groupFixture{t: t, c: c}
}

// hold makes the committer run a write that waits until letGo.
func (f *groupFixture) hold() {
	f.release, f.held = make(chan struct{}), make(chan struct{})
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		assert.NoError(f.t, f.c.Write(context.Background(), func(*sql.Tx) error {
			close(f.held)
			<-f.release
			return nil
		}))
	}()
	<-f.held
}

// queue starts n writes behind the held one and waits until they wait in
// the committer's queue; each one's outcome arrives on its channel.
func (f *groupFixture) queue(fns ...func(*sql.Tx) error) []chan error {
	out := make([]chan error, len(fns))
	for i, fn := range fns {
		out[i] = make(chan error, 1)
		go func() { out[i] <- f.c.Write(context.Background(), fn) }()
		waitQueued(f.c, i+1)
	}
	return out
}

func (f *groupFixture) letGo() {
	close(f.release)
	f.wg.Wait()
}

func insert(n int) func(*sql.Tx) error {
	return func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO grouped_test (n) VALUES (?)`, n)
		return err
	}
}

func (f *groupFixture) stored() []int {
	rows, err := f.c.Reader().Query(`SELECT n FROM grouped_test ORDER BY n`)
	require.NoError(f.t, err)
	var out []int
	require.NoError(f.t, Each("list", rows, nil, func(row Scanner) error {
		var n int
		err := row.Scan(&n)
		out = append(out, n)
		return err
	}))
	return out
}

func TestWritesWaitingTogetherAreCommittedTogetherAndAFailureUndoesOnlyItsOwn(t *testing.T) {
	f := newGroupFixture(t)
	commits, _ := f.c.WriteCommits()
	f.hold()
	refused := domain.Errorf(domain.EConflict, "test.refused")
	results := f.queue(insert(1), insert(2), func(tx *sql.Tx) error {
		if err := insert(3)(tx); err != nil {
			return err
		}
		return refused // after writing: its row must go with it
	}, insert(4), insert(4)) // the second 4 breaks the primary key
	f.letGo()

	assert.NoError(t, <-results[0])
	assert.NoError(t, <-results[1])
	assert.ErrorIs(t, <-results[2], refused)
	assert.NoError(t, <-results[3])
	dup := <-results[4]
	var coded *domain.Error
	require.ErrorAs(t, dup, &coded, "a SQLite error is translated, as Write always did")
	assert.Equal(t, domain.EConflict, coded.Code)
	assert.Equal(t, []int{1, 2, 4}, f.stored())
	after, writes := f.c.WriteCommits()
	assert.Equal(t, commits+2, after, "the held write, then the five queued behind it in one commit")
	assert.GreaterOrEqual(t, writes, int64(6))
}

func TestAFailedCommitFailsEveryWriteOfItsGroup(t *testing.T) {
	f := newGroupFixture(t)
	f.hold()
	results := f.queue(insert(1), func(tx *sql.Tx) error {
		// A deferred foreign key is checked at commit: the commit fails.
		if _, err := tx.Exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO grouped_test (n, parent) VALUES (2, 99)`)
		return err
	}, insert(3))
	f.letGo()
	for i, r := range results {
		assert.Error(t, <-r, "write %d", i)
	}
	assert.Empty(t, f.stored(), "nothing of the group is stored")
	require.NoError(t, f.c.Write(context.Background(), insert(5)), "the next write is not affected")
	assert.Equal(t, []int{5}, f.stored())
}

func TestAPanicInAGroupedWriteReachesItsCallerAndSparesTheOthers(t *testing.T) {
	f := newGroupFixture(t)
	f.hold()
	results := f.queue(insert(1), insert(2))
	caught := make(chan any, 1)
	go func() {
		defer func() { caught <- recover() }()
		_ = f.c.Write(context.Background(), func(tx *sql.Tx) error {
			_ = insert(3)(tx)
			panic("broken write")
		})
	}()
	waitQueued(f.c, 3)
	f.letGo()
	assert.Equal(t, "broken write", <-caught)
	assert.NoError(t, <-results[0])
	assert.NoError(t, <-results[1])
	assert.Equal(t, []int{1, 2}, f.stored())
}

func TestAWriteWhoseCallerGoesBeforeItsTurnIsNeverRun(t *testing.T) {
	f := newGroupFixture(t)
	f.hold()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.c.Write(ctx, insert(1)) }()
	waitQueued(f.c, 1)
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled, "answered while the committer is still busy: a readiness probe's deadline holds")
	f.letGo()
	require.NoError(t, f.c.Write(context.Background(), insert(2)))
	assert.Equal(t, []int{2}, f.stored(), "the abandoned write never ran")
}

func TestWritesAreCommittedInTheOrderTheyArrived(t *testing.T) {
	f := newGroupFixture(t)
	f.hold()
	var fns []func(*sql.Tx) error
	for i := range maxGroup {
		fns = append(fns, func(tx *sql.Tx) error {
			// Each write's parent is the one before it: out of order, the
			// foreign key refuses it.
			parent := sql.NullInt64{Int64: int64(i), Valid: i > 0}
			_, err := tx.Exec(`INSERT INTO grouped_test (n, parent) VALUES (?, ?)`, i+1, parent)
			return err
		})
	}
	results := f.queue(fns...)
	f.letGo()
	for i, r := range results {
		assert.NoError(t, <-r, "write %d", i)
	}
	assert.Len(t, f.stored(), maxGroup)
}

// waitQueued waits until n writes wait in the committer's queue: a write
// is handed over at once, as the committer is held.
func waitQueued(c *Conn, n int) {
	for len(c.group.jobs) < n {
		runtime.Gosched()
	}
}

func TestAClosedStoreRefusesWrites(t *testing.T) {
	c, err := Open(context.Background(), t.TempDir()+"/ccf.db", domain.SystemClock{})
	require.NoError(t, err)
	require.NoError(t, c.Close())
	err = c.Write(context.Background(), insert(1))
	assert.ErrorIs(t, err, errClosed)
}

func TestStatementsKeptInsideAWriteArePreparedBetweenWrites(t *testing.T) {
	f := newGroupFixture(t)
	query := `INSERT INTO grouped_test (n) VALUES (?)`
	write := func(n int) error {
		return f.c.Write(context.Background(), func(tx *sql.Tx) error {
			_, err := f.c.Writer().InTx(tx).ExecContext(context.Background(), query, n)
			return err
		})
	}
	require.NoError(t, write(1), "the first time, the statement runs as text: preparing it would wait for the transaction's own connection")
	_, kept := f.c.Writer().prepared.Load(query)
	assert.True(t, kept, "prepared once the write was done")
	require.NoError(t, write(2))
	assert.Equal(t, []int{1, 2}, f.stored())
}
