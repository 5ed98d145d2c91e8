package static

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"mime"
	"path"
	"strings"
)

// Asset is one embedded file, ready to serve.
type Asset struct {
	// Name is the file's name in FS.
	Name string
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

// Assets are the servable files by name, loaded and compressed once.
var Assets = load()

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
		a := &Asset{Name: name, Type: mime.TypeByExtension(ext), Body: body}
		if compressible[ext] && len(body) >= minGzip {
			a.Gzip = compress(body)
		}
		out[name] = a
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
