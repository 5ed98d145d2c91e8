package filetype

// allFileTypes lists every accepted type once, for lookups by stored MIME.
var allFileTypes = []Type{fileTypePDF, fileTypeJPEG, fileTypePNG, fileTypeHEIC, fileTypeHEIF, fileTypeWEBP,
	fileTypeTIFF, fileTypeDOCX, fileTypeODT, fileTypeXLSX, fileTypeDOC}

// ByMIME returns the accepted type stored under mime, to name it to
// people and to choose a download filename extension.
func ByMIME(mime string) (Type, bool) {
	for _, ft := range allFileTypes {
		if ft.MIME == mime {
			return ft, true
		}
	}
	return Type{}, false
}
