package filetype

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// This file reads PDF syntax (ISO 32000-1, section 7.2 and 7.3) from any
// io.ReaderAt: the upload is read back from the encrypted store, never held
// whole. Every loop moves forward or stops, and every container has a size
// and depth limit, so a hostile file costs bounded time and memory.

// PDF objects, as far as inspection needs them. Strings are skipped: no
// check needs their text.
type (
	pdfName   string
	pdfInt    int64
	pdfReal   float64
	pdfString struct{}
	pdfArray  []any
	pdfDict   map[pdfName]any
	pdfRef    struct{ num, gen int64 }
	pdfKw     string // a bare keyword such as obj, stream, R, true, null
)

// Limits on one parsed object.
const (
	pdfMaxDepth    = 64      // nested arrays and dictionaries
	pdfMaxElements = 1 << 18 // values in one object, all levels together
	pdfMaxName     = 256     // longer names are cut (the spec says 127)
	pdfMaxNumber   = 64      // digits and signs of one number
	pdfWindow      = 16 << 10
)

var (
	errPDFSyntax   = errors.New("pdf: syntax error")
	errPDFTooLarge = errors.New("pdf: object too large")
	errPDFDepth    = errors.New("pdf: nesting too deep")
)

// pdfLexer reads tokens from r, starting at pos, through a small window.
type pdfLexer struct {
	r        io.ReaderAt
	size     int64
	pos      int64
	win      []byte
	winOff   int64
	elements int // values parsed by the current parseObject call
}

func newPDFLexer(r io.ReaderAt, size, pos int64) *pdfLexer {
	return &pdfLexer{r: r, size: size, pos: pos, win: make([]byte, 0, min(pdfWindow, max(size, 16)))}
}

// byteAt returns the byte at off, or -1 past the end or on a read error.
func (l *pdfLexer) byteAt(off int64) int {
	if off < 0 || off >= l.size {
		return -1
	}
	if off < l.winOff || off >= l.winOff+int64(len(l.win)) {
		n, _ := l.r.ReadAt(l.win[:cap(l.win)], off)
		l.win, l.winOff = l.win[:n], off
		if n == 0 {
			return -1
		}
	}
	return int(l.win[off-l.winOff])
}

func (l *pdfLexer) peek() int { return l.byteAt(l.pos) }

func (l *pdfLexer) next() int {
	c := l.byteAt(l.pos)
	if c >= 0 {
		l.pos++
	}
	return c
}

func isPDFSpace(c int) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelim(c int) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isPDFRegular(c int) bool { return c >= 0 && !isPDFSpace(c) && !isPDFDelim(c) }

// skipSpace skips white space and comments.
func (l *pdfLexer) skipSpace() {
	for {
		c := l.peek()
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for c >= 0 && c != '\n' && c != '\r' {
				l.pos++
				c = l.peek()
			}
		default:
			return
		}
	}
}

// token kinds returned by lex.
const (
	tokEOF = iota
	tokNumber
	tokName
	tokString
	tokArrayOpen
	tokArrayClose
	tokDictOpen
	tokDictClose
	tokKeyword
)

type pdfToken struct {
	kind int
	text string // number or keyword text, decoded name
}

// lex reads the next token.
func (l *pdfLexer) lex() (pdfToken, error) {
	l.skipSpace()
	c := l.peek()
	switch {
	case c < 0:
		return pdfToken{kind: tokEOF}, nil
	case c == '/':
		l.pos++
		return pdfToken{kind: tokName, text: l.lexName()}, nil
	case c == '(':
		l.pos++
		return pdfToken{kind: tokString}, l.skipLiteralString()
	case c == '<':
		l.pos++
		if l.peek() == '<' {
			l.pos++
			return pdfToken{kind: tokDictOpen}, nil
		}
		return pdfToken{kind: tokString}, l.skipHexString()
	case c == '>':
		l.pos++
		if l.next() != '>' {
			return pdfToken{}, errPDFSyntax
		}
		return pdfToken{kind: tokDictClose}, nil
	case c == '[':
		l.pos++
		return pdfToken{kind: tokArrayOpen}, nil
	case c == ']':
		l.pos++
		return pdfToken{kind: tokArrayClose}, nil
	case c == '{' || c == '}' || c == ')':
		l.pos++ // PostScript braces and stray parentheses mean nothing here
		return pdfToken{kind: tokKeyword, text: string(rune(c))}, nil
	}
	start := l.pos
	var b []byte
	for isPDFRegular(l.peek()) {
		if len(b) < pdfMaxNumber {
			b = append(b, byte(l.peek()))
		}
		l.pos++
	}
	if l.pos == start { // cannot happen: c is regular here
		l.pos++
		return pdfToken{}, errPDFSyntax
	}
	s := string(b)
	if isPDFNumber(s) {
		return pdfToken{kind: tokNumber, text: s}, nil
	}
	return pdfToken{kind: tokKeyword, text: s}, nil
}

func isPDFNumber(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' || c == '-' || c == '.':
		default:
			return false
		}
	}
	return digits > 0
}

// lexName reads a name after its slash, decoding #xx escapes, so that
// "/J#61vaScript" is seen as the /JavaScript it means.
func (l *pdfLexer) lexName() string {
	var b []byte
	for isPDFRegular(l.peek()) {
		c := l.next()
		if c == '#' {
			h1, h2 := unhex(l.byteAt(l.pos)), unhex(l.byteAt(l.pos+1))
			if h1 >= 0 && h2 >= 0 {
				c = h1<<4 | h2
				l.pos += 2
			}
		}
		if len(b) < pdfMaxName {
			b = append(b, byte(c))
		}
	}
	return string(b)
}

func unhex(c int) int {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return -1
}

// skipLiteralString skips a (string) with balanced parentheses and
// backslash escapes, after its opening parenthesis.
func (l *pdfLexer) skipLiteralString() error {
	depth := 1
	for {
		switch l.next() {
		case -1:
			return errPDFSyntax
		case '\\':
			l.next()
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return nil
			}
		}
	}
}

func (l *pdfLexer) skipHexString() error {
	for {
		switch c := l.next(); {
		case c == '>':
			return nil
		case c == -1:
			return errPDFSyntax
		case unhex(c) < 0 && !isPDFSpace(c):
			return errPDFSyntax
		}
	}
}

// parseObject parses one value. After an integer it looks ahead for
// "G R", making a reference.
func (l *pdfLexer) parseObject() (any, error) {
	l.elements = 0
	return l.parseValue(0)
}

func (l *pdfLexer) parseValue(depth int) (any, error) {
	if depth > pdfMaxDepth {
		return nil, errPDFDepth
	}
	if l.elements++; l.elements > pdfMaxElements {
		return nil, errPDFTooLarge
	}
	t, err := l.lex()
	if err != nil {
		return nil, err
	}
	switch t.kind {
	case tokEOF:
		return nil, io.ErrUnexpectedEOF
	case tokName:
		return pdfName(t.text), nil
	case tokString:
		return pdfString{}, nil
	case tokNumber:
		return l.numberOrRef(t.text), nil
	case tokArrayOpen:
		return l.parseArray(depth)
	case tokDictOpen:
		return l.parseDict(depth)
	case tokKeyword:
		switch t.text {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return pdfKw(t.text), nil
	}
	return nil, errPDFSyntax // a closing bracket where a value should be
}

func (l *pdfLexer) numberOrRef(text string) any {
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		f, _ := strconv.ParseFloat(text, 64)
		return pdfReal(f)
	}
	save := l.pos
	if g, ok := l.lexInt(); ok {
		if t, err := l.lex(); err == nil && t.kind == tokKeyword && t.text == "R" {
			return pdfRef{num: n, gen: g}
		}
	}
	l.pos = save
	return pdfInt(n)
}

// lexInt reads a non-negative integer token, if one comes next.
func (l *pdfLexer) lexInt() (int64, bool) {
	t, err := l.lex()
	if err != nil || t.kind != tokNumber {
		return 0, false
	}
	n, err := strconv.ParseInt(t.text, 10, 64)
	return n, err == nil && n >= 0
}

func (l *pdfLexer) parseArray(depth int) (pdfArray, error) {
	var a pdfArray
	for {
		l.skipSpace()
		if l.peek() == ']' {
			l.pos++
			return a, nil
		}
		v, err := l.parseValue(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

func (l *pdfLexer) parseDict(depth int) (pdfDict, error) {
	d := pdfDict{}
	for {
		t, err := l.lex()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tokDictClose:
			return d, nil
		case tokName:
		default:
			return nil, errPDFSyntax
		}
		v, err := l.parseValue(depth + 1)
		if err != nil {
			return nil, err
		}
		d[pdfName(t.text)] = v
	}
}

// expectKeyword reads the next token and reports whether it is kw.
func (l *pdfLexer) expectKeyword(kw string) bool {
	t, err := l.lex()
	return err == nil && t.kind == tokKeyword && t.text == kw
}

// indexFrom finds the first occurrence of pat at or after from, reading at
// most limit bytes; -1 if none.
func indexFrom(r io.ReaderAt, size, from, limit int64, pat []byte) int64 {
	buf := make([]byte, 64<<10)
	end := min(size, from+limit)
	for off := from; off < end; {
		n, _ := r.ReadAt(buf[:min(int64(len(buf)), end-off)], off)
		if n == 0 {
			return -1
		}
		if i := bytes.Index(buf[:n], pat); i >= 0 {
			return off + int64(i)
		}
		if off+int64(n) >= end {
			return -1
		}
		off += int64(max(1, n-len(pat)+1))
	}
	return -1
}

// dict helpers

func (d pdfDict) name(key pdfName) pdfName {
	n, _ := d[key].(pdfName)
	return n
}

func (d pdfDict) int(key pdfName) (int64, bool) {
	n, ok := d[key].(pdfInt)
	return int64(n), ok
}
