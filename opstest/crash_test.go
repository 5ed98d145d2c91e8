package opstest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The crash harness. Writers -- browsers of their own, each with an
// account -- register, sign in, answer sections, upload documents and
// submit requests against the real binary, while the harness kills it with
// SIGKILL after a random number of acknowledged writes, over and over.
// After every restart it reads back everything the writers saw
// acknowledged (a 303 after a save, an upload, a submission): answers from
// the pages, uploads by the SHA-256 of the downloaded file. A write whose
// answer never came (in doubt at the kill) may be there or not, but if it
// is, it must be whole; anything else on the pages is half-written.
//
// CCF_CRASH_ROUNDS sets the number of kills (default 20), CCF_CRASH_SEED
// the random seed (printed, to replay a run).
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash harness kills and restarts the real binary 20 times; run it without -short")
	}
	rounds := envInt(t, "CCF_CRASH_ROUNDS", 20)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CCF_CRASH_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		require.NoError(t, err, "CCF_CRASH_SEED")
		seed = v
	}
	t.Logf("crash harness: %d rounds, %d writers, seed %d (CCF_CRASH_SEED to replay)", rounds, crashWriters, seed)
	rng := rand.New(rand.NewPCG(seed, 0x63636670))
	data := t.TempDir()
	hasCheck := binaryHasCheck(t)
	tally := &tally{}
	writers := make([]*writer, crashWriters)
	for i := range writers {
		writers[i] = &writer{id: i, email: fmt.Sprintf("writer%d@crash.example", i), tally: tally, sent: map[string]bool{}, data: data,
			rng: rand.New(rand.NewPCG(rng.Uint64(), uint64(i)))}
	}

	start := time.Now()
	for round := 1; round <= rounds; round++ {
		p := startPortal(t, data)
		for _, w := range writers {
			w.setBase(p.base)
		}
		if round > 1 {
			verifyAll(t, writers, false)
			checkIntegrity(t, data)
		}
		target := tally.acked() + 3 + rng.Int64N(8*crashWriters)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for _, w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.run(ctx)
			}()
		}
		// Kill after a random number of acknowledged writes: a moment
		// when the other writers are somewhere inside their requests.
		if !waitFor(ctx, 60*time.Second, func() bool { return tally.acked() >= target || tally.failed() }) {
			t.Logf("round %d: no progress to %d acknowledged writes in 60 s; killing anyway", round, target)
		}
		p.kill()
		cancel()
		wg.Wait()
		t.Logf("round %2d: SIGKILL after %4d acknowledged writes in all (%s)", round, tally.acked(),
			time.Since(start).Round(100*time.Millisecond))
		for _, w := range writers {
			require.Empty(t, w.failures, "writer %d saw answers no crash explains", w.id)
		}
		require.Empty(t, p.errorLines(), "round %d: the portal logged errors", round)
		if hasCheck {
			runCheck(t, data)
		}
	}

	// The last start: every acknowledged write of every round, read back;
	// then a graceful stop, which must checkpoint and exit 0.
	p := startPortal(t, data)
	for _, w := range writers {
		w.setBase(p.base)
	}
	verifyAll(t, writers, true)
	checkIntegrity(t, data)
	require.Equal(t, 0, p.terminate(t, 60*time.Second), "graceful stop after the last round:\n%s", p.logs.String())
	require.Empty(t, p.errorLines())
	if hasCheck {
		runCheck(t, data)
	}
	checkIntegrity(t, data)

	t.Logf("crash harness: %d rounds in %s; %s", rounds, time.Since(start).Round(time.Second), tally)
	require.Zero(t, tally.lost.Load(), "acknowledged writes lost: %s", tally.lostList())
	require.Zero(t, tally.broken.Load(), "half-written or unknown data visible: %s", tally.lostList())
}

const crashWriters = 8

func envInt(t *testing.T, key string, def int) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	require.NoError(t, err, key)
	require.Positive(t, n, key)
	return n
}

// tally counts what the writers saw acknowledged, what was verified, and
// what was lost or found broken.
type tally struct {
	accounts, drafts, answers, uploads, submissions atomic.Int64
	inDoubt, doubtKept                              atomic.Int64
	lost, broken                                    atomic.Int64
	failures                                        atomic.Int64
	mu                                              sync.Mutex
	problems                                        []string
}

func (t *tally) acked() int64 {
	return t.accounts.Load() + t.drafts.Load() + t.answers.Load() + t.uploads.Load() + t.submissions.Load()
}

func (t *tally) failed() bool { return t.failures.Load() > 0 }

func (t *tally) problem(counter *atomic.Int64, format string, args ...any) {
	counter.Add(1)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.problems = append(t.problems, fmt.Sprintf(format, args...))
}

func (t *tally) lostList() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.problems, "; ")
}

func (t *tally) String() string {
	return fmt.Sprintf("%d acknowledged writes (accounts %d, drafts %d, answers %d, uploads %d, submissions %d), "+
		"%d lost, %d broken; %d in doubt at the kills (%d found whole, %d never committed)",
		t.acked(), t.accounts.Load(), t.drafts.Load(), t.answers.Load(), t.uploads.Load(), t.submissions.Load(),
		t.lost.Load(), t.broken.Load(), t.inDoubt.Load(), t.doubtKept.Load(), t.inDoubt.Load()-t.doubtKept.Load())
}

// checkedFields are the answers read back from each section's page: a
// text field the writers give a fresh value at every save.
var checkedFields = map[string]string{"applicant": "full_name", "id-document": "id_number",
	"contact": "contact_phone", "data": "learned_details"}

// writer is one person: an account and the requests it files, one at a
// time. Its fields are only touched by its own goroutine, or by the
// harness between rounds.
type writer struct {
	id       int
	email    string
	b        *browser
	rng      *rand.Rand
	tally    *tally
	failures []string

	registered bool // acknowledged
	verified   bool // the confirmation link was followed
	data       string
	drafts     []*draft
	cur        *draft // the request being written, nil between two
	seq        int
	// sent is every value a checked field was ever sent with: a new draft
	// starts from the answers of the writer's earlier filing.
	sent map[string]bool
}

// draft is what a writer knows of one of its requests.
type draft struct {
	path     string
	answers  map[string]string // checked field -> acknowledged value
	doubt    map[string]string // checked field -> value sent, answer never came
	saved    map[string]bool   // sections acknowledged at least once
	docs     map[string]bool   // SHA-256 of acknowledged uploads
	doubtDoc string            // SHA-256 of an upload in doubt
	// submitted is acknowledged; doubtSubmit: sent, answer never came.
	submitted, doubtSubmit bool
	touched                bool // written to since the last verification
	history                []string
}

func (d *draft) note(format string, args ...any) {
	d.history = append(d.history, fmt.Sprintf(format, args...))
}

func (w *writer) setBase(base string) {
	if w.b == nil {
		w.b = newBrowser(base)
	}
	w.b.base = base
}

// run writes until the portal dies under it (a connection error) or ctx
// ends. An answer other than the expected one is a failure.
func (w *writer) run(ctx context.Context) {
	for first := true; ctx.Err() == nil; first = false {
		err := w.step(first)
		if err == nil {
			continue
		}
		if isStatusError(err) {
			w.failures = append(w.failures, err.Error())
			w.tally.failures.Add(1)
		}
		return
	}
}

// step makes one write; the first of a round checks the session first.
func (w *writer) step(first bool) error {
	if first || !w.registered {
		ok, err := w.b.signedIn()
		if err != nil {
			return err
		}
		if !ok {
			return w.signIn()
		}
	}
	if w.cur == nil {
		path, err := w.b.startDraft()
		if err != nil {
			return err
		}
		w.cur = &draft{path: path, answers: map[string]string{}, doubt: map[string]string{},
			saved: map[string]bool{}, docs: map[string]bool{}, touched: true}
		w.drafts = append(w.drafts, w.cur)
		w.tally.drafts.Add(1)
		return nil
	}
	d := w.cur
	d.touched = true
	for _, s := range accessSections[1:] { // a petitioner's representation is answered already
		if !d.saved[s] {
			return w.save(d, s)
		}
	}
	switch r := w.rng.IntN(100); {
	case len(d.docs) == 0:
		return w.upload(d, "identity")
	case r < 45:
		return w.save(d, []string{"applicant", "id-document", "contact", "data"}[w.rng.IntN(4)])
	case r < 80 && len(d.docs) < 4:
		return w.upload(d, "supporting")
	default:
		return w.submit(d)
	}
}

// signIn signs in, registering first if the account was never
// acknowledged. An acknowledged account that cannot sign in is lost.
func (w *writer) signIn() error {
	if !w.registered {
		if err := w.b.register(w.email); err != nil {
			return err
		}
		w.registered = true
		w.tally.accounts.Add(1)
	}
	err := w.b.login(w.email)
	if isStatusError(err) {
		w.tally.problem(&w.tally.lost, "writer %d: acknowledged account cannot sign in: %v", w.id, err)
	}
	return err
}

// fresh is a new value for a checked field, unique to this writer and save.
func (w *writer) fresh(field string) string {
	w.seq++
	switch field {
	case "full_name":
		return fmt.Sprintf("Amal Haddad W%d S%d", w.id, w.seq)
	case "id_number":
		return fmt.Sprintf("W%dN%06d", w.id, w.seq)
	case "contact_phone":
		return fmt.Sprintf("+49 30 %d%06d", w.id+1, w.seq)
	default:
		return fmt.Sprintf("Stopped at the border, writer %d, save %d.", w.id, w.seq)
	}
}

func (w *writer) save(d *draft, section string) error {
	values := accessAnswers()[section]
	field, checked := checkedFields[section]
	if checked {
		values.Set(field, w.fresh(field))
		d.doubt[field] = values.Get(field)
		w.sent[values.Get(field)] = true
	}
	d.note("send %s=%q", field, values.Get(field))
	if err := w.b.saveSection(d.path, section, values); err != nil {
		d.note("error %v", err)
		return err
	}
	d.note("acked")
	if checked {
		d.answers[field] = values.Get(field)
		delete(d.doubt, field)
	}
	d.saved[section] = true
	w.tally.answers.Add(1)
	return nil
}

func (w *writer) upload(d *draft, docType string) error {
	content := make([]byte, 1024+w.rng.IntN(190<<10))
	for i := range content {
		content[i] = byte(w.rng.Uint32())
	}
	content = append(append([]byte("%PDF-1.4\n"), content...), "\n%%EOF\n"...)
	sum := sha256.Sum256(content)
	d.doubtDoc = hex.EncodeToString(sum[:])
	if err := w.b.uploadDocument(d.path, docType, docType+".pdf", bytes.NewReader(content)); err != nil {
		return err
	}
	d.docs[d.doubtDoc] = true
	d.doubtDoc = ""
	w.tally.uploads.Add(1)
	return nil
}

func (w *writer) submit(d *draft) error {
	// Submitting needs the address confirmed, by the link the portal
	// wrote to its outbox folder; until it is there, the writer does
	// something else.
	if !w.verified {
		err := w.b.confirmAddress(w.data, w.email)
		if errors.Is(err, errNoMailYet) {
			return nil
		} else if err != nil {
			return err
		}
		w.verified = true
	}
	d.doubtSubmit = true
	if err := w.b.submitDraft(d.path); err != nil {
		return err
	}
	d.doubtSubmit, d.submitted = false, true
	w.cur = nil
	w.tally.submissions.Add(1)
	return nil
}

// verifyAll reads back the writers' requests: those written to since the
// last verification, or all of them.
func verifyAll(t *testing.T, writers []*writer, all bool) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, len(writers))
	for i, w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w.verify(all)
		}()
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
}

func (w *writer) verify(all bool) error {
	if w.b == nil || !w.registered {
		return nil
	}
	if ok, err := w.b.signedIn(); err != nil {
		return err
	} else if !ok {
		if err := w.signIn(); err != nil {
			return fmt.Errorf("writer %d: sign in to verify: %w", w.id, err)
		}
	}
	for _, d := range w.drafts {
		if all || d.touched {
			if err := w.verifyDraft(d); err != nil {
				return fmt.Errorf("writer %d, %s: %w", w.id, d.path, err)
			}
			d.touched = false
		}
	}
	return nil
}

var (
	submittedBanner = regexp.MustCompile(`Request submitted with reference CCF-\d{4}-\d{6}`)
	inputValue      = func(name string) *regexp.Regexp {
		return regexp.MustCompile(`name="` + name + `" value="([^"]*)"`)
	}
	textareaValue = func(name string) *regexp.Regexp {
		return regexp.MustCompile(`name="` + name + `"[^>]*>([^<]*)</textarea>`)
	}
)

// verifyDraft checks one request against what its writer saw acknowledged,
// and settles what was in doubt.
func (w *writer) verifyDraft(d *draft) error {
	casePage, err := w.b.get(d.path)
	if err != nil {
		return err
	}
	if casePage.status != http.StatusOK {
		return &statusError{what: "case page", page: casePage}
	}
	filed := submittedBanner.MatchString(casePage.body)
	switch {
	case d.submitted && !filed:
		w.tally.problem(&w.tally.lost, "%s: acknowledged submission is a draft again", d.path)
	case d.doubtSubmit:
		w.tally.inDoubt.Add(1)
		d.doubtSubmit = false
		if filed {
			w.tally.doubtKept.Add(1)
			d.submitted = true
			w.tally.submissions.Add(1)
			if w.cur == d {
				w.cur = nil
			}
		}
	}
	if err := w.verifyAnswers(d, filed, casePage.body); err != nil {
		return err
	}
	docsPage := casePage
	if !filed {
		if docsPage, err = w.b.get(d.path + "/documents"); err != nil {
			return err
		}
		if docsPage.status != http.StatusOK {
			return &statusError{what: "documents page", page: docsPage}
		}
	}
	return w.verifyDocs(d, docsPage.body)
}

func (w *writer) verifyAnswers(d *draft, filed bool, casePage string) error {
	for section, field := range checkedFields {
		want, acked := d.answers[field]
		doubt, inDoubt := d.doubt[field]
		if !acked && !inDoubt {
			continue
		}
		var got string
		if filed {
			// A filed request shows its answers on its page.
			switch {
			case acked && strings.Contains(casePage, html.EscapeString(want)):
				got = want
			case inDoubt && strings.Contains(casePage, html.EscapeString(doubt)):
				got = doubt
			}
		} else {
			p, err := w.b.get(d.path + "/section/" + section)
			if err != nil {
				return err
			}
			re := inputValue(field)
			if field == "learned_details" {
				re = textareaValue(field)
			}
			m := re.FindStringSubmatch(p.body)
			if p.status != http.StatusOK || m == nil {
				return &statusError{what: "section " + section, page: p}
			}
			got = html.UnescapeString(m[1])
		}
		d.note("verify %s: acked %q doubt %q got %q", field, want, doubt, got)
		switch {
		case inDoubt && got == doubt:
			w.tally.inDoubt.Add(1)
			w.tally.doubtKept.Add(1)
			w.tally.answers.Add(1)
			d.answers[field] = doubt
			d.saved[section] = true
		case acked && got == want:
			if inDoubt {
				w.tally.inDoubt.Add(1)
			}
		case acked:
			w.tally.problem(&w.tally.lost, "%s %s: acknowledged %q, read back %q", d.path, field, want, got)
		default:
			if got != "" && !w.sent[got] {
				w.tally.problem(&w.tally.broken, "%s %s: never sent %q (%s)", d.path, field, got, strings.Join(d.history, " | "))
			}
			w.tally.inDoubt.Add(1)
		}
		delete(d.doubt, field)
	}
	return nil
}

func (w *writer) verifyDocs(d *draft, listing string) error {
	found := map[string]int{}
	for _, m := range docLink.FindAllStringSubmatch(listing, -1) {
		sum, err := w.b.download(m[1])
		if err != nil {
			// The portal is up while it is verified: any failure counts.
			w.tally.problem(&w.tally.broken, "%s: listed document %s cannot be read whole: %v", d.path, m[1], err)
			continue
		}
		found[sum]++
	}
	for sum := range d.docs {
		if found[sum] != 1 {
			w.tally.problem(&w.tally.lost, "%s: acknowledged upload %.12s found %d times", d.path, sum, found[sum])
		}
		delete(found, sum)
	}
	if d.doubtDoc != "" {
		w.tally.inDoubt.Add(1)
		if n := found[d.doubtDoc]; n > 0 {
			w.tally.doubtKept.Add(1)
			w.tally.uploads.Add(1)
			d.docs[d.doubtDoc] = true
			delete(found, d.doubtDoc)
		}
		d.doubtDoc = ""
	}
	for sum := range found {
		w.tally.problem(&w.tally.broken, "%s: a document nobody uploaded (SHA-256 %.12s)", d.path, sum)
	}
	return nil
}

// checkIntegrity runs SQLite's own checks on the store through a
// connection of its own. It never checkpoints: while the portal runs, its
// connections stay open, and after it stopped the WAL is already empty.
func checkIntegrity(t *testing.T, data string) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(data, "ccf.db")+"?_pragma=busy_timeout(10000)&mode=ro")
	require.NoError(t, err)
	defer conn.Close()
	var result string
	require.NoError(t, conn.QueryRow(`PRAGMA integrity_check`).Scan(&result))
	require.Equal(t, "ok", result, "PRAGMA integrity_check")
	rows, err := conn.Query(`PRAGMA foreign_key_check`)
	require.NoError(t, err)
	defer rows.Close()
	require.False(t, rows.Next(), "PRAGMA foreign_key_check finds rows pointing nowhere")
	require.NoError(t, rows.Err())
}

// binaryHasCheck reports whether this build has `ccfportal check`.
func binaryHasCheck(t *testing.T) bool {
	out, _ := exec.Command(portalBinary(t), "help").CombinedOutput()
	return regexp.MustCompile(`(?m)^\s*ccfportal check\b`).Match(out)
}

// runCheck runs `ccfportal check -data DIR` on the stopped portal's data.
func runCheck(t *testing.T, data string) {
	t.Helper()
	out, err := exec.Command(portalBinary(t), "check", "-data", data).CombinedOutput()
	require.NoError(t, err, "ccfportal check:\n%s", out)
}
