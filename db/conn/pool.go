package conn

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// maxPrepared bounds the statements a pool keeps prepared. The store's
// SQL is written in the code, so the hot statements are a few dozen; the
// bound only keeps queries built from filters (the queue's, the
// statistics') from growing the cache without end: past it, a statement
// runs unprepared as before.
const maxPrepared = 512

// Pool is a connection pool whose statements are prepared once and kept:
// SQLite spends most of a short query parsing and planning it, and the
// driver does that again for every call it is given as text. A kept
// statement is prepared on each connection the first time it runs there
// (database/sql does that), so every connection of the pool can run it.
//
// Only statements run on the pool itself are kept. A transaction runs
// its statements as text: a kept statement run again inside the same
// transaction while its earlier rows are still being read would reset
// them.
type Pool struct {
	*sql.DB
	prepared sync.Map // query text -> *sql.Stmt
	kept     atomic.Int32
	// wanted are statements first met inside a transaction. Preparing on
	// the pool there would wait for a connection the transaction itself
	// holds (the writer has one), so they run as text until the committer,
	// between transactions, prepares them (prepareWanted).
	wanted sync.Map // query text -> struct{}
}

func newPool(db *sql.DB) *Pool { return &Pool{DB: db} }

// stmt returns the kept statement for query, preparing it the first
// time, or nil when it cannot be kept (the bound is reached, or preparing
// failed: the caller then runs the text, which reports the error).
func (p *Pool) stmt(ctx context.Context, query string) *sql.Stmt {
	if s, ok := p.prepared.Load(query); ok {
		return s.(*sql.Stmt)
	}
	if p.kept.Load() >= maxPrepared {
		return nil
	}
	s, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if prev, loaded := p.prepared.LoadOrStore(query, s); loaded {
		s.Close()
		return prev.(*sql.Stmt)
	}
	p.kept.Add(1)
	return s
}

// QueryContext runs a query through its kept statement.
func (p *Pool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query through its kept statement.
func (p *Pool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement through its kept statement.
func (p *Pool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return p.DB.ExecContext(ctx, query, args...)
}

// Close closes the kept statements, then the pool.
func (p *Pool) Close() error {
	p.prepared.Range(func(_, s any) bool {
		s.(*sql.Stmt).Close()
		return true
	})
	return p.DB.Close()
}

// InTx is a transaction that runs its one-row queries and its statements
// through the pool's kept statements. Queries that return many rows are
// not offered: a kept statement run again in the transaction while its
// rows are still being read would reset them. tx must have been begun on
// this pool.
func (p *Pool) InTx(tx *sql.Tx) KeptTx { return KeptTx{tx: tx, pool: p} }

// KeptTx is what InTx returns.
type KeptTx struct {
	tx   *sql.Tx
	pool *Pool
}

// QueryRowContext runs a one-row query in the transaction.
func (k KeptTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := k.pool.keptOrWanted(query); s != nil {
		return k.tx.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return k.tx.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement in the transaction.
func (k KeptTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := k.pool.keptOrWanted(query); s != nil {
		return k.tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	return k.tx.ExecContext(ctx, query, args...)
}

// keptOrWanted returns the kept statement for query, or nil after noting
// that it is wanted.
func (p *Pool) keptOrWanted(query string) *sql.Stmt {
	if s, ok := p.prepared.Load(query); ok {
		return s.(*sql.Stmt)
	}
	if p.kept.Load() < maxPrepared {
		p.wanted.Store(query, struct{}{})
	}
	return nil
}

// prepareWanted prepares the statements met in transactions so far. It
// must run outside any transaction of the pool.
func (p *Pool) prepareWanted(ctx context.Context) {
	p.wanted.Range(func(q, _ any) bool {
		p.wanted.Delete(q)
		p.stmt(ctx, q.(string))
		return true
	})
}
