package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"
)

// Asset is one embedded file, ready to serve.
type Asset struct {
	// Name is the file's name in FS.
	Name string
	// Hashed is the name it is served under: the content's hash between
	// the base name and the extension (app.3f2a9c01d4e5.css), so that a
	// changed file has a new address and every address can be cached for
	// good.
	Hashed string
	// Type is its Content-Type.
	Type string
	// Body is the file as it is.
	Body []byte
	// Gzip is Body gzip-compressed once at start, or nil for files that
	// gain nothing from it (images already compressed, tiny files).
	Gzip []byte
}

// compressible are the extensions worth compressing: text. These files are
// the same for everyone and hold no secret, so compressing them cannot leak
// one (BREACH needs a secret and attacker-chosen text in the same body).
var compressible = map[string]bool{".css": true, ".js": true, ".svg": true}

// minGzip is the size below which compressing saves too little to matter.
const minGzip = 512

// Assets are the servable files by hashed name, loaded and compressed once.
var Assets = load()

// hashed maps a file's own name to its hashed one.
var hashed = func() map[string]string {
	out := map[string]string{}
	for _, a := range Assets {
		out[a.Name] = a.Hashed
	}
	return out
}()

// Path turns a static file's plain address (/static/app.css) into the one
// it is served under, with the content's hash in it. An address that names
// no embedded file is returned as it is, and answers 404, so a typo shows
// in the tests.
func Path(plain string) string {
	if h, ok := hashed[strings.TrimPrefix(plain, "/static/")]; ok {
		return "/static/" + h
	}
	return plain
}

// hashLen is how many hex digits of the SHA-256 go into a name: enough
// that two releases' versions of a file never share one.
const hashLen = 12

func hashedName(name string, body []byte) string {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:hashLen] + ext
}

func load() map[string]*Asset {
	out := map[string]*Asset{}
	err := fs.WalkDir(FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") {
			return err
		}
		body, err := fs.ReadFile(FS, name)
		if err != nil {
			return err
		}
		ext := path.Ext(name)
		a := &Asset{Name: name, Hashed: hashedName(name, body), Type: mime.TypeByExtension(ext), Body: body}
		if compressible[ext] && len(body) >= minGzip {
			a.Gzip = compress(body)
		}
		out[a.Hashed] = a
		return nil
	})
	if err != nil {
		// The files are embedded at build time: a failure here is a broken
		// build, not a condition to serve through.
		panic("static: " + err.Error())
	}
	return out
}

func compress(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	return buf.Bytes()
}
