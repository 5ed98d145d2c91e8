package filetype

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"io"
	"strconv"
)

// Limits on one document.
const (
	pdfMaxObjects      = 500_000  // objects indexed, from the xref or the scan
	pdfMaxXrefSections = 64       // /Prev links followed
	pdfMaxStreamBytes  = 8 << 20  // one decoded object or xref stream
	pdfDecodeBudget    = 64 << 20 // all decoded streams of a document together
	pdfMaxObjStms      = 4        // decoded object streams kept at once
	pdfMaxPageNodes    = 200_000  // page tree nodes walked
	pdfMaxResolve      = 8        // references followed to reach one object
)

var (
	errPDFNotFound = errors.New("pdf: object not found")
	errPDFBudget   = errors.New("pdf: decoding budget spent")
	errPDFFilter   = errors.New("pdf: unsupported stream filter")
)

// pdfLoc is where an object lives: at an offset of the file, or as the
// index-th object of an object stream.
type pdfLoc struct {
	off        int64
	stream     int64
	compressed bool
	free       bool
}

// pdfObjStm is a decoded object stream: its data and where each object
// starts in it.
type pdfObjStm struct {
	data    []byte
	offsets map[int64]int64
	order   []int64
}

// pdfDoc is a PDF being inspected. It knows objects two ways: from the
// cross-reference sections the trailer leads to, and from a scan of the
// whole file for "N G obj" headers, which is what viewers fall back on
// when the cross-reference data are damaged. The scan also finds objects
// the cross-reference would hide, so active content is looked for in
// everything the file holds.
type pdfDoc struct {
	r    io.ReaderAt
	size int64

	xref     map[int64]pdfLoc
	trailer  pdfDict
	found    map[int64]int64 // object number -> offset of its last definition
	inStream map[int64]int64 // object number -> object stream holding it (scan)
	objStms  []int64         // object streams seen, in order
	seenStm  map[int64]bool

	scanRoots  []any // /Root of trailers and xref streams met by the scan
	catalogs   []int64
	openAction []any

	cache     map[int64]*pdfObjStm
	cacheList []int64
	stmFailed map[int64]bool // object streams that could not be loaded, or are being loaded
	// The last "endstream" search: from lastFrom, found at lastFound (-1:
	// none to the end). A later search starting in between has the same
	// answer, which keeps the scan linear when lengths are wrong.
	lastFrom, lastFound int64
	budget              int64
	resolving           int

	incomplete bool
	warn       map[string]bool
}

func newPDFDoc(r io.ReaderAt, size int64) *pdfDoc {
	return &pdfDoc{r: r, size: size, xref: map[int64]pdfLoc{}, found: map[int64]int64{},
		inStream: map[int64]int64{}, seenStm: map[int64]bool{}, cache: map[int64]*pdfObjStm{},
		stmFailed: map[int64]bool{}, lastFrom: -1, budget: pdfDecodeBudget, warn: map[string]bool{}}
}

// ---- cross-reference sections ----

// readXref follows startxref and the /Prev chain, newest section first,
// and reports whether it found a trailer naming the document catalog.
func (d *pdfDoc) readXref() bool {
	off := d.startxref()
	visited := map[int64]bool{}
	for off >= 0 && !visited[off] && len(visited) < pdfMaxXrefSections {
		visited[off] = true
		trailer, ok := d.readXrefSection(off)
		if !ok {
			return false
		}
		if d.trailer == nil {
			d.trailer = trailer
		} else if _, has := d.trailer["Root"]; !has {
			d.trailer["Root"] = trailer["Root"]
		}
		// A hybrid file lists its compressed objects in a stream as well.
		if stm, ok := trailer.int("XRefStm"); ok && !visited[stm] {
			visited[stm] = true
			d.readXrefSection(stm)
		}
		off = -1
		if prev, ok := trailer.int("Prev"); ok {
			off = prev
		}
	}
	_, ok := d.trailer["Root"].(pdfRef)
	return ok
}

// startxref reads the offset after the last "startxref" near the end.
func (d *pdfDoc) startxref() int64 {
	tail := min(d.size, 4096)
	buf := make([]byte, tail)
	n, _ := d.r.ReadAt(buf, d.size-tail)
	i := bytes.LastIndex(buf[:n], []byte("startxref"))
	if i < 0 {
		return -1
	}
	l := newPDFLexer(d.r, d.size, d.size-tail+int64(i)+len64("startxref"))
	off, ok := l.lexInt()
	if !ok || off >= d.size {
		return -1
	}
	return off
}

func len64(s string) int64 { return int64(len(s)) }

// readXrefSection reads a classic table with its trailer, or an xref
// stream, at off.
func (d *pdfDoc) readXrefSection(off int64) (pdfDict, bool) {
	l := newPDFLexer(d.r, d.size, off)
	save := l.pos
	if l.expectKeyword("xref") {
		return d.readXrefTable(l)
	}
	l.pos = save
	dict, start, length, ok := d.streamObjectAt(off, -1)
	if !ok || dict.name("Type") != "XRef" {
		return nil, false
	}
	d.readXrefStream(dict, start, length)
	return dict, true
}

func (d *pdfDoc) readXrefTable(l *pdfLexer) (pdfDict, bool) {
	for {
		t, err := l.lex()
		if err != nil {
			return nil, false
		}
		if t.kind == tokKeyword && t.text == "trailer" {
			v, err := l.parseObject()
			dict, ok := v.(pdfDict)
			return dict, err == nil && ok
		}
		if t.kind != tokNumber {
			return nil, false
		}
		first, err1 := strconv.ParseInt(t.text, 10, 64)
		count, ok := l.lexInt()
		if err1 != nil || !ok || first < 0 {
			return nil, false
		}
		for i := int64(0); i < count; i++ {
			offset, ok1 := l.lexInt()
			_, ok2 := l.lexInt()
			kind, err := l.lex()
			if !ok1 || !ok2 || err != nil || kind.kind != tokKeyword || (kind.text != "n" && kind.text != "f") {
				return nil, false
			}
			d.setXref(first+i, pdfLoc{off: offset, free: kind.text == "f"})
		}
	}
}

// setXref records an entry unless a newer section already did.
func (d *pdfDoc) setXref(num int64, loc pdfLoc) {
	if _, done := d.xref[num]; done {
		return
	}
	if len(d.xref) >= pdfMaxObjects {
		d.incomplete = true
		return
	}
	d.xref[num] = loc
}

func (d *pdfDoc) readXrefStream(dict pdfDict, start, length int64) {
	data, err := d.decode(dict, start, length)
	if err != nil {
		d.incomplete = true
		return
	}
	w, ok := d.resolve(dict["W"]).(pdfArray)
	if !ok || len(w) != 3 {
		d.incomplete = true
		return
	}
	var widths [3]int
	row := 0
	for i, v := range w {
		n, ok := v.(pdfInt)
		if !ok || n < 0 || n > 8 {
			d.incomplete = true
			return
		}
		widths[i] = int(n)
		row += int(n)
	}
	if row == 0 {
		return
	}
	index, _ := d.resolve(dict["Index"]).(pdfArray)
	if index == nil {
		size, _ := dict.int("Size")
		index = pdfArray{pdfInt(0), pdfInt(size)}
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(pdfInt)
		count, ok2 := index[i+1].(pdfInt)
		if !ok1 || !ok2 || first < 0 || count < 0 {
			return
		}
		for j := int64(0); j < int64(count) && pos+row <= len(data); j++ {
			f := [3]int64{1, 0, 0} // the type defaults to 1 when its width is 0
			for k := 0; k < 3; k++ {
				if widths[k] > 0 {
					f[k] = beUint(data[pos : pos+widths[k]])
				}
				pos += widths[k]
			}
			switch f[0] {
			case 0:
				d.setXref(int64(first)+j, pdfLoc{free: true})
			case 1:
				d.setXref(int64(first)+j, pdfLoc{off: f[1]})
			case 2:
				d.setXref(int64(first)+j, pdfLoc{stream: f[1], compressed: true})
				d.noteObjStm(f[1])
			}
		}
	}
}

func beUint(b []byte) int64 {
	var n int64
	for _, c := range b {
		n = n<<8 | int64(c)
	}
	return n & (1<<62 - 1)
}

func (d *pdfDoc) noteObjStm(num int64) {
	if !d.seenStm[num] && len(d.seenStm) < pdfMaxObjects {
		d.seenStm[num] = true
		d.objStms = append(d.objStms, num)
	}
}

// ---- objects ----

// objectAt parses the object whose header is at off; num < 0 takes any
// number. It returns the lexer positioned after the value.
func (d *pdfDoc) objectAt(off, num int64) (any, *pdfLexer, bool) {
	l := newPDFLexer(d.r, d.size, off)
	n, ok1 := l.lexInt()
	_, ok2 := l.lexInt()
	if !ok1 || !ok2 || (num >= 0 && n != num) || !l.expectKeyword("obj") {
		return nil, nil, false
	}
	v, err := l.parseObject()
	return v, l, err == nil
}

// streamObjectAt parses a stream object at off and locates its data.
func (d *pdfDoc) streamObjectAt(off, num int64) (pdfDict, int64, int64, bool) {
	v, l, ok := d.objectAt(off, num)
	dict, isDict := v.(pdfDict)
	if !ok || !isDict {
		return nil, 0, 0, false
	}
	start, length, _, ok := d.streamData(l, dict)
	return dict, start, length, ok
}

// streamData finds the data of a stream whose dictionary l has just read:
// from /Length if "endstream" really follows it, otherwise up to the next
// "endstream". It returns where reading may go on after the stream.
func (d *pdfDoc) streamData(l *pdfLexer, dict pdfDict) (start, length, end int64, ok bool) {
	save := l.pos
	if !l.expectKeyword("stream") {
		l.pos = save
		return 0, 0, save, false
	}
	// The keyword is followed by CRLF or LF (a lone CR is tolerated).
	if l.peek() == '\r' {
		l.pos++
	}
	if l.peek() == '\n' {
		l.pos++
	}
	start = l.pos
	if n, ok := d.resolve(dict["Length"]).(pdfInt); ok && n >= 0 && int64(n) <= d.size-start {
		e := newPDFLexer(d.r, d.size, start+int64(n))
		if e.expectKeyword("endstream") {
			return start, int64(n), e.pos, true
		}
	}
	i := d.endstream(start)
	if i < 0 {
		return start, d.size - start, d.size, true
	}
	length = i - start
	for length > 0 && isPDFSpace(d.byteAt(start+length-1)) {
		length--
	}
	return start, length, i + len64("endstream"), true
}

// endstream finds the first "endstream" at or after from, remembering
// the last answer.
func (d *pdfDoc) endstream(from int64) int64 {
	if d.lastFrom >= 0 && from >= d.lastFrom && (d.lastFound < 0 || from <= d.lastFound) {
		return d.lastFound
	}
	i := indexFrom(d.r, d.size, from, d.size, []byte("endstream"))
	d.lastFrom, d.lastFound = from, i
	return i
}

func (d *pdfDoc) byteAt(off int64) int {
	var b [1]byte
	if n, _ := d.r.ReadAt(b[:], off); n == 1 {
		return int(b[0])
	}
	return -1
}

// resolve follows a reference to its object; other values come back as
// they are. An object that cannot be found resolves to nil, as the spec
// says a reference to a missing object means null.
func (d *pdfDoc) resolve(v any) any {
	ref, ok := v.(pdfRef)
	if !ok {
		return v
	}
	obj, _ := d.object(ref.num)
	return obj
}

// object finds object num through the cross-reference data, then through
// what the scan found.
func (d *pdfDoc) object(num int64) (any, error) {
	if d.resolving >= pdfMaxResolve {
		return nil, errPDFDepth
	}
	d.resolving++
	defer func() { d.resolving-- }()
	if loc, ok := d.xref[num]; ok && !loc.free {
		if loc.compressed {
			if v, err := d.compressedObject(loc.stream, num); err == nil {
				return v, nil
			}
		} else if v, _, ok := d.objectAt(loc.off, num); ok {
			return v, nil
		}
	}
	if off, ok := d.found[num]; ok {
		if v, _, ok := d.objectAt(off, num); ok {
			return v, nil
		}
	}
	if stm, ok := d.inStream[num]; ok {
		return d.compressedObject(stm, num)
	}
	return nil, errPDFNotFound
}

// compressedObject parses object num out of object stream stm.
func (d *pdfDoc) compressedObject(stm, num int64) (any, error) {
	s, err := d.objStm(stm)
	if err != nil {
		return nil, err
	}
	off, ok := s.offsets[num]
	if !ok {
		return nil, errPDFNotFound
	}
	l := newPDFLexer(bytes.NewReader(s.data), int64(len(s.data)), off)
	return l.parseObject()
}

// objStm decodes object stream num, keeping the last few decoded.
func (d *pdfDoc) objStm(num int64) (*pdfObjStm, error) {
	if s, ok := d.cache[num]; ok {
		return s, nil
	}
	// Each stream is loaded at most once unless it succeeds, and never
	// from inside its own loading (a /Length held in itself).
	if d.stmFailed[num] {
		return nil, errPDFNotFound
	}
	d.stmFailed[num] = true
	s, err := d.loadObjStm(num)
	if err != nil {
		return nil, err
	}
	delete(d.stmFailed, num)
	if len(d.cacheList) >= pdfMaxObjStms {
		delete(d.cache, d.cacheList[0])
		d.cacheList = d.cacheList[1:]
	}
	d.cache[num] = s
	d.cacheList = append(d.cacheList, num)
	return s, nil
}

func (d *pdfDoc) loadObjStm(num int64) (*pdfObjStm, error) {
	off := int64(-1)
	if loc, ok := d.xref[num]; ok && !loc.free && !loc.compressed {
		off = loc.off
	}
	dict, start, length, ok := d.streamObjectAt(off, num)
	if !ok && d.found[num] != 0 {
		dict, start, length, ok = d.streamObjectAt(d.found[num], num)
	}
	if !ok || dict.name("Type") != "ObjStm" {
		return nil, errPDFNotFound
	}
	n, ok1 := d.resolve(dict["N"]).(pdfInt)
	first, ok2 := d.resolve(dict["First"]).(pdfInt)
	if !ok1 || !ok2 || n < 0 || first < 0 {
		return nil, errPDFSyntax
	}
	data, err := d.decode(dict, start, length)
	if err != nil {
		return nil, err
	}
	if int64(first) > int64(len(data)) {
		return nil, errPDFSyntax
	}
	s := &pdfObjStm{data: data, offsets: map[int64]int64{}}
	l := newPDFLexer(bytes.NewReader(data), int64(first), 0)
	for i := int64(0); i < int64(n); i++ {
		objNum, ok1 := l.lexInt()
		rel, ok2 := l.lexInt()
		if !ok1 || !ok2 || int64(first)+rel >= int64(len(data)) {
			break
		}
		if _, dup := s.offsets[objNum]; !dup {
			s.order = append(s.order, objNum)
		}
		s.offsets[objNum] = int64(first) + rel
	}
	return s, nil
}

// ---- stream decoding ----

// decode returns a stream's data with its filters undone. Only what object
// and xref streams use is supported: no filter, or FlateDecode with or
// without a PNG predictor.
func (d *pdfDoc) decode(dict pdfDict, start, length int64) ([]byte, error) {
	filters := d.resolve(dict["Filter"])
	if a, ok := filters.(pdfArray); ok && len(a) == 1 {
		filters = d.resolve(a[0])
	}
	parms, _ := d.resolve(dict["DecodeParms"]).(pdfDict)
	if a, ok := d.resolve(dict["DecodeParms"]).(pdfArray); ok && len(a) == 1 {
		parms, _ = d.resolve(a[0]).(pdfDict)
	}
	section := io.NewSectionReader(d.r, start, length)
	var data []byte
	var err error
	switch filters {
	case nil:
		data, err = d.readLimited(section)
	case pdfName("FlateDecode"), pdfName("Fl"):
		data, err = d.inflate(section)
		if err == nil {
			data, err = unpredict(data, parms)
		}
	default:
		return nil, errPDFFilter
	}
	return data, err
}

func (d *pdfDoc) inflate(section *io.SectionReader) ([]byte, error) {
	var r io.Reader
	if z, err := zlib.NewReader(section); err == nil {
		r = z
	} else {
		// Some writers leave out the zlib header; try raw deflate.
		section.Seek(0, io.SeekStart)
		r = flate.NewReader(section)
	}
	data, err := d.readLimited(r)
	if err != nil && len(data) > 0 && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum)) {
		err = nil // truncated or with a bad checksum: viewers use what inflated
	}
	return data, err
}

// readLimited reads at most pdfMaxStreamBytes, and charges the budget.
func (d *pdfDoc) readLimited(r io.Reader) ([]byte, error) {
	limit := min(int64(pdfMaxStreamBytes), d.budget)
	var buf bytes.Buffer
	_, err := io.Copy(&buf, io.LimitReader(r, limit+1))
	if int64(buf.Len()) > limit {
		return nil, errPDFBudget
	}
	d.budget -= int64(buf.Len())
	return buf.Bytes(), err
}

// unpredict undoes a PNG predictor (Predictor 10 to 15), row by row.
func unpredict(data []byte, parms pdfDict) ([]byte, error) {
	pred, _ := parms.int("Predictor")
	if pred < 10 {
		if pred > 1 {
			return nil, errPDFFilter // TIFF predictor: not used by xref streams
		}
		return data, nil
	}
	cols, ok := parms.int("Columns")
	if !ok {
		cols = 1
	}
	colors, ok := parms.int("Colors")
	if !ok {
		colors = 1
	}
	bpc, ok := parms.int("BitsPerComponent")
	if !ok {
		bpc = 8
	}
	if cols <= 0 || cols > 1<<20 || colors <= 0 || colors > 32 || bpc <= 0 || bpc > 16 {
		return nil, errPDFSyntax
	}
	bpp := int(max(1, (colors*bpc+7)/8))
	rowLen := int((cols*colors*bpc + 7) / 8)
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for len(data) > rowLen {
		kind, row := data[0], data[1:1+rowLen]
		data = data[1+rowLen:]
		cur := make([]byte, rowLen)
		for i := range row {
			var left, upLeft byte
			if i >= bpp {
				left, upLeft = cur[i-bpp], prev[i-bpp]
			}
			up := prev[i]
			switch kind {
			case 0:
				cur[i] = row[i]
			case 1:
				cur[i] = row[i] + left
			case 2:
				cur[i] = row[i] + up
			case 3:
				cur[i] = row[i] + byte((int(left)+int(up))/2)
			case 4:
				cur[i] = row[i] + paeth(left, up, upLeft)
			default:
				return nil, errPDFSyntax
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ---- the scan ----

// pdfHeader finds the first object header ("N G obj") or "trailer"
// keyword in buf and returns where it starts and ends, or -1. It looks
// for the keywords with bytes.Index and checks the numbers backwards,
// which is fast even on megabytes of compressed (random-looking) data.
func pdfHeader(buf []byte) (int, int) {
	tr := bytes.Index(buf, []byte("trailer"))
	for from := 0; ; {
		j := bytes.Index(buf[from:], []byte("obj"))
		if j < 0 {
			break
		}
		j += from
		if tr >= 0 && tr < j {
			return tr, tr + len("trailer")
		}
		if start := headerStart(buf, j); start >= 0 {
			return start, j + len("obj")
		}
		from = j + 1
	}
	if tr >= 0 {
		return tr, tr + len("trailer")
	}
	return -1, -1
}

// headerStart checks that "obj" at j is preceded by "N G " and returns
// where N starts, or -1.
func headerStart(buf []byte, j int) int {
	k := j
	skip := func(ok func(int) bool, most int) bool {
		n := 0
		for k > 0 && ok(int(buf[k-1])) && n <= most {
			k--
			n++
		}
		return n > 0 && n <= most
	}
	const anyLength = 1 << 30
	if !skip(isPDFSpace, anyLength) || !skip(isDigit, 5) || !skip(isPDFSpace, anyLength) || !skip(isDigit, 10) {
		return -1
	}
	return k
}

// scan reads the file from start to end, parsing each object it finds and
// stepping over stream data, so that nothing inside a stream is taken for
// an object.
func (d *pdfDoc) scan() {
	buf := make([]byte, min(64<<10, max(d.size, 64)))
	pos := int64(0)
	for pos < d.size {
		n, _ := d.r.ReadAt(buf, pos)
		if n == 0 {
			return
		}
		start, end := pdfHeader(buf[:n])
		// A match touching the end of the chunk may go on in the next one.
		if start < 0 || (end > n-32 && pos+int64(n) < d.size) {
			if pos+int64(n) >= d.size {
				return
			}
			pos += int64(max(1, n-64))
			continue
		}
		pos = d.scanAt(pos+int64(start), pos+int64(end))
		if len(d.found) >= pdfMaxObjects {
			d.incomplete = true
			return
		}
	}
}

// scanAt handles one match from start to end and returns where to go on.
func (d *pdfDoc) scanAt(start, end int64) int64 {
	if d.byteAt(start) == 't' { // trailer
		if isPDFRegular(d.byteAt(start-1)) || isPDFRegular(d.byteAt(end)) {
			return end
		}
		l := newPDFLexer(d.r, d.size, end)
		if v, err := l.parseObject(); err == nil {
			if dict, ok := v.(pdfDict); ok {
				d.check(dict, 0)
				if root, ok := dict["Root"]; ok {
					d.scanRoots = append(d.scanRoots, root)
				}
			}
			return l.pos
		}
		return end
	}
	// The regexp may have started inside a longer number.
	for i := 0; i < 10 && start > 0 && isDigit(d.byteAt(start-1)); i++ {
		start--
	}
	if isPDFRegular(d.byteAt(start-1)) || isPDFRegular(d.byteAt(end)) {
		return end
	}
	l := newPDFLexer(d.r, d.size, start)
	num, _ := l.lexInt()
	v, l, ok := d.objectAt(start, -1)
	if !ok {
		return end
	}
	d.found[num] = start
	d.check(v, 0)
	dict, isDict := v.(pdfDict)
	if !isDict {
		return l.pos
	}
	switch dict.name("Type") {
	case "Catalog":
		d.catalogs = append(d.catalogs, num)
	case "ObjStm":
		d.noteObjStm(num)
	case "XRef":
		if root, ok := dict["Root"]; ok {
			d.scanRoots = append(d.scanRoots, root)
		}
	}
	_, _, after, _ := d.streamData(l, dict)
	return max(after, end)
}

func isDigit(c int) bool { return c >= '0' && c <= '9' }

// scanObjectStreams decodes every object stream met, checks the objects
// inside, and indexes them for when the cross-reference data fail.
func (d *pdfDoc) scanObjectStreams() {
	for _, stm := range d.objStms {
		s, err := d.objStm(stm)
		if err != nil {
			d.incomplete = true
			continue
		}
		for _, num := range s.order {
			if _, ok := d.inStream[num]; !ok && len(d.inStream) < pdfMaxObjects {
				d.inStream[num] = stm
			}
			l := newPDFLexer(bytes.NewReader(s.data), int64(len(s.data)), s.offsets[num])
			v, err := l.parseObject()
			if err != nil {
				d.incomplete = true
				continue
			}
			d.check(v, 0)
			if dict, ok := v.(pdfDict); ok && dict.name("Type") == "Catalog" {
				d.catalogs = append(d.catalogs, num)
			}
		}
	}
}
