package seed

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// Options say how much fictional data to make.
type Options struct {
	N     int  // requests to make
	Force bool // seed even though the store holds real filings
	// Blobs stores the seeded documents; nil makes requests without files.
	Blobs *blob.Store
	// MaxDocumentCases caps how many requests (the most recent) get files,
	// since every file is encrypted and synced to disk on its own.
	MaxDocumentCases int
	// RandSeed makes the data reproducible.
	RandSeed uint64
	// Years makes every year from FirstYear to now at the CCF's volumes
	// and shares instead of N requests, with a handful of published
	// decisions a year; Scale (0 means 1) shrinks or grows the volumes.
	Years bool
	Scale float64
}

// Report says what was made.
type Report struct {
	Requests, Documents, Decisions, Notices, Published int
}

// ErrRealFilings is returned when the store holds requests not made by
// the seed and Force is not set.
var ErrRealFilings = errors.New("the store holds real filings; refusing to add demo data (use --force to add them anyway)")

// Seed fills the store with opts.N realistic, clearly fictional requests of
// every kind and status, with their timelines, documents, decisions and
// notices, in one transaction. Every account it makes has an address at
// seed.invalid. It is only ever run by `ccfportal seed` and by tests.
func Seed(ctx context.Context, store *db.DB, opts Options) (Report, error) {
	if opts.N <= 0 && !opts.Years {
		return Report{}, fmt.Errorf("seed: -n must be at least 1")
	}
	if real, err := store.RealFilings(ctx); err != nil {
		return Report{}, err
	} else if real > 0 && !opts.Force {
		return Report{}, ErrRealFilings
	}
	now := store.Clock.Now()
	rng := rand.New(rand.NewPCG(opts.RandSeed, uint64(opts.N)))
	const staffCount, counselCount = 6, 30
	cases, persons := genCases(rng, now, opts, staffCount, counselCount)
	slices.SortFunc(cases, func(a, b seedCase) int { return a.submitted.Compare(b.submitted) })
	linkCases(rng, cases)
	docs, err := stageSeedDocuments(cases, opts)
	if err != nil {
		return Report{}, err
	}
	w := seedWriter{ctx: ctx, now: now, rng: rng, run: strconv.FormatInt(now.UnixNano(), 36), docs: docs, publish: opts.Years}
	err = store.BulkWrite(ctx, func(tx *sql.Tx) error { return w.write(tx, cases, persons, staffCount, counselCount) })
	if err != nil {
		for _, b := range docs {
			opts.Blobs.Discard(b)
		}
		return Report{}, err
	}
	if err := seedCertificates(ctx, store, opts.Blobs); err != nil {
		return w.report, err
	}
	if err := seedChamber(ctx, store); err != nil {
		return w.report, err
	}
	if err := seedDeadlines(ctx, store); err != nil {
		return w.report, err
	}
	return w.report, seedPaper(ctx, store, opts, &w.report)
}

// genCases invents the requests of opts and the people they are for.
func genCases(rng *rand.Rand, now time.Time, opts Options, staff, counsel int) ([]seedCase, []seedPerson) {
	if opts.Years {
		scale := opts.Scale
		if scale <= 0 {
			scale = 1
		}
		// About as many people as requests: most file once, some again.
		persons := genPersons(rng, max(1, int(16000*scale)*3/4), counsel)
		return genYears(rng, now, scale, len(persons), staff), persons
	}
	persons := genPersons(rng, max(1, opts.N*3/4), counsel)
	cases := make([]seedCase, opts.N)
	for i := range cases {
		cases[i] = genCase(rng, now, len(persons), staff)
	}
	return cases, persons
}

func genPersons(rng *rand.Rand, n, counsel int) []seedPerson {
	out := make([]seedPerson, n)
	for i := range out {
		p := seedPerson{name: fictionalName(rng), nationality: seedPick(rng, seedSources), counsel: -1,
			language: seedPick(rng, []string{"en", "en", "fr", "es", "ar"})}
		p.birth = fmt.Sprintf("%04d-%02d-%02d", 1950+rng.IntN(55), 1+rng.IntN(12), 1+rng.IntN(28))
		if rng.IntN(10) < 4 {
			p.counsel = rng.IntN(counsel)
		}
		out[i] = p
	}
	return out
}

// linkCases ties revisions to an earlier decided case and urgent requests
// to a pending deletion case of the same person, as real filings are.
func linkCases(rng *rand.Rand, cases []seedCase) {
	var decided, pending []int
	for i := range cases {
		c := &cases[i]
		switch c.kind {
		case domain.KindRevision:
			if j, ok := recentFit(rng, decided, func(j int) bool { return cases[j].decided.Before(c.submitted) }); ok {
				c.parent, c.person = j, cases[j].person
			}
		case domain.KindProvisional:
			if j, ok := recentFit(rng, pending, func(int) bool { return true }); ok {
				c.parent, c.person = j, cases[j].person
			}
		case domain.KindDeletion, domain.KindCorrection:
			if c.status.IsOpen() {
				pending = append(pending, i)
			}
		}
		if !c.decided.IsZero() && c.outcome != "" && c.outcome != outcome.Withdrawn && c.kind != domain.KindProvisional {
			decided = append(decided, i)
		}
	}
}

func recentFit(rng *rand.Rand, list []int, ok func(int) bool) (int, bool) {
	for try := 0; try < 5 && len(list) > 0; try++ {
		j := list[len(list)-1-rng.IntN(min(len(list), 500))]
		if ok(j) {
			return j, true
		}
	}
	return 0, false
}

// stageSeedDocuments encrypts the files of the most recent cases that have
// documents and publishes them before the transaction, as uploads are.
func stageSeedDocuments(cases []seedCase, opts Options) (map[string]*blob.Staged, error) {
	docs := map[string]*blob.Staged{}
	if opts.Blobs == nil {
		return docs, nil
	}
	budget := opts.MaxDocumentCases
	for i := len(cases) - 1; i >= 0 && budget > 0; i-- {
		if !cases[i].documents {
			continue
		}
		budget--
		for _, t := range seedDocTypes(cases[i]) {
			b, err := opts.Blobs.Stage(bytes.NewReader(filetype.MinimalPDF("Fictional "+string(t)+" for a demo case")), string(t)+".pdf", 1<<20)
			if err == nil {
				err = opts.Blobs.Publish(b)
			}
			if err != nil {
				for _, d := range docs {
					opts.Blobs.Discard(d)
				}
				return nil, err
			}
			docs[seedDocKey(i, t)] = b
		}
	}
	return docs, nil
}

func seedDocTypes(c seedCase) []domain.DocType {
	out := []domain.DocType{domain.DocIdentity, domain.DocSupporting}
	if c.outcome != "" && c.outcome != outcome.Withdrawn {
		out = append(out, domain.DocDecision)
	}
	return out
}

func seedDocKey(i int, t domain.DocType) string { return strconv.Itoa(i) + "/" + string(t) }
