// Command bare is the yardstick of `make bench`: a bare Echo server that
// answers GET / with a fixed small HTML page, so the portal's pages can be
// read as a share of what Echo itself serves on the same machine in the
// same run. It listens on 127.0.0.1 only and prints its address.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
)

const pageHTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head>` +
	`<body><main><h1>Bare Echo</h1><p>A fixed small page.</p></main></body></html>`

func main() {
	port := flag.Int("port", 0, "port on 127.0.0.1 (0 picks a free one)")
	flag.Parse()
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/", func(c echo.Context) error { return c.HTML(http.StatusOK, pageHTML) })
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "bare listening on http://%s\n", ln.Addr())
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
