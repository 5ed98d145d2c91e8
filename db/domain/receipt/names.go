package receipt

import (
	"path"
	"strconv"
	"strings"
	"unicode"
)

// ManifestName is the archive's own list of its files; no document takes
// this name.
const ManifestName = "manifest.txt"

// ArchiveNames gives each document of docs its file name in the archive,
// in the same order: the name it was uploaded with (already stripped of
// paths and invisible characters when stored), with the characters that
// some systems refuse in a file name replaced, and duplicates -- compared
// without regard to case, as Windows and macOS compare -- told apart as
// "name (2).pdf". No name can hold a path, start with a dot or clash with
// the manifest.
func ArchiveNames(names []string) []string {
	taken := map[string]bool{strings.ToLower(ManifestName): true}
	out := make([]string, len(names))
	for i, n := range names {
		base := safeArchiveName(n)
		name := base
		for k := 2; taken[strings.ToLower(name)]; k++ {
			name = numbered(base, k)
		}
		taken[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// safeArchiveName makes one stored name safe as a file name anywhere.
func safeArchiveName(n string) string {
	n = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), strings.ContainsRune(`/\:*?"<>|`, r):
			return '_'
		}
		return r
	}, n)
	n = strings.TrimFunc(n, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	if n == "" {
		return "document"
	}
	return n
}

// numbered inserts " (k)" before the extension of name.
func numbered(name string, k int) string {
	ext := path.Ext(name)
	if ext == name {
		ext = ""
	}
	return strings.TrimSuffix(name, ext) + " (" + strconv.Itoa(k) + ")" + ext
}
