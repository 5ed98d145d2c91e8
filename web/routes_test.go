package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStreamingRoutesAreExactlyTheMultipartReaders checks the streaming
// marks in routes.go against the handlers' code: a handler that reads a
// multipart body must be on a route marked streaming (or the CSRF middleware
// refuses every upload), and a route marked streaming must have a handler
// that reads one (or its token check is deferred to a parser that never
// runs).
func TestStreamingRoutesAreExactlyTheMultipartReaders(t *testing.T) {
	readers := multipartReaders(t, filepath.Join("..", "handlers"))
	require.NotEmpty(t, readers, "the handlers' streaming parser was not found")
	s := New(Config{SessionKey: make([]byte, 32)}, nil)
	checked := 0
	for _, r := range s.echo.Routes() {
		name, ok := handlerMethod(r.Name)
		if !ok {
			continue
		}
		checked++
		key := routeKey(r.Method, r.Path)
		if readers[name] {
			assert.True(t, s.streamingRoutes[key], "%s reads a multipart body: mark %s streaming", name, key)
		} else {
			assert.False(t, s.streamingRoutes[key], "%s is marked streaming but %s reads no multipart body", key, name)
		}
	}
	assert.NotZero(t, checked, "no handler routes found")
	for key := range s.streamingRoutes {
		assert.True(t, strings.HasPrefix(key, "POST "), "only form posts stream: %s", key)
	}
}

// handlerMethod is the method name of a route's handler, if it is one of
// the handlers package's methods ("...handlers.(*Handlers).Name-fm").
func handlerMethod(funcName string) (string, bool) {
	const prefix = "/handlers.(*Handlers)."
	i := strings.LastIndex(funcName, prefix)
	if i < 0 {
		return "", false
	}
	return strings.TrimSuffix(funcName[i+len(prefix):], "-fm"), true
}

// multipartReaders parses the package in dir and returns the functions and
// methods that open a multipart body, directly or through the package's
// own functions and methods on the same receiver.
func multipartReaders(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	calls := map[string]map[string]bool{}
	reads := map[string]bool{}
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			callees, opens := calledNames(fn)
			calls[fn.Name.Name] = callees
			reads[fn.Name.Name] = opens
		}
	}
	for changed := true; changed; {
		changed = false
		for fn, callees := range calls {
			for callee := range callees {
				if reads[callee] && !reads[fn] {
					reads[fn], changed = true, true
				}
			}
		}
	}
	return reads
}

// calledNames lists what fn calls of its own package (plain functions, and
// methods on its receiver) and says whether it opens a multipart body.
func calledNames(fn *ast.FuncDecl) (map[string]bool, bool) {
	recv := ""
	if fn.Recv != nil && len(fn.Recv.List) == 1 && len(fn.Recv.List[0].Names) == 1 {
		recv = fn.Recv.List[0].Names[0].Name
	}
	callees, opens := map[string]bool{}, false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		switch f := call.Fun.(type) {
		case *ast.Ident:
			callees[f.Name] = true
		case *ast.SelectorExpr:
			switch f.Sel.Name {
			case "MultipartReader", "ParseMultipartForm", "MultipartForm", "FormFile":
				opens = true
			}
			if x, ok := f.X.(*ast.Ident); ok && x.Name == "multipart" && f.Sel.Name == "NewReader" {
				opens = true
			}
			if x, ok := f.X.(*ast.Ident); ok && x.Name == recv {
				callees[f.Sel.Name] = true
			}
		}
		return true
	})
	return callees, opens
}
