package web

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/static"
)

// staticHandler serves the embedded static files. Anything that is not a
// servable file (a folder, the Go source, a missing name) is a normal 404
// page; files may be cached briefly since they change only with a release.
func staticHandler() echo.HandlerFunc {
	files := http.StripPrefix("/static/", http.FileServer(http.FS(static.FS)))
	return func(c echo.Context) error {
		name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
		info, err := fs.Stat(static.FS, name)
		if err != nil || info.IsDir() || strings.HasSuffix(name, ".go") {
			return echo.ErrNotFound
		}
		c.Response().Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}
