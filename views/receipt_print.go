package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain/receipt"
)

// PrintStyle is how a line of a printed document is set.
type PrintStyle int

// Print styles, from the largest type to the smallest.
const (
	PrintTitle   PrintStyle = iota // the document's title
	PrintHeading                   // a heading within it
	PrintText                      // running text
	PrintItem                      // a list item, indented
	PrintCode                      // a fingerprint or other code, left to right, in small type
	PrintHint                      // small explanatory text
)

// PrintLine is one paragraph of a printed document; the PDF renderer
// wraps it to the page.
type PrintLine struct {
	Style PrintStyle
	Text  string
}

// ReceiptPrint is the receipt as the PDF sets it: the same facts and
// words as ReceiptPage, in the reader's language, paragraph by paragraph.
func ReceiptPrint(ctx context.Context, rc receipt.Receipt) []PrintLine {
	label := func(key, value string) PrintLine {
		return PrintLine{PrintText, T(ctx, "receipt.label_value", T(ctx, key), value)}
	}
	lines := []PrintLine{
		{PrintHint, T(ctx, "app.name")},
		{PrintTitle, T(ctx, "receipt.heading")},
		{PrintText, T(ctx, "receipt.intro")},
		label("receipt.reference", rc.Request.Reference),
		label("receipt.submitted", FormatDateTime(ctx, rc.Request.SubmittedAt)),
		label("receipt.kind", kindLabel(ctx, rc.Request)),
		{PrintHeading, T(ctx, "receipt.sections")},
	}
	for _, s := range rc.Sections {
		lines = append(lines, PrintLine{PrintItem, T(ctx, "task."+s)})
	}
	lines = append(lines, PrintLine{PrintHeading, T(ctx, "receipt.documents")})
	if len(rc.Documents) == 0 {
		lines = append(lines, PrintLine{PrintText, T(ctx, "receipt.no_documents")})
	}
	for i, d := range rc.Documents {
		lines = append(lines,
			PrintLine{PrintHeading, T(ctx, "receipt.document_n", i+1, d.Name)},
			label("receipt.doc_type", T(ctx, "doctype."+string(d.Type))),
			label("receipt.doc_size", ExactSize(ctx, d.Size)))
		if d.AfterFiling {
			lines = append(lines, label("receipt.doc_added", FormatDateTime(ctx, d.CreatedAt)))
		}
		lines = append(lines, PrintLine{PrintText, T(ctx, "receipt.doc_sha256")}, PrintLine{PrintCode, d.SHA256})
	}
	return append(lines, PrintLine{PrintHint, T(ctx, "receipt.fingerprint_hint")},
		PrintLine{PrintHint, T(ctx, "receipt.not_a_decision")})
}

// ExactSize is a file size as people read it, followed by its exact count
// of bytes when the two differ, as a proof of what was filed needs.
func ExactSize(ctx context.Context, n int64) string {
	if n < 1_000 {
		return FormatSize(ctx, n)
	}
	return FormatSize(ctx, n) + " (" + T(ctx, "receipt.bytes", n) + ")"
}

// ReceiptManifest is the manifest.txt of the "everything filed" archive:
// a heading, then one line per file, tab-separated -- its name in the
// archive, its exact size in bytes and its SHA-256 -- so that anyone can
// check each file against the receipt.
func ReceiptManifest(ctx context.Context, rc receipt.Receipt, names []string) string {
	var b strings.Builder
	b.WriteString(T(ctx, "receipt.manifest_heading", rc.Request.Reference) + "\n")
	b.WriteString(T(ctx, "receipt.label_value", T(ctx, "receipt.submitted"), FormatDateTime(ctx, rc.Request.SubmittedAt)) + "\n\n")
	b.WriteString(T(ctx, "receipt.manifest_name") + "\t" + T(ctx, "receipt.manifest_size") + "\t" + T(ctx, "receipt.manifest_sha256") + "\n")
	for i, d := range rc.Documents {
		b.WriteString(names[i] + "\t" + strconv.FormatInt(d.Size, 10) + "\t" + d.SHA256 + "\n")
	}
	return b.String()
}
