// Package blob is the encrypted file store: an upload is streamed into an
// encrypted temp file (Stage), published under a random storage name only
// after its database row commits (Publish), or discarded. Files are never
// held whole in memory and no plaintext touches the disk.
package blob
