// Package filetype decides what an upload is from its content, against an
// allowlist, counts a PDF's pages while it streams, and makes server-side
// file names safe. It knows nothing of the store.
package filetype
