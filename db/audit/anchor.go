package audit

import (
	"bufio"
	"context"
	"crypto/hmac"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/keys"
)

// The chain alone shows an altered entry, but not entries removed from
// its end, nor a chain recomputed after an edit by someone who can write
// the database. Checkpoints close both: the head of the chain (its last
// id and hash) is appended, now and then, to a file outside the database,
// each line with a MAC under a key derived from the portal's encryption
// key. Whoever holds only the data cannot forge a line, and a chain that
// no longer holds a checkpointed entry, or holds it with another hash,
// was cut or rewritten.

// checkpointPurpose keys the MAC of a checkpoint line.
const checkpointPurpose = "audit-checkpoint"

// Checkpoint is one line of the anchor file: the chain's head at a time.
type Checkpoint struct {
	ID   int64
	Hash string
	At   int64
}

func (c Checkpoint) mac(r *keys.Ring) string {
	return r.Tag(checkpointPurpose, strconv.FormatInt(c.ID, 10), c.Hash, strconv.FormatInt(c.At, 10))
}

// WriteCheckpoint appends the chain's head to the anchor file at path
// (created 0600), unless the file's last line already names it, and
// syncs the file. It returns whether it wrote a line.
func (db Log) WriteCheckpoint(ctx context.Context, path string) (bool, error) {
	if !db.Keys.Loaded() {
		return false, keys.ErrNoKeys
	}
	var head Checkpoint
	err := db.Reader().QueryRowContext(ctx, `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&head.ID, &head.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, conn.Failed("read head of audit chain", err)
	}
	lines, err := readAnchor(path)
	if err != nil {
		return false, err
	}
	if n := len(lines); n > 0 && lines[n-1].cp.ID == head.ID && lines[n-1].cp.Hash == head.Hash {
		return false, nil
	}
	head.At = db.Clock.Now().Unix()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return false, fmt.Errorf("open audit anchor: %w", err)
	}
	_, werr := fmt.Fprintf(f, "%d %s %d %s\n", head.ID, head.Hash, head.At, head.mac(db.Keys))
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return false, fmt.Errorf("write audit anchor: %w", err)
	}
	return true, nil
}

// anchorLine is a line of the anchor file as read, with its MAC.
type anchorLine struct {
	cp  Checkpoint
	mac string
	ok  bool // the line has the four fields
}

// readAnchor reads the anchor file; a missing file has no lines.
func readAnchor(path string) ([]anchorLine, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("open audit anchor: %w", err)
	}
	defer f.Close()
	var out []anchorLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, parseAnchorLine(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read audit anchor: %w", err)
	}
	return out, nil
}

func parseAnchorLine(s string) anchorLine {
	f := strings.Fields(s)
	if len(f) != 4 {
		return anchorLine{}
	}
	id, err1 := strconv.ParseInt(f[0], 10, 64)
	at, err2 := strconv.ParseInt(f[2], 10, 64)
	if err1 != nil || err2 != nil {
		return anchorLine{}
	}
	return anchorLine{cp: Checkpoint{ID: id, Hash: f[1], At: at}, mac: f[3], ok: true}
}

// AnchorReport is the result of checking the chain against the anchor.
type AnchorReport struct {
	Checkpoints int    // lines checked
	Last        int64  // the id of the last checkpoint; 0 if none
	Problem     string // what is wrong, in plain English; empty if all holds
}

// OK reports whether every checkpoint holds.
func (r AnchorReport) OK() bool { return r.Problem == "" }

// VerifyAnchor checks every line of the anchor file at path: its MAC, and
// that the chain still holds its entry with its hash. It stops at the
// first problem. Entries added after the last checkpoint are covered only
// by the chain itself.
func (db Log) VerifyAnchor(ctx context.Context, path string) (AnchorReport, error) {
	if !db.Keys.Loaded() {
		return AnchorReport{}, keys.ErrNoKeys
	}
	lines, err := readAnchor(path)
	if err != nil {
		return AnchorReport{}, err
	}
	var rep AnchorReport
	for i, l := range lines {
		if !l.ok || !hmac.Equal([]byte(l.mac), []byte(l.cp.mac(db.Keys))) {
			rep.Problem = fmt.Sprintf("line %d of the anchor file is not one the portal wrote (altered, forged, or written under other keys)", i+1)
			return rep, nil
		}
		if l.cp.ID < rep.Last {
			rep.Problem = fmt.Sprintf("line %d of the anchor file goes back in the chain", i+1)
			return rep, nil
		}
		var hash string
		err := db.Reader().QueryRowContext(ctx, `SELECT hash FROM audit_log WHERE id = ?`, l.cp.ID).Scan(&hash)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			rep.Problem = fmt.Sprintf("entry %d, checkpointed, is gone: entries were removed from the end of the log", l.cp.ID)
			return rep, nil
		case err != nil:
			return AnchorReport{}, conn.Failed("read checkpointed audit entry", err)
		case hash != l.cp.Hash:
			rep.Problem = fmt.Sprintf("entry %d no longer has the hash it had when checkpointed: the chain was rewritten", l.cp.ID)
			return rep, nil
		}
		rep.Checkpoints++
		rep.Last = l.cp.ID
	}
	return rep, nil
}
