package filetype

import "regexp"

// pageObject matches the start of a page object of a PDF's page tree; the
// character after it must end the name ("/Type /Page", not "/Type /Pages").
var pageObject = regexp.MustCompile(`/Type\s{0,8}/Page`)

// pdfTail is how much of the previous chunk is kept, so a match split
// across two writes is still found.
const pdfTail = 64

// PDFPageCounter counts a PDF's pages while the file streams past it (use
// it with io.TeeReader), without keeping the file. It counts page objects
// in the clear; a PDF whose page tree is inside compressed object streams
// counts as 0 pages, meaning "unknown".
type PDFPageCounter struct {
	tail    []byte
	offset  int64 // absolute offset of tail[0]
	counted int64 // absolute offset after the last counted match's start
	pages   int
}

// Write scans p for page objects.
func (c *PDFPageCounter) Write(p []byte) (int, error) {
	buf := append(c.tail, p...)
	for _, m := range pageObject.FindAllIndex(buf, -1) {
		start := c.offset + int64(m[0])
		// At the end of the buffer the name may go on in the next write,
		// which still holds this match in its tail.
		if m[1] == len(buf) || isNameChar(buf[m[1]]) {
			continue
		}
		if start >= c.counted {
			c.pages++
			c.counted = start + 1
		}
	}
	keep := min(len(buf), pdfTail)
	c.offset += int64(len(buf) - keep)
	c.tail = append(c.tail[:0], buf[len(buf)-keep:]...)
	return len(p), nil
}

// Pages is the number of pages counted so far.
func (c *PDFPageCounter) Pages() int { return c.pages }

func isNameChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
