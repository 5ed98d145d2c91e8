package filetype

import "io"

// Report is what inspecting a whole file found.
type Report struct {
	Type Type // the type the content proved to be
	// Pages is the number of pages of a PDF, from its page tree; 0 when
	// not a PDF or when they could not be counted.
	Pages int
	// PagesUnknown is set for a PDF whose pages could not be counted,
	// which a document with a page limit cannot be.
	PagesUnknown bool
	// Warnings are codes of what staff should know before opening the
	// file (see WarnJavaScript and the others); the catalogue names each
	// under "filewarning.<code>".
	Warnings []string
}

// Inspect reads a whole file of the type Check gave, through r (which may
// decrypt on demand: every check reads only what it needs), and refuses
// with a *Refusal what is not safe to open: an office document with
// macros, links outside itself or a zip bomb inside, a picture too large
// to decode. A PDF is never refused here; its pages are counted and its
// active content reported.
func Inspect(r io.ReaderAt, size int64, ft Type) (Report, error) {
	rep := Report{Type: ft}
	switch ft {
	case fileTypePDF:
		info := InspectPDF(r, size)
		rep.Pages, rep.PagesUnknown, rep.Warnings = info.Pages, !info.Counted, info.Warnings
	case fileTypeDOCX, fileTypeXLSX, fileTypeODT:
		t, warnings, err := InspectZip(r, size, ft)
		if err != nil {
			return Report{}, err
		}
		rep.Type, rep.Warnings = t, warnings
	case fileTypeJPEG, fileTypePNG, fileTypeWEBP, fileTypeTIFF, fileTypeHEIC, fileTypeHEIF:
		if err := InspectImage(r, size, ft); err != nil {
			return Report{}, err
		}
	case fileTypeDOC:
		return Report{}, refuse("upload.legacy_office")
	default:
		return Report{}, refuse("upload.type_not_allowed")
	}
	return rep, nil
}
