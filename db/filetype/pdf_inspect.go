package filetype

import (
	"io"
	"sort"
)

// Warnings about a PDF, for staff about to open it. Each is a message key
// suffix: the staff page shows "filewarning.<code>".
const (
	WarnJavaScript   = "pdf_javascript"    // /JS, /JavaScript, XFA forms
	WarnLaunch       = "pdf_launch"        // /Launch actions start programs or open files
	WarnEmbeddedFile = "pdf_embedded_file" // /EmbeddedFile(s), file attachments
	WarnAutoAction   = "pdf_auto_action"   // /AA, or an /OpenAction that does more than show a page
	WarnUnchecked    = "pdf_unchecked"     // part of the file could not be read, so not all of it was checked
)

// PDFInfo is what inspecting a PDF found.
type PDFInfo struct {
	Pages    int  // pages in the page tree; 0 if they could not be counted
	Counted  bool // the page tree was read to the end
	Warnings []string
}

// InspectPDF reads a PDF's structure from r: its cross-reference sections
// (tables and streams, following /Prev), or, where those are damaged,
// every object found in a scan of the file; the objects inside compressed
// object streams (FlateDecode); and the page tree from the catalog. It
// counts the pages and lists the active content it finds. It never fails:
// what it cannot read leaves the pages uncounted or adds WarnUnchecked.
func InspectPDF(r io.ReaderAt, size int64) PDFInfo {
	d := newPDFDoc(r, size)
	xrefOK := d.readXref()
	d.scan()
	d.scanObjectStreams()
	d.checkOpenActions()
	var info PDFInfo
	root := d.root(xrefOK)
	if root != nil {
		info.Pages, info.Counted = d.countPages(root)
	}
	if !info.Counted {
		info.Pages = 0
	}
	if d.incomplete || len(d.found) == 0 && len(d.inStream) == 0 {
		d.warn[WarnUnchecked] = true
	}
	for w := range d.warn {
		info.Warnings = append(info.Warnings, w)
	}
	sort.Strings(info.Warnings)
	return info
}

// root is the document catalog: the trailer's, else the last one a trailer
// or xref stream met by the scan names, else the last catalog object.
func (d *pdfDoc) root(xrefOK bool) pdfDict {
	if xrefOK {
		if c, ok := d.resolve(d.trailer["Root"]).(pdfDict); ok {
			return c
		}
	}
	for i := len(d.scanRoots) - 1; i >= 0; i-- {
		if c, ok := d.resolve(d.scanRoots[i]).(pdfDict); ok {
			return c
		}
	}
	for i := len(d.catalogs) - 1; i >= 0; i-- {
		if c, ok := d.resolve(pdfRef{num: d.catalogs[i]}).(pdfDict); ok {
			return c
		}
	}
	return nil
}

// countPages walks the page tree from the catalog and counts its leaves.
// A tree with a cycle, a missing node or a node of the wrong kind cannot
// be counted. Where the root's /Count disagrees with the leaves, the
// larger number is given: a page limit must not be passed by a /Count
// that understates.
func (d *pdfDoc) countPages(catalog pdfDict) (int, bool) {
	type node struct {
		v     any
		depth int
	}
	stack := []node{{catalog["Pages"], 0}}
	visited := map[int64]bool{}
	leaves, nodes := 0, 0
	rootCount := int64(-1)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if ref, ok := n.v.(pdfRef); ok {
			if visited[ref.num] {
				return 0, false
			}
			visited[ref.num] = true
		}
		dict, ok := d.resolve(n.v).(pdfDict)
		if nodes++; !ok || nodes > pdfMaxPageNodes || n.depth > pdfMaxDepth {
			return 0, false
		}
		kids, hasKids := d.resolve(dict["Kids"]).(pdfArray)
		switch t := dict.name("Type"); {
		case t == "Pages" || t == "" && hasKids:
			if !hasKids {
				return 0, false
			}
			if nodes == 1 {
				if c, ok := dict.int("Count"); ok {
					rootCount = c
				}
			}
			for i := len(kids) - 1; i >= 0; i-- {
				stack = append(stack, node{kids[i], n.depth + 1})
			}
		case t == "Page" || t == "":
			leaves++
		default:
			return 0, false
		}
	}
	if leaves == 0 {
		return 0, false
	}
	if rootCount > int64(leaves) && rootCount <= pdfMaxPageNodes {
		return int(rootCount), true
	}
	return leaves, true
}

// check looks through one object, and the arrays and dictionaries written
// inside it, for active content.
func (d *pdfDoc) check(v any, depth int) {
	if depth > pdfMaxDepth {
		return
	}
	switch v := v.(type) {
	case pdfArray:
		for _, x := range v {
			d.check(x, depth+1)
		}
	case pdfDict:
		for k, x := range v {
			switch k {
			case "JS", "JavaScript", "XFA":
				d.warn[WarnJavaScript] = true
			case "Launch":
				d.warn[WarnLaunch] = true
			case "EmbeddedFile", "EmbeddedFiles":
				d.warn[WarnEmbeddedFile] = true
			case "AA":
				d.warn[WarnAutoAction] = true
			case "OpenAction":
				d.openAction = append(d.openAction, x)
			}
			d.check(x, depth+1)
		}
		switch v.name("S") {
		case "JavaScript":
			d.warn[WarnJavaScript] = true
		case "Launch":
			d.warn[WarnLaunch] = true
		}
		if v.name("Type") == "EmbeddedFile" || v.name("Subtype") == "FileAttachment" {
			d.warn[WarnEmbeddedFile] = true
		}
	}
}

// checkOpenActions warns of an /OpenAction that does anything other than
// show a page (a destination array, or a GoTo action) when opened.
func (d *pdfDoc) checkOpenActions() {
	for _, a := range d.openAction {
		switch v := d.resolve(a).(type) {
		case pdfDict:
			if s := v.name("S"); s != "GoTo" {
				d.warn[WarnAutoAction] = true
				d.check(v, 0) // an action held in an object stream is checked there too; this is cheap
			}
		case nil, pdfArray:
		default:
			d.warn[WarnAutoAction] = true
		}
	}
}
