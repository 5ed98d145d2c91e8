// Package static holds the portal's CSS, icons and optional scripts,
// embedded into the binary so that nothing is fetched from elsewhere.
package static

import "embed"

// FS is the embedded static files, served under /static/.
//
//go:embed *.css *.svg *.js
var FS embed.FS
